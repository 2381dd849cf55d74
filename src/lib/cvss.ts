import calculator from 'ae-cvss-calculator';

// Scoring is the library's; this file only recognises versions, insists on complete base
// metrics (the library would silently fill missing ones with "X") and names the rating band.

const { Cvss3P1, Cvss4P0 } = calculator;

const BASE_METRICS = {
  '3.1': ['AV', 'AC', 'PR', 'UI', 'S', 'C', 'I', 'A'],
  '4.0': ['AV', 'AC', 'AT', 'PR', 'UI', 'VC', 'VI', 'VA', 'SC', 'SI', 'SA'],
} as const;

/** The values each base metric allows, per version (CVSS v3.1 and v4.0 specifications). */
const BASE_VALUES: Record<CvssVersion, Record<string, readonly string[]>> = {
  '3.1': {
    AV: ['N', 'A', 'L', 'P'],
    AC: ['L', 'H'],
    PR: ['N', 'L', 'H'],
    UI: ['N', 'R'],
    S: ['U', 'C'],
    C: ['H', 'L', 'N'],
    I: ['H', 'L', 'N'],
    A: ['H', 'L', 'N'],
  },
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
}

/** Scores a v3.1 or v4.0 vector; throws an Error saying what is wrong with it. */
export function scoreCvss(vector: string): CvssScore {
  const match = /^CVSS:(3\.1|4\.0)\/(.+)$/.exec(vector);
  if (!match) throw new Error('must start with CVSS:3.1/ or CVSS:4.0/');
  const version = match[1] as CvssVersion;
  const metrics = new Map<string, string>();
  for (const part of (match[2] ?? '').split('/')) {
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
    const parsed = version === '3.1' ? new Cvss3P1(vector) : new Cvss4P0(vector);
    score = parsed.calculateScores().base ?? Number.NaN;
  } catch (error) {
    throw new Error(error instanceof Error ? error.message : String(error), { cause: error });
  }
  if (!Number.isFinite(score)) throw new Error('could not be scored');
  return { version, vector, score, rating: cvssRating(score), calculatorUrl: calculatorUrl(version, vector) };
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
  return `https://www.first.org/cvss/calculator/${version}#${vector}`;
}

/** The score that decides the band: v4.0 when present, else v3.1. */
export function primaryScore(scores: readonly CvssScore[]): CvssScore | undefined {
  return scores.find((s) => s.version === '4.0') ?? scores.find((s) => s.version === '3.1');
}
