import { AliasSchema, CREDIT_TYPES, REFERENCE_TYPES } from '../../schemas/advisory.ts';
import { ContactUrlSchema, VersionSchema } from '../../schemas/common.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import type { Project } from '../../schemas/project.ts';
import type { Severity } from '../../schemas/severity.ts';
import { bandScore, cvssVersionOf, primaryScore, scoreCvss, type CvssScore } from '../cvss.ts';
import { absolute, paths } from '../urls.ts';

/** What an import needs to know about the content it adds to. */
export interface ImportContext {
  organisation: Organisation;
  severities: readonly Severity[];
  projects: ReadonlyMap<string, Project>;
  /** The next free id for a year; called once per allocated id. */
  nextId: (year: number) => string;
  /** Every affected package goes to this project; a package it does not publish is an error, never rewritten. */
  project?: string | undefined;
  /** Creates a project for a package no project publishes, and returns its slug; without it, such a record fails. */
  createProject?: ((ecosystem: string, name: string, repository: string | undefined) => string) | undefined;
  /** Whether imported advisories are published at once; otherwise they are drafts. */
  publish: boolean;
}

/** An advisory file made from an OSV record: its front matter, body, and what a maintainer should know. */
export interface Imported {
  id: string;
  /** The OSV record's own id. */
  source: string;
  frontMatter: Record<string, unknown>;
  body: string;
  /** Things kept as they came that a maintainer may want to look at, one line each. */
  warnings: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const objects = (value: unknown): Json[] => (Array.isArray(value) ? value.filter(isObject) : []);

/** OSV's zero time: Go's repository stores it for dates its public feed fills in later. */
const ZERO_TIME = /^0001-01-01T00:00:00(?:\.0+)?Z$/;

/** The top-level OSV fields the content model holds; everything else is kept as it came. */
const MODELLED = new Set([
  'id',
  'modified',
  'published',
  'withdrawn',
  'aliases',
  'related',
  'summary',
  'details',
  'severity',
  'affected',
  'references',
  'credits',
]);

/**
 * Turns one OSV record into an advisory, keeping every field: what the content model holds goes
 * into its fields, and everything else (database_specific, ecosystem_specific, purls, timestamps
 * exactly as written, severity types other than CVSS) into `imported.osv`, which the OSV output
 * gives back as it came. Its own id is kept when it is one of this organisation's; otherwise it
 * gets the next free id and the original id becomes an alias. Throws an Error saying what to do
 * when the record cannot become an advisory.
 */
export function fromOsv(record: Json, context: ImportContext): Imported {
  const warnings: string[] = [];
  const source = typeof record['id'] === 'string' ? record['id'] : '';
  if (!source) throw new Error('has no id; it is not an OSV record');
  if (typeof record['modified'] !== 'string')
    throw new Error('has no modified date; it is not an OSV record');
  const kept: Json = {};
  for (const [key, value] of Object.entries(record)) if (!MODELLED.has(key)) kept[key] = value;

  const { advisoryPrefix: prefix, advisoryIds: scheme } = context.organisation;
  const own = new RegExp(`^(?:x_)?(${prefix ?? ''}-\\d{4}-\\d{4,})$`);
  const cveAliases = strings(record['aliases']);
  // Named by CVE: the record's CVE id; by any scheme: the record's own id.
  const local = (id: string) =>
    scheme === 'prefix'
      ? own.exec(id)?.[1]
      : scheme === 'any'
        ? id
        : [id, ...cveAliases].find((alias) => /^CVE-\d{4}-\d{4,}$/.test(alias));

  const modified = record['modified'];
  const published = typeof record['published'] === 'string' ? record['published'] : modified;
  if (typeof record['published'] !== 'string') kept['published'] = null; // absent in the source
  const times = { published, modified, withdrawn: record['withdrawn'] };
  for (const [key, value] of Object.entries(times)) {
    if (typeof value === 'string' && !Number.isNaN(Date.parse(value)) && canonical(value) !== value)
      kept[key] = value; // written differently from how Disclose writes it (fractions, offsets)
  }
  const id = local(source) ?? context.nextId(yearOf(published, modified, source));

  const aliases: string[] = [];
  const otherAliases: string[] = [];
  for (const alias of [...(local(source) ? [] : [source]), ...strings(record['aliases'])]) {
    if (AliasSchema.safeParse(alias).success) aliases.push(alias);
    else otherAliases.push(alias);
  }
  if (otherAliases.length > 0) kept['aliases'] = otherAliases;
  const related = strings(record['related']).map((r) => local(r) ?? r);
  const unrelated = related.filter((r) => !AliasSchema.safeParse(r).success);
  if (unrelated.length > 0) kept['related'] = unrelated;

  // CVSS vectors of every version become scores; other severity types are kept as they came.
  const cvss: string[] = [];
  const otherSeverity: Json[] = [];
  for (const entry of objects(record['severity'])) {
    const vector = typeof entry['score'] === 'string' ? entry['score'] : '';
    if (
      cvssVersionOf(vector) &&
      tryScore(vector) &&
      !cvss.some((v) => cvssVersionOf(v) === cvssVersionOf(vector))
    )
      cvss.push(vector);
    else otherSeverity.push(entry);
  }
  if (otherSeverity.length > 0) kept['severity'] = otherSeverity;
  // An empty list in the source ("related": []) is given back as an empty list, not left out.
  for (const key of ['related', 'severity', 'credits', 'references'])
    if (Array.isArray(record[key]) && record[key].length === 0) kept[key] = [];
  const databaseSpecific = isObject(record['database_specific']) ? record['database_specific'] : {};
  const rated = severityOf(
    databaseSpecific['severity'],
    cvss,
    context.severities,
    context.organisation.cvssBands,
  );

  const affectedKept: (Json | null)[] = [];
  const affected = objects(record['affected']).map((entry) => {
    const { mapped, extra } = affectedEntry(entry, context);
    affectedKept.push(Object.keys(extra).length > 0 ? extra : null);
    return mapped;
  });
  if (affected.length === 0) throw new Error('affects nothing (no affected entries); nothing to publish');
  if (affectedKept.some((entry) => entry !== null)) kept['affected'] = affectedKept;

  const page = absolute(context.organisation.site, paths.advisory(id));
  const references: { type: string; url: string }[] = [];
  const otherReferences: Json[] = [];
  for (const reference of objects(record['references'])) {
    const type = String(reference['type']);
    const url = String(reference['url']);
    if (url === page) continue; // the link to this advisory's own page, which Disclose's records carry
    if ((REFERENCE_TYPES as readonly string[]).includes(type) && /^https?:\/\/[^\s]+$/.test(url)) {
      references.push({ type, url });
      if (url.startsWith('http:')) warnings.push(`reference ${url} is plain http; kept as it is`);
    } else otherReferences.push(reference);
  }
  if (otherReferences.length > 0) kept['references'] = otherReferences;

  const credits = objects(record['credits']).map((credit) => {
    const type = typeof credit['type'] === 'string' ? credit['type'] : undefined;
    const contact = strings(credit['contact']);
    return {
      name: String(credit['name']),
      ...(type && (CREDIT_TYPES as readonly string[]).includes(type) && { type }),
      ...(contact.length > 0 && { contact }),
    };
  });
  if (credits.some((c) => c.contact?.some((contact) => !ContactUrlSchema.safeParse(contact).success))) {
    kept['credits'] = record['credits'];
  }
  // Credits without a type are OTHER in Disclose; the source's absent type is given back absent.
  const untyped = credits.flatMap((credit, i) => (credit.type ? [] : [i]));
  if (untyped.length > 0) kept['untypedCredits'] = untyped;
  const cwes = strings(databaseSpecific['cwe_ids']).filter((cwe) => /^CWE-\d+$/.test(cwe));

  const withdrawn = typeof record['withdrawn'] === 'string' ? record['withdrawn'] : undefined;
  const details = typeof record['details'] === 'string' ? record['details'] : '';
  // The body is the details exactly as written (the OSV output gives them back byte for byte); absent details stay absent.
  if (typeof record['details'] !== 'string') kept['details'] = null;
  const summary = typeof record['summary'] === 'string' ? record['summary'] : undefined;
  const frontMatter: Record<string, unknown> = {
    id,
    ...(summary !== undefined && { summary }),
    ...(aliases.length > 0 && { aliases }),
    ...(related.length > unrelated.length && { related: related.filter((r) => !unrelated.includes(r)) }),
    published,
    ...(modified !== published && { modified }),
    ...(withdrawn && {
      withdrawn,
      withdrawnReason: `Withdrawn by ${databaseOf(source)}, the database it was imported from.`,
    }),
    ...(rated.severity && { severity: rated.severity }),
    ...(rated.justification && { severityJustification: rated.justification }),
    ...(cvss.length > 0 && { cvss }),
    ...(cwes.length > 0 && { cwes }),
    affected,
    ...(references.length > 0 && { references }),
    ...(credits.length > 0 && {
      credits: credits.map(({ type, ...credit }) => ({ ...credit, type: type ?? 'OTHER' })),
    }),
    imported: { from: source, modified, ...(Object.keys(kept).length > 0 && { osv: kept }) },
    ...(!context.publish && { draft: true }),
  };
  return { id, source, frontMatter, body: details, warnings };
}

/** How Disclose writes a timestamp: RFC 3339 in UTC, milliseconds only when there are some. */
export function canonical(value: string): string {
  return new Date(value).toISOString().replace('.000Z', 'Z');
}

function tryScore(vector: string): CvssScore | undefined {
  try {
    return scoreCvss(vector);
  } catch {
    return undefined;
  }
}

/** The year an imported advisory is filed under: publication's, else the source id's, else modification's. */
function yearOf(published: string, modified: string, source: string): number {
  for (const date of [published, modified]) {
    if (!ZERO_TIME.test(date) && !Number.isNaN(Date.parse(date))) return new Date(date).getUTCFullYear();
  }
  const fromId = /-((?:19|20)\d{2})-/.exec(source)?.[1];
  return fromId ? Number(fromId) : new Date().getUTCFullYear();
}

/** The database a record comes from, named by its id's prefix. */
function databaseOf(source: string): string {
  const prefix = source.split('-')[0] ?? '';
  const known: Record<string, string> = {
    GHSA: "GitHub's advisory database",
    GO: "Go's vulnerability database",
    PYSEC: "PyPA's advisory database",
    RUSTSEC: 'the RustSec advisory database',
  };
  return known[prefix] ?? `the ${prefix} database`;
}

/**
 * The severity: the record's own word for it (matched against each severity's id, label and
 * `matches`), else the band its CVSS score falls in, else none (not rated). A word that disagrees
 * with the CVSS band is kept, and the disagreement recorded as the justification.
 */
function severityOf(
  word: unknown,
  cvss: readonly string[],
  severities: readonly Severity[],
  use: 'CVSS-B' | 'as-given',
): { severity?: string; justification?: string } {
  const newest = primaryScore(cvss.flatMap((vector) => tryScore(vector) ?? []));
  const primary = newest && bandScore(newest, use);
  const banded =
    primary && severities.find((s) => s.cvss && primary.score >= s.cvss.min && primary.score <= s.cvss.max);
  if (typeof word === 'string') {
    const lower = word.toLowerCase();
    const match = severities.find(
      (s) =>
        s.id === lower || s.label.toLowerCase() === lower || s.matches.some((m) => m.toLowerCase() === lower),
    );
    if (match) {
      if (banded && banded.id !== match.id && primary)
        return {
          severity: match.id,
          justification: `The source database rates it ${word}; its CVSS ${primary.version} score of ${primary.score.toFixed(1)} falls in ${banded.label}.`,
        };
      return { severity: match.id };
    }
  }
  return banded ? { severity: banded.id } : {};
}

/** A package's web address on its registry, for a project created from it. */
function registryUrl(ecosystem: string, name: string): string | undefined {
  const base = ecosystem.split(':')[0];
  const encoded = encodeURIComponent(name);
  switch (base) {
    case 'Go':
      return /^[a-z0-9.-]+\.[a-z]{2,}\//i.test(name)
        ? `https://pkg.go.dev/${name}`
        : `https://pkg.go.dev/${encoded}`;
    case 'PyPI':
      return `https://pypi.org/project/${encoded}/`;
    case 'crates.io':
      return `https://crates.io/crates/${encoded}`;
    case 'npm':
      return `https://www.npmjs.com/package/${name.split('/').map(encodeURIComponent).join('/')}`;
    case 'RubyGems':
      return `https://rubygems.org/gems/${encoded}`;
    case 'Packagist':
      return `https://packagist.org/packages/${name}`;
    case 'Maven':
      return `https://central.sonatype.com/artifact/${name.split(':').map(encodeURIComponent).join('/')}`;
    case 'NuGet':
      return `https://www.nuget.org/packages/${encoded}`;
    default:
      return undefined;
  }
}

function affectedEntry(entry: Json, context: ImportContext) {
  const pkg = isObject(entry['package']) ? entry['package'] : undefined;
  const ecosystem = typeof pkg?.['ecosystem'] === 'string' ? pkg['ecosystem'] : undefined;
  const name = typeof pkg?.['name'] === 'string' ? pkg['name'] : undefined;
  const extra: Json = {};
  for (const [key, value] of Object.entries(entry)) {
    if (!['package', 'ranges', 'versions'].includes(key)) extra[key] = value;
  }
  if (pkg) {
    const otherPackageFields = Object.fromEntries(
      Object.entries(pkg).filter(([key]) => !['ecosystem', 'name'].includes(key)),
    );
    if (Object.keys(otherPackageFields).length > 0) extra['package'] = otherPackageFields;
  }
  const ranges = objects(entry['ranges']).map((range) => {
    const rangeExtra = Object.fromEntries(
      Object.entries(range).filter(([key]) => !['type', 'repo', 'events'].includes(key)),
    );
    return {
      type: typeof range['type'] === 'string' ? range['type'] : 'SEMVER',
      ...(typeof range['repo'] === 'string' && { repo: range['repo'] }),
      events: objects(range['events']).map((event) => ({ ...event })),
      ...(Object.keys(rangeExtra).length > 0 && { extra: rangeExtra }),
    };
  });
  const rangesExtra = ranges.map((r) => r.extra ?? null);
  if (rangesExtra.some((r) => r !== null)) extra['ranges'] = rangesExtra;
  const versions = strings(entry['versions']);
  const safeVersions = versions.filter((v) => VersionSchema.safeParse(v).success);
  if (safeVersions.length < versions.length) extra['versions'] = versions;
  if (Array.isArray(entry['versions']) && versions.length === 0) extra['versions'] = entry['versions'];

  const repos = ranges.flatMap((r) => (r.repo ? [r.repo.replace(/\.git$/, '').replace(/\/+$/, '')] : []));
  const matches = (p: Project) => p.packages.some((c) => c.ecosystem === ecosystem && c.name === name);
  let project: string | undefined;
  if (context.project) {
    const chosen = context.projects.get(context.project);
    if (name && chosen && !matches(chosen))
      throw new Error(
        `--project ${context.project} does not publish ${ecosystem ?? '?'} package ${name}; add it to that project's packages, or import with --create-projects`,
      );
    project = context.project;
  } else {
    // Disclose's own records name the project in database_specific.
    const named = isObject(entry['database_specific']) ? entry['database_specific']['project'] : undefined;
    project =
      [...context.projects].find(([, p]) => matches(p))?.[0] ??
      (typeof named === 'string' && context.projects.has(named) ? named : undefined) ??
      (!name
        ? [...context.projects].find(([, p]) => repos.includes(p.repository.replace(/\/+$/, '')))?.[0]
        : undefined);
  }
  if (!project && context.createProject && ecosystem && name) {
    project = context.createProject(ecosystem, name, repos[0] ?? registryUrl(ecosystem, name));
  }
  if (!project) {
    throw new Error(
      `no project publishes ${pkg ? `${ecosystem ?? '?'} package ${name ?? '?'}` : 'what it affects'}; add the package to a project's packages, or import with --create-projects`,
    );
  }
  const packages = context.projects.get(project)?.packages ?? [];
  const keepPackage = name && packages.length > 1 && packages.some((p) => p.name === name);
  return {
    mapped: {
      project,
      ...(keepPackage && { package: name }),
      ...(ranges.length > 0 && {
        ranges: ranges.map((range) => ({
          type: range.type,
          ...(range.repo && { repo: range.repo }),
          events: range.events,
        })),
      }),
      ...(safeVersions.length > 0 && { versions: safeVersions }),
    },
    extra,
  };
}
