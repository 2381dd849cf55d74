import type { Advisory } from '../../schemas/advisory.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import { absolute, paths } from '../urls.ts';
import { affectedPackage, rfc3339, type AdvisorySource, type OutputContext } from './context.ts';
import { purl } from './purl.ts';

/** The OSV schema version the output conforms to. */
export const OSV_SCHEMA_VERSION = '1.7.0';

/** OSV's ecosystems (schema 1.7); a package's ecosystem must be one of them, optionally with `:suffix`. */
export const OSV_ECOSYSTEMS = [
  'AlmaLinux',
  'Alpaquita',
  'Alpine',
  'Android',
  'Azure Linux',
  'BellSoft Hardened Containers',
  'Bioconductor',
  'Bitnami',
  'Chainguard',
  'CleanStart',
  'ConanCenter',
  'CRAN',
  'crates.io',
  'Debian',
  'Docker Hardened Images',
  'Echo',
  'FreeBSD',
  'GHC',
  'GitHub Actions',
  'Go',
  'Hackage',
  'Hex',
  'Julia',
  'Kubernetes',
  'Linux',
  'Mageia',
  'Maven',
  'MinimOS',
  'npm',
  'NuGet',
  'opam',
  'openEuler',
  'openSUSE',
  'OSS-Fuzz',
  'Packagist',
  'Photon OS',
  'Pub',
  'PyPI',
  'Red Hat',
  'Rocky Linux',
  'Root',
  'RubyGems',
  'SUSE',
  'SwiftURL',
  'TuxCare',
  'Ubuntu',
  'VSCode',
  'Wolfi',
  'GIT',
] as const;

/** Ecosystems whose versions are SemVer, so OSV ranges over them are SEMVER (osv.dev's own records). */
export const SEMVER_ECOSYSTEMS: ReadonlySet<string> = new Set([
  'Go',
  'npm',
  'crates.io',
  'Hex',
  'Pub',
  'SwiftURL',
]);

/** Whether an ecosystem name is one OSV knows (`Debian:12` counts as Debian). */
export function isOsvEcosystem(ecosystem: string): boolean {
  const base = ecosystem.split(':')[0] ?? '';
  return (OSV_ECOSYSTEMS as readonly string[]).includes(base);
}

/** One OSV record, as written to /osv/<id>.json. */
export interface OsvRecord {
  schema_version: string;
  id: string;
  modified: string;
  published?: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary?: string;
  details?: string;
  severity?: { type: string; score: string }[];
  affected: OsvAffected[];
  references: { type: string; url: string }[];
  credits?: { name: string; contact?: string[]; type?: string }[];
  database_specific?: Record<string, unknown>;
  [field: string]: unknown;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: { type: string; repo?: string; events: Record<string, string>[] }[];
  versions?: unknown[];
  database_specific?: Record<string, unknown>;
  [field: string]: unknown;
}

/**
 * An advisory's id in OSV output. OSV accepts an id only with a registered database prefix or,
 * for everyone else, the `x_` prefix; `osv.registeredPrefix` in organisation.yaml says which applies.
 */
export function osvId(organisation: Organisation, id: string): string {
  return organisation.osv.registeredPrefix || !id.startsWith(`${organisation.advisoryPrefix}-`)
    ? id
    : `x_${id}`;
}

/**
 * The OSV record of an advisory. Keys are written in one fixed order, so the bytes are stable.
 * An imported advisory gives back what it came with: see `fromImported`.
 */
export function toOsv(source: AdvisorySource, context: OutputContext): OsvRecord {
  const record = ownOsv(source, context);
  return source.data.imported ? fromImported(record, source, context) : record;
}

