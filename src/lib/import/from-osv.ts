import { AdvisorySchema, AliasSchema, CREDIT_TYPES, REFERENCE_TYPES } from '../../schemas/advisory.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import type { Project } from '../../schemas/project.ts';
import type { Severity } from '../../schemas/severity.ts';
import { primaryScore, scoreCvss } from '../cvss.ts';
import { absolute, paths } from '../urls.ts';

/** What an import needs to know about the content it adds to. */
export interface ImportContext {
  organisation: Organisation;
  severities: readonly Severity[];
  projects: ReadonlyMap<string, Project>;
  /** The next free id for a year; called once per allocated id. */
  nextId: (year: number) => string;
  /** Used when a record's package or repository matches no project. */
  project?: string | undefined;
  /** Used when a record says nothing Disclose can turn into a severity. */
  severity?: string | undefined;
}

/** An advisory file made from an OSV record: its front matter, body, and what could not be carried over. */
export interface Imported {
  id: string;
  /** The OSV record's own id. */
  source: string;
  frontMatter: Record<string, unknown>;
  body: string;
  /** Fields of the record the content model has no place for, one line each. */
  unmapped: string[];
}

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown, fallback: string): string => (typeof value === 'string' ? value : fallback);
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/**
 * Turns one OSV record into an advisory, keeping every field the content model holds. Its own id
 * is kept when it is one of this organisation's (with or without `x_`); otherwise it gets the next
 * free id and the original id becomes an alias. Throws an Error saying what to do when the record
 * cannot become an advisory (no project for its package, no severity).
 */
export function fromOsv(record: Json, context: ImportContext): Imported {
  const unmapped: string[] = [];
  const source = text(record['id'], '');
  if (!source) throw new Error('has no id; it is not an OSV record');
  const prefix = context.organisation.advisoryPrefix;
  const own = new RegExp(`^(?:x_)?(${prefix}-\\d{4}-\\d{4,})$`);
  const local = (id: string) => own.exec(id)?.[1];

  const published = text(record['published'], text(record['modified'], ''));
  if (!published) throw new Error('has neither published nor modified; give it a date');
  if (!record['published']) unmapped.push('published was missing; modified is used as the publication date');
  const year = new Date(published).getUTCFullYear();
  const id = local(source) ?? context.nextId(year);

  const aliases: string[] = [];
  for (const alias of [...(local(source) ? [] : [source]), ...strings(record['aliases'])]) {
    if (AliasSchema.safeParse(alias).success) aliases.push(alias);
    else unmapped.push(`alias "${alias}" is not an id Disclose can list (CVE-..., GHSA-..., PREFIX-...)`);
  }
  const details = typeof record['details'] === 'string' ? record['details'] : '';
  let summary = typeof record['summary'] === 'string' ? record['summary'].trim() : '';
  if (!summary) {
    summary = (details.split(/(?<=\.)\s|\n/)[0] ?? '').trim().slice(0, 150) || source;
    unmapped.push('summary was missing; the first sentence of details is used');
  }

  const cvss: string[] = [];
  for (const entry of Array.isArray(record['severity']) ? record['severity'] : []) {
    const score = isObject(entry) && typeof entry['score'] === 'string' ? entry['score'] : '';
    if (/^CVSS:(3\.1|4\.0)\//.test(score)) cvss.push(score);
    else
      unmapped.push(
        `severity ${isObject(entry) ? String(entry['type']) : '?'} "${score}": Disclose takes CVSS 3.1 and 4.0 vectors only`,
      );
  }
  const databaseSpecific = isObject(record['database_specific']) ? record['database_specific'] : {};
  const severity = severityOf(databaseSpecific['severity'], cvss, context);

  const affected = (Array.isArray(record['affected']) ? record['affected'] : [])
    .filter(isObject)
    .map((entry, i) => {
      const mapped = affectedEntry(entry, context);
      for (const key of Object.keys(entry)) {
        if (!['package', 'ranges', 'versions', 'database_specific'].includes(key))
          unmapped.push(`affected[${i}].${key}`);
      }
      return mapped;
    });
  if (affected.length === 0) throw new Error('affects nothing (no affected entries)');

  const page = absolute(context.organisation.site, paths.advisory(id));
  const references: { type: string; url: string }[] = [];
  for (const reference of (Array.isArray(record['references']) ? record['references'] : []).filter(
    isObject,
  )) {
    const type = String(reference['type']);
    const url = String(reference['url']);
    if (url === page) continue; // the link to this advisory's own page, which every record carries
    if (!(REFERENCE_TYPES as readonly string[]).includes(type))
      unmapped.push(`reference type ${type} (${url})`);
    else if (!url.startsWith('https://'))
      unmapped.push(`reference ${url}: Disclose publishes https links only`);
    else references.push({ type, url });
  }
  const credits = (Array.isArray(record['credits']) ? record['credits'] : [])
    .filter(isObject)
    .map((credit) => {
      const type = text(credit['type'], 'OTHER');
      return {
        name: String(credit['name']),
        type: (CREDIT_TYPES as readonly string[]).includes(type) ? type : 'OTHER',
        ...(strings(credit['contact']).length > 0 && { contact: strings(credit['contact']) }),
      };
    });
  const cwes = strings(databaseSpecific['cwe_ids']).filter((cwe) => /^CWE-\d+$/.test(cwe));
  for (const key of Object.keys(databaseSpecific)) {
    if (!['severity', 'cwe_ids', 'url'].includes(key)) unmapped.push(`database_specific.${key}`);
  }
  for (const key of Object.keys(record)) {
    if (!KNOWN_FIELDS.includes(key)) unmapped.push(key);
  }

  const withdrawn = typeof record['withdrawn'] === 'string' ? record['withdrawn'] : undefined;
  const related = strings(record['related']).map((r) => local(r) ?? r);
  const frontMatter: Record<string, unknown> = {
    id,
    summary,
    ...(aliases.length > 0 && { aliases }),
    ...(related.length > 0 && { related }),
    published,
    ...(typeof record['modified'] === 'string' &&
      record['modified'] !== published && { modified: record['modified'] }),
    ...(withdrawn && { withdrawn, withdrawnReason: withdrawnReason(details) }),
    severity,
    ...(cvss.length > 0 && { cvss }),
    ...(cwes.length > 0 && { cwes }),
    affected,
    ...(references.length > 0 && { references }),
    ...(credits.length > 0 && { credits }),
  };
  const parsed = AdvisorySchema.safeParse(frontMatter);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(
      `does not fit the advisory schema: ${issue?.path.join('.') ?? ''}: ${issue?.message ?? ''}`,
    );
  }
  return {
    id,
    source,
    frontMatter,
    body: withdrawn ? details.replace(/^\*\*Withdrawn:\*\*.*(?:\n\n|$)/, '') : details,
    unmapped,
  };
}

