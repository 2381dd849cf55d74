import calculator from 'ae-cvss-calculator';

// Scoring is the library's; this file only recognises versions, insists on complete base
// metrics (the library would silently fill missing ones with "X") and names the rating band.

const { Cvss2, Cvss3P0, Cvss3P1, Cvss4P0 } = calculator;

const BASE_METRICS = {
  '2.0': ['AV', 'AC', 'Au', 'C', 'I', 'A'],
  '3.0': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
} as const;

/** The values each base metric allows, per version (CVSS v2.0, v3.0, v3.1 and v4.0 specifications); 3.0 and 3.1 share them. */
const V3_VALUES = {
  AV: ['N', 'A', 'L', 'P'],
  AC: ['L', 'H'],
  PR: ['N', 'L', 'H'],
  UI: ['N', 'R'],
  S: ['U', 'C'],
  C: ['H', 'L', 'N'],
  I: ['H', 'L', 'N'],
  A: ['H', 'L', 'N'],
};

const BASE_VALUES: Record<CvssVersion, Record<string, readonly string[]>> = {
  '2.0': {
    AV: ['L', 'A', 'N'],
    AC: ['H', 'M', 'L'],
    Au: ['M', 'S', 'N'],
    C: ['N', 'P', 'C'],
    I: ['N', 'P', 'C'],
    A: ['N', 'P', 'C'],
  },
  '3.0': V3_VALUES,
  '3.1': V3_VALUES,
  '4.0': {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    AT: ['N', 'P'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'P', 'A'],
    VC: ['H', 'L', 'N'],
    VI: ['H', 'L', 'N'],
    VA: ['H', 'L', 'N'],
    SC: ['H', 'L', 'N'],
    SI: ['H', 'L', 'N'],
    SA: ['H', 'L', 'N'],
  },
};

export type CvssVersion = keyof typeof BASE_METRICS;
export type CvssRating = 'None' | 'Low' | 'Medium' | 'High' | 'Critical';

export interface CvssScore {
  version: CvssVersion;
  vector: string;
  score: number;
  rating: CvssRating;
  /** FIRST's calculator for this vector's own version. */
  calculatorUrl: string;
  /**
   * What the score measures, in FIRST's nomenclature for CVSS 4.0: `CVSS-B` (base metrics only),
   * `CVSS-BT` (with threat), `CVSS-BE` (with environmental) or `CVSS-BTE`. Other versions: `CVSS`.
   */
  nomenclature: 'CVSS' | 'CVSS-B' | 'CVSS-BT' | 'CVSS-BE' | 'CVSS-BTE';
}

/** CVSS 4.0's environmental metrics (modified base metrics and security requirements). */
const ENVIRONMENTAL_4 = [
  'CR',
  'IR',
  'AR',
  'MAV',
  'MAC',
  'MAT',
  'MPR',
  'MUI',
  'MVC',
  'MVI',
  'MVA',
  'MSC',
  'MSI',
  'MSA',
];

