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
  published: string;
  withdrawn?: string;
  aliases?: string[];
  related?: string[];
  summary: string;
  details?: string;
  severity?: { type: 'CVSS_V3' | 'CVSS_V4'; score: string }[];
  affected: OsvAffected[];
  references: { type: string; url: string }[];
  credits?: { name: string; contact?: string[]; type: string }[];
  database_specific: Record<string, unknown>;
}

export interface OsvAffected {
  package?: { ecosystem: string; name: string; purl?: string };
  ranges?: { type: string; repo?: string; events: Record<string, string>[] }[];
  versions?: string[];
  database_specific: { project: string };
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

/** The OSV record of an advisory. Keys are written in one fixed order, so the bytes are stable. */
export function toOsv({ data, details }: AdvisorySource, context: OutputContext): OsvRecord {
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
    summary: data.summary,
    ...(text && { details: text }),
    ...(data.cvss.length > 0 && {
      severity: data.cvss.map((score) => ({
        type: score.startsWith('CVSS:4') ? ('CVSS_V4' as const) : ('CVSS_V3' as const),
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
            type: range.type,
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
      severity: severity?.label ?? data.severity,
      ...(data.cwes.length > 0 && { cwe_ids: data.cwes }),
      url: page,
    },
  };
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