function ownOsv({ data, details }: AdvisorySource, context: OutputContext): OsvRecord {
  const { organisation } = context;
  const own = (id: string) => osvId(organisation, id);
  const page = absolute(organisation.site, paths.advisory(data.id));
  const severity = context.severities.find((s) => s.id === data.severity);
  const text = osvDetails(data, details);
  const references = [{ type: 'ADVISORY', url: page }, ...data.references.filter((r) => r.url !== page)];
  return {
    schema_version: OSV_SCHEMA_VERSION,
    id: own(data.id),
    modified: rfc3339(data.modified ?? data.published),
    published: rfc3339(data.published),
    ...(data.withdrawn && { withdrawn: rfc3339(data.withdrawn) }),
    ...(data.aliases.length > 0 && { aliases: data.aliases }),
    ...(data.related.length > 0 && { related: data.related.map(own) }),
    ...(data.summary !== undefined && { summary: data.summary }),
    ...(text && { details: text }),
    ...(data.cvss.length > 0 && {
      severity: data.cvss.map((score) => ({
        type: osvSeverityType(score),
        score,
      })),
    }),
    affected: data.affected.map((entry): OsvAffected => {
      const project = context.projects.get(entry.project);
      const pkg = affectedPackage(project, entry.package);
      const packagePurl = pkg && purl(pkg.ecosystem, pkg.name);
      return {
        ...(pkg && {
          package: { ecosystem: pkg.ecosystem, name: pkg.name, ...(packagePurl && { purl: packagePurl }) },
        }),
        ...(entry.ranges.length > 0 && {
          ranges: entry.ranges.map((range) => ({
            // OSV's SEMVER is for ecosystems that version by SemVer; others order versions their own
            // way, and osv.dev's records give their ranges as ECOSYSTEM.
            type:
              range.type === 'SEMVER' && pkg && !SEMVER_ECOSYSTEMS.has(pkg.ecosystem.split(':')[0] ?? '')
                ? 'ECOSYSTEM'
                : range.type,
            ...(range.repo && { repo: range.repo }),
            events: range.events.map((event) => ({ ...event })),
          })),
        }),
        ...(entry.versions.length > 0 && { versions: entry.versions }),
        database_specific: { project: entry.project },
      };
    }),
    references,
    ...(data.credits.length > 0 && {
      credits: data.credits.map((credit) => ({
        name: credit.name,
        ...(credit.contact.length > 0 && { contact: credit.contact }),
        type: credit.type,
      })),
    }),
    database_specific: {
      ...((severity?.label ?? data.severity) && { severity: severity?.label ?? data.severity }),
      ...(data.cwes.length > 0 && { cwe_ids: data.cwes }),
      url: page,
    },
  };
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * An imported advisory's record, as the database it came from published it: the fields Disclose
 * holds come from the content (so a maintainer's edit shows), and what it kept in `imported.osv`
 * is given back where the content still agrees with it: timestamps exactly as written, an absent
 * summary or published date left absent, database_specific, ecosystem_specific, purls, other
 * severity types. What differs is listed in the README ("Importing OSV").
 */
function fromImported(own: OsvRecord, { data, details }: AdvisorySource, context: OutputContext): OsvRecord {
  const kept = (data.imported?.osv ?? {}) as Json;
  const sameTime = (written: unknown, date: Date | undefined) =>
    typeof written === 'string' && date !== undefined && Date.parse(written) === date.getTime();
  const time = (key: 'published' | 'modified' | 'withdrawn', date: Date | undefined) =>
    sameTime(kept[key], date) ? (kept[key] as string) : date && rfc3339(date);
  const modified = data.modified ?? data.published;
  // The body is the source's details exactly, after the blank line that ends the front matter.
  const body = details.startsWith('\n') ? details.slice(1) : details;
  const keptAffected = Array.isArray(kept['affected']) ? kept['affected'] : [];
  const untyped = new Set(Array.isArray(kept['untypedCredits']) ? kept['untypedCredits'] : []);
  const page = absolute(context.organisation.site, paths.advisory(data.id));
  const extraTopLevel = Object.fromEntries(
    Object.entries(kept).filter(
      ([key]) =>
        ![
          'published',
          'modified',
          'withdrawn',
          'details',
          'affected',
          'untypedCredits',
          'aliases',
          'related',
          'severity',
          'references',
          'credits',
          'schema_version',
        ].includes(key),
    ),
  );
  const record: OsvRecord = {
    schema_version: typeof kept['schema_version'] === 'string' ? kept['schema_version'] : OSV_SCHEMA_VERSION,
    id: own.id,
    modified: time('modified', modified) ?? own.modified,
    ...(!(kept['published'] === null && modified.getTime() === data.published.getTime()) && {
      published: time('published', data.published) ?? rfc3339(data.published),
    }),
    ...(data.withdrawn && { withdrawn: time('withdrawn', data.withdrawn) ?? rfc3339(data.withdrawn) }),
    ...((own.aliases ?? Array.isArray(kept['aliases'])) && {
      aliases: [
        ...(own.aliases ?? []),
        ...(Array.isArray(kept['aliases']) ? (kept['aliases'] as string[]) : []),
      ],
    }),
    ...((own.related ?? Array.isArray(kept['related'])) && {
      related: [
        ...(own.related ?? []),
        ...(Array.isArray(kept['related']) ? (kept['related'] as string[]) : []),
      ],
    }),
    ...(own.summary !== undefined && { summary: own.summary }),
    ...(kept['details'] === null && !body.trim() ? {} : { details: body }),
    ...((own.severity ?? Array.isArray(kept['severity'])) && {
      severity: [
        ...(own.severity ?? []),
        ...(Array.isArray(kept['severity']) ? (kept['severity'] as OsvRecord['severity'] & []) : []),
      ],
    }),
    affected: own.affected.map((entry, i) => {
      const extra = isObject(keptAffected[i]) ? keptAffected[i] : {};
      // Disclose's own database_specific (the project) is not the source's: the source's comes from `extra`.
      const rest = Object.fromEntries(Object.entries(entry).filter(([key]) => key !== 'database_specific'));
      const pkg = entry.package && {
        ecosystem: entry.package.ecosystem,
        name: entry.package.name,
        ...(isObject(extra['package']) ? extra['package'] : {}),
      };
      const ranges = entry.ranges?.map((range, r) => ({
        ...range,
        ...(Array.isArray(extra['ranges']) && isObject(extra['ranges'][r]) ? extra['ranges'][r] : {}),
      }));
      const others = Object.fromEntries(
        Object.entries(extra).filter(([key]) => !['package', 'ranges', 'versions'].includes(key)),
      );
      return {
        ...rest,
        ...(pkg && { package: pkg }),
        ...(ranges && { ranges }),
        ...(Array.isArray(extra['versions']) && { versions: extra['versions'] }),
        ...others,
      };
    }),
    // The advisory's page on this site comes first; the source's own references follow as they came.
    references: [
      ...own.references,
      ...(Array.isArray(kept['references']) ? (kept['references'] as OsvRecord['references']) : []),
    ].filter((reference, i) => i === 0 || reference.url !== page),
    ...(Array.isArray(kept['credits']) && (kept['credits'].length > 0 || !own.credits)
      ? { credits: kept['credits'] as OsvRecord['credits'] & [] }
      : own.credits && {
          credits: own.credits.map((credit, i) => {
            const { type, ...rest } = credit;
            return untyped.has(i) || type === undefined ? rest : { ...rest, type };
          }),
        }),
    ...extraTopLevel,
  };
  return record;
}

/** Details in OSV: the Markdown body, with the withdrawal reason first when there is one. */
function osvDetails(data: Advisory, details: string): string {
  const reason = data.withdrawn && data.withdrawnReason ? `**Withdrawn:** ${data.withdrawnReason}\n\n` : '';
  return `${reason}${details.trim()}`.trim();
}

/** `/osv/all.json`: every record's id and modified time, the layout osv.dev imports, sorted by id. */
export function osvIndex(
  records: readonly Pick<OsvRecord, 'id' | 'modified'>[],
): { id: string; modified: string }[] {
  return records
    .map(({ id, modified }) => ({ id, modified }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** OSV's severity type for a CVSS vector of each version. */
function osvSeverityType(vector: string): 'CVSS_V2' | 'CVSS_V3' | 'CVSS_V4' {
  if (vector.startsWith('CVSS:4')) return 'CVSS_V4';
  return vector.startsWith('CVSS:3') ? 'CVSS_V3' : 'CVSS_V2';
}
