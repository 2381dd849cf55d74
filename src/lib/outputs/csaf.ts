import { advisoryTitle } from '../advisory-view.ts';
import type { Advisory, AffectedEntry, Range } from '../../schemas/advisory.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import { scoreCvss } from '../cvss.ts';
import { summariseAffected } from '../version-ranges.ts';
import { absolute, paths } from '../urls.ts';
import { affectedPackage, rfc3339, type AdvisorySource, type OutputContext } from './context.ts';
import { purlType } from './purl.ts';
import packageJson from '../../../package.json' with { type: 'json' };

/** The generator named in CSAF documents. */
const ENGINE = { name: 'Disclose', version: packageJson.version };

/** CSAF 2.0 document publisher, shared by every document and the provider metadata. */
export function csafPublisher(organisation: Organisation) {
  const contact =
    organisation.reporting.channels.find((c) => c.kind === 'email')?.address ??
    organisation.reporting.channels.find((c) => c.url)?.url ??
    organisation.contacts[0]?.email ??
    organisation.contacts[0]?.url;
  return {
    category: organisation.csaf.publisherCategory,
    ...(contact && { contact_details: contact }),
    name: organisation.name,
    namespace: organisation.site,
  };
}

interface Branch {
  category: 'vendor' | 'product_name' | 'product_version' | 'product_version_range';
  name: string;
  branches?: Branch[];
  product?: { name: string; product_id: string };
}

/**
 * A CSAF 2.0 security advisory (profile `csaf_security_advisory`) for a public advisory:
 * a product tree with the affected version ranges (as `vers:`) and fixed versions, product
 * status, CVSS v3 scores, remediations, references and acknowledgments.
 */
export function toCsaf(source: AdvisorySource, context: OutputContext) {
  const { data } = source;
  const { organisation } = context;
  const page = absolute(organisation.site, paths.advisory(data.id));
  const self = absolute(organisation.site, paths.csaf(data.id, data.published.getUTCFullYear()));
  const modified = data.modified ?? data.published;
  let next = 1;
  const productId = () => `CSAFPID-${String(next++).padStart(4, '0')}`;

  const productBranches: Branch[] = [];
  const knownAffected: string[] = [];
  const fixed: string[] = [];
  const remediations: Record<string, unknown>[] = [];
  for (const entry of data.affected) {
    const project = context.projects.get(entry.project);
    const pkg = affectedPackage(project, entry.package);
    const productName = pkg ? pkg.name : (project?.name ?? entry.project);
    const scheme = purlType(pkg?.ecosystem);
    const leaves: Branch[] = [];
    const affectedIds: string[] = [];
    const leaf = (category: Branch['category'], name: string, into: string[]) => {
      const id = productId();
      into.push(id);
      leaves.push({
        category,
        name,
        product: { name: `${organisation.name} ${productName} ${name}`, product_id: id },
      });
    };
    for (const range of entry.ranges) {
      for (const constraint of versConstraints(range))
        leaf('product_version_range', `vers:${scheme}/${constraint}`, affectedIds);
    }
    for (const version of entry.versions) leaf('product_version', version, affectedIds);
    const fixedVersions = gitOnly(entry) ? [] : summariseAffected(entry).fixedIn;
    for (const version of fixedVersions) leaf('product_version', version, fixed);
    knownAffected.push(...affectedIds);
    productBranches.push({ category: 'product_name', name: productName, branches: leaves });
    remediations.push(
      fixedVersions.length > 0
        ? {
            category: 'vendor_fix',
            details: data.upgrade ?? `Upgrade ${productName} to ${fixedVersions.join(' or ')}.`,
            product_ids: affectedIds,
            url: page,
          }
        : {
            category: 'none_available',
            details: 'No fixed version is available yet.',
            product_ids: affectedIds,
          },
    );
  }
  if (data.mitigation)
    remediations.push({ category: 'mitigation', details: data.mitigation, product_ids: knownAffected });

  // The revision history in date order, numbered in that order, so that the last revision is the
  // current release (CSAF 2.0 mandatory tests 6.1.14, 6.1.16 and 6.1.21), also for an advisory
  // modified after it was withdrawn.
  const events: { date: Date; summary: string }[] = [{ date: data.published, summary: 'Initial version.' }];
  if (modified > data.published) events.push({ date: modified, summary: 'Updated.' });
  if (data.withdrawn)
    events.push({ date: data.withdrawn, summary: `Withdrawn: ${data.withdrawnReason ?? ''}` });
  const revisions = events
    .sort((a, b) => a.date.getTime() - b.date.getTime())
    .map((event, i) => ({ date: rfc3339(event.date), number: String(i + 1), summary: event.summary }));
  const cves = data.aliases.filter((alias) => alias.startsWith('CVE-'));
  const v3 = data.cvss.map(scoreCvss).filter((s) => s.version === '3.1' || s.version === '3.0');
  const details = source.details.trim();
  const lastRevision = revisions.at(-1) ?? revisions[0];

  return {
    document: {
      category: 'csaf_security_advisory',
      csaf_version: '2.0',
      distribution: { tlp: { label: 'WHITE', url: 'https://www.first.org/tlp/' } },
      lang: 'en',
      notes: [
        { category: 'summary', text: advisoryTitle(data), title: 'Summary' },
        ...(data.withdrawn
          ? [{ category: 'general', text: data.withdrawnReason ?? '', title: 'Withdrawn' }]
          : []),
        ...(data.cwes.length > 0
          ? [{ category: 'other', text: data.cwes.join(', '), title: 'Weaknesses (CWE)' }]
          : []),
      ],
      publisher: csafPublisher(organisation),
      references: [
        { category: 'self', summary: `${data.id} as CSAF`, url: self },
        { category: 'external', summary: `${data.id} on the ${organisation.name} security site`, url: page },
      ],
      title: `${data.id}: ${advisoryTitle(data)}`,
      tracking: {
        current_release_date: rfc3339(csafReleaseDate(data)),
        generator: { engine: ENGINE },
        id: data.id,
        initial_release_date: rfc3339(data.published),
        revision_history: revisions,
        status: 'final',
        version: lastRevision?.number ?? '1',
      },
    },
    product_tree: { branches: [{ category: 'vendor', name: organisation.name, branches: productBranches }] },
    vulnerabilities: [
      {
        ...(data.credits.length > 0 && {
          acknowledgments: data.credits.map((c) => ({
            names: [c.name],
            summary: c.type.toLowerCase().replaceAll('_', ' '),
          })),
        }),
        ...(cves[0] && { cve: cves[0] }),
        ids: [
          { system_name: organisation.name, text: data.id },
          ...data.aliases
            .filter((alias) => alias !== cves[0])
            .map((alias) => ({ system_name: aliasSystem(alias), text: alias })),
        ],
        notes: [{ category: 'description', text: details || advisoryTitle(data), title: 'Details' }],
        product_status: {
          ...(fixed.length > 0 && { fixed }),
          ...(knownAffected.length > 0 && { known_affected: knownAffected }),
        },
        references: [
          {
            category: 'external',
            summary: `${data.id} on the ${organisation.name} security site`,
            url: page,
          },
          ...data.references.map((r) => ({ category: 'external', summary: r.type, url: r.url })),
        ],
        release_date: rfc3339(data.published),
        ...(remediations.length > 0 && { remediations }),
        ...(v3.length > 0 &&
          knownAffected.length > 0 && {
            scores: v3.map((score) => ({
              cvss_v3: {
                baseScore: score.score,
                baseSeverity: score.rating.toUpperCase(),
                vectorString: score.vector,
                version: score.version,
              },
              products: knownAffected,
            })),
          }),
        title: advisoryTitle(data),
      },
    ],
  };
}