/** The version of a vector: its `CVSS:x.y/` prefix, or 2.0 for the unprefixed form CVSS 2.0 uses. */
export function cvssVersionOf(vector: string): CvssVersion | undefined {
  const prefixed = /^CVSS:(3\.0|3\.1|4\.0)\//.exec(vector)?.[1];
  if (prefixed) return prefixed as CvssVersion;
  return /^\(?AV:[LAN]\/AC:[HML]\/Au:[MSN]\//.test(vector) ? '2.0' : undefined;
}

/** Scores already worked out, by vector: a site's advisories share a few hundred vectors at most. */
const scored = new Map<string, Readonly<CvssScore>>();

/** Scores a v2.0, v3.0, v3.1 or v4.0 vector; throws an Error saying what is wrong with it. */
export function scoreCvss(vector: string): Readonly<CvssScore> {
  const known = scored.get(vector);
  if (known) return known;
  const score = Object.freeze(computeScore(vector));
  // Bounded, so no input grows it without end.
  if (scored.size >= 10_000) scored.clear();
  scored.set(vector, score);
  return score;
}

function computeScore(vector: string): CvssScore {
  const version = cvssVersionOf(vector);
  if (!version)
    throw new Error(
      'must start with CVSS:3.1/, CVSS:4.0/ or CVSS:3.0/, or be a CVSS 2.0 vector (AV:N/AC:L/Au:N/...)',
    );
  const body = version === '2.0' ? vector.replace(/^\((.*)\)$/, '$1') : vector.slice('CVSS:x.y/'.length);
  const metrics = new Map<string, string>();
  for (const part of body.split('/')) {
    const [key, value, ...rest] = part.split(':');
    if (!key || !value || rest.length > 0) throw new Error(`"${part}" is not METRIC:VALUE`);
    if (metrics.has(key)) throw new Error(`metric ${key} appears twice`);
    metrics.set(key, value);
  }
  for (const key of BASE_METRICS[version]) {
    const value = metrics.get(key);
    const allowed = BASE_VALUES[version][key] ?? [];
    if (value !== undefined && !allowed.includes(value))
      throw new Error(`is not valid: ${key} has an unknown value ${value} (allowed: ${allowed.join(', ')})`);
  }
  const missing = BASE_METRICS[version].filter((key) => !metrics.has(key));
  if (missing.length > 0) throw new Error(`is missing base metric(s) ${missing.join(', ')}`);
  let score: number;
  try {
    const parsed =
      version === '2.0'
        ? new Cvss2(body)
        : version === '3.0'
          ? new Cvss3P0(vector)
          : version === '3.1'
            ? new Cvss3P1(vector)
            : new Cvss4P0(vector);
    score = parsed.calculateScores().base ?? Number.NaN;
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!Number.isFinite(score)) throw new Error('could not be scored');
  const threat = version === '4.0' && metrics.has('E') && metrics.get('E') !== 'X';
  const environmental =
    version === '4.0' && ENVIRONMENTAL_4.some((key) => metrics.has(key) && metrics.get(key) !== 'X');
  const nomenclature =
    version !== '4.0'
      ? 'CVSS'
      : (`CVSS-B${threat ? 'T' : ''}${environmental ? 'E' : ''}` as CvssScore['nomenclature']);
  return {
    version,
    vector,
    score,
    rating: version === '2.0' ? cvss2Rating(score) : cvssRating(score),
    calculatorUrl: calculatorUrl(version, vector),
    nomenclature,
  };
}

/** CVSS 2.0 has three bands (NVD's): Low below 4, Medium below 7, High from 7. */
function cvss2Rating(score: number): CvssRating {
  if (score < 4) return 'Low';
  return score < 7 ? 'Medium' : 'High';
}

/** The CVSS qualitative rating of a base score. */
export function cvssRating(score: number): CvssRating {
  if (score === 0) return 'None';
  if (score < 4) return 'Low';
  if (score < 7) return 'Medium';
  if (score < 9) return 'High';
  return 'Critical';
}

function calculatorUrl(version: CvssVersion, vector: string): string {
  if (version === '2.0')
    return `https://nvd.nist.gov/vuln-metrics/cvss/v2-calculator?vector=(${encodeURIComponent(vector.replace(/^\(|\)$/g, ''))})`;
  return `https://www.first.org/cvss/calculator/${version}#${vector}`;
}

/** The score that decides the band: the newest version present (4.0, then 3.1, 3.0, 2.0). */
export function primaryScore(scores: readonly CvssScore[]): CvssScore | undefined {
  for (const version of ['4.0', '3.1', '3.0', '2.0'] as const) {
    const found = scores.find((s) => s.version === version);
    if (found) return found;
  }
  return undefined;
}

/**
 * The score a severity band is checked against. `CVSS-B` (the default) takes a CVSS 4.0 vector's
 * base metrics alone, as FIRST advises for comparing severities; `as-given` takes the vector with
 * its threat and environmental metrics. Other versions score their base metrics either way.
 */
export function bandScore(score: CvssScore, use: 'CVSS-B' | 'as-given'): CvssScore {
  if (use === 'as-given' || score.version !== '4.0' || score.nomenclature === 'CVSS-B') return score;
  const base = new Set<string>(BASE_METRICS['4.0']);
  const parts = score.vector.split('/');
  return scoreCvss(
    [parts[0], ...parts.slice(1).filter((part) => base.has(part.split(':')[0] ?? ''))].join('/'),
  );
}