const KNOWN_FIELDS = [
  'schema_version',
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
  'database_specific',
];

/** Disclose's own OSV output puts the reason first in details; other sources get a generic one. */
function withdrawnReason(details: string): string {
  return /^\*\*Withdrawn:\*\* (.+)$/m.exec(details)?.[1] ?? 'Withdrawn by the database it was imported from.';
}

/** A severity id: the record's own word for it, else the band its CVSS score falls in, else --severity. */
function severityOf(word: unknown, cvss: readonly string[], context: ImportContext): string {
  const { severities } = context;
  if (typeof word === 'string') {
    const lower = word.toLowerCase();
    const match = severities.find((s) => s.id === lower || s.label.toLowerCase() === lower);
    if (match) return match.id;
  }
  const primary = primaryScore(cvss.map(scoreCvss));
  const banded =
    primary && severities.find((s) => s.cvss && primary.score >= s.cvss.min && primary.score <= s.cvss.max);
  if (banded) return banded.id;
  if (context.severity) return context.severity;
  throw new Error(
    `has no severity Disclose can map (${typeof word === 'string' ? `"${word}"` : 'no CVSS vector'}); pass --severity <id>`,
  );
}

function affectedEntry(entry: Json, context: ImportContext) {
  const pkg = isObject(entry['package']) ? entry['package'] : undefined;
  const ecosystem = pkg && String(pkg['ecosystem']);
  const name = pkg && String(pkg['name']);
  const ranges = (Array.isArray(entry['ranges']) ? entry['ranges'] : []).filter(isObject).map((range) => ({
    type: text(range['type'], 'SEMVER'),
    ...(typeof range['repo'] === 'string' && { repo: range['repo'] }),
    events: (Array.isArray(range['events']) ? range['events'] : [])
      .filter(isObject)
      .map((event) => ({ ...event })),
  }));
  const databaseSpecific = isObject(entry['database_specific']) ? entry['database_specific'] : {};
  const repos = ranges.flatMap((r) => (r.repo ? [r.repo.replace(/\.git$/, '').replace(/\/+$/, '')] : []));
  const project =
    [...context.projects].find(([, p]) =>
      p.packages.some((candidate) => candidate.ecosystem === ecosystem && candidate.name === name),
    )?.[0] ??
    (typeof databaseSpecific['project'] === 'string' && context.projects.has(databaseSpecific['project'])
      ? databaseSpecific['project']
      : undefined) ??
    [...context.projects].find(([, p]) => repos.includes(p.repository.replace(/\/+$/, '')))?.[0] ??
    context.project;
  if (!project) {
    throw new Error(
      `no project publishes ${pkg ? `${ecosystem ?? '?'} package ${name ?? '?'}` : 'what it affects'}; add the package to a project's packages, or pass --project <slug>`,
    );
  }
  const packages = context.projects.get(project)?.packages ?? [];
  const keepPackage = name && packages.length > 1 && packages.some((p) => p.name === name);
  return {
    project,
    ...(keepPackage && { package: name }),
    ...(ranges.length > 0 && { ranges }),
    ...(strings(entry['versions']).length > 0 && { versions: strings(entry['versions']) }),
  };
}