function gitOnly(entry: AffectedEntry): boolean {
  return entry.ranges.length > 0 && entry.ranges.every((r) => r.type === 'GIT');
}

function aliasSystem(alias: string): string {
  if (alias.startsWith('CVE-')) return 'CVE';
  if (alias.startsWith('GHSA-')) return 'GitHub Security Advisory';
  return alias.split('-')[0] ?? alias;
}

/** A range as `vers:` constraints (one per introduced stretch): `>=2.4.0|<2.8.1`, `<=1.0.0`, `*`. */
export function versConstraints(range: Range): string[] {
  const result: string[] = [];
  let lower: string | undefined;
  let open = false;
  const close = (upper: string | undefined) => {
    if (!open) return;
    const parts = [...(lower && lower !== '0' ? [`>=${lower}`] : []), ...(upper ? [upper] : [])];
    result.push(parts.join('|') || '*');
    open = false;
  };
  for (const event of range.events) {
    if ('introduced' in event) {
      close(undefined);
      lower = event.introduced;
      open = true;
    } else if ('fixed' in event) close(`<${event.fixed}`);
    else if ('last_affected' in event) close(`<=${event.last_affected}`);
    else close(`<${event.limit}`);
  }
  close(undefined);
  return result;
}

/** `provider-metadata.json` (CSAF 2.0 section 7.1.7) for this site, a CSAF provider with a directory-based distribution. */
export function csafProviderMetadata(organisation: Organisation, lastUpdated: Date) {
  return {
    canonical_url: absolute(organisation.site, paths.csafProviderMetadata()),
    distributions: [{ directory_url: absolute(organisation.site, paths.csafFolder()) }],
    last_updated: rfc3339(lastUpdated),
    list_on_CSAF_aggregators: true,
    metadata_version: '2.0',
    mirror_on_CSAF_aggregators: true,
    publisher: csafPublisher(organisation),
    role: 'csaf_provider',
  };
}

/** The newest date in an advisory's CSAF tracking, for changes.csv and provider metadata. */
export function csafReleaseDate(data: Pick<Advisory, 'published' | 'modified' | 'withdrawn'>): Date {
  const modified = data.modified ?? data.published;
  return data.withdrawn && data.withdrawn > modified ? data.withdrawn : modified;
}

/** The latest release date of any of these advisories (see csafReleaseDate); the epoch for none. */
export function newestRelease(
  advisories: readonly Pick<Advisory, 'published' | 'modified' | 'withdrawn'>[],
): Date {
  return advisories.reduce((latest, data) => {
    const date = csafReleaseDate(data);
    return date > latest ? date : latest;
  }, new Date(0));
}
