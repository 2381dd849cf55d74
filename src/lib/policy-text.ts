import type { z } from 'astro/zod';
import type {
  BugBountySchema,
  Channel,
  CveSchema,
  CvssStanceSchema,
  DisclosureRule,
  DisclosureSchema,
  Key,
  Notice,
  Organisation,
  PgpSchema,
} from '../schemas/organisation.ts';
import type { Project } from '../schemas/project.ts';
import type { Severity } from '../schemas/severity.ts';
import { describeDuration } from './timeline.ts';
import { githubReportUrl } from './urls.ts';

// Sentences built from typed facts, shared by the site's components and SECURITY.md so both say the
// same. Nothing here assumes a rule the policy does not state.

type Disclosure = z.output<typeof DisclosureSchema>;

/** The disclosure window, when the policy has one. */
export function disclosureSentence(disclosure: Disclosure): string | undefined {
  const days = disclosure.windowDays;
  if (days === undefined) return undefined;
  return `We follow coordinated disclosure with a ${days}-day disclosure window: details become public at the latest ${days} days after the report.`;
}

/** "Critical and High issues", "Publicly known bugs", "All issues". */
function ruleSubject(rule: DisclosureRule, severities: readonly Severity[], others: boolean): string {
  if (rule.issues) return rule.issues;
  if (!rule.severities) return others ? 'Other issues' : 'All issues';
  const labels = rule.severities.map((id) => severities.find((s) => s.id === id)?.label ?? id);
  const joined =
    labels.length > 1 ? `${labels.slice(0, -1).join(', ')} and ${labels.at(-1) ?? ''}` : (labels[0] ?? '');
  return `${joined} issues`;
}

/** One sentence per disclosure rule: when details of that class of issue become public. */
export function disclosureRuleSentence(
  rule: DisclosureRule,
  severities: readonly Severity[],
  others = false,
): string {
  const subject = ruleSubject(rule, severities, others);
  const within = rule.within ? describeDuration(rule.within) : undefined;
  const clause = {
    'in-public': 'are fixed in public: the fix is developed and reviewed in the open',
    'with-fix': within
      ? `become public when the fix is released; the release may be held for ${within} at the request of the reporter or an affected party`
      : 'become public when the fix is released',
    'after-fix': within
      ? `become public ${within} after the fix is released`
      : 'become public after the fix is released',
    'before-fix': 'may be disclosed before a fix is available',
    deadline: within
      ? `become public ${within} after the report at the latest, fixed or not`
      : 'become public at a deadline, fixed or not',
  }[rule.when];
  return `${subject}: details ${clause}.${rule.note ? ` ${rule.note}` : ''}`;
}

/** Every disclosure rule as a sentence, in the order written. */
export function disclosureRuleSentences(disclosure: Disclosure, severities: readonly Severity[]): string[] {
  const named = disclosure.rules.some((r) => r.severities || r.issues);
  return disclosure.rules.map((rule) => disclosureRuleSentence(rule, severities, named));
}

/** When an advance notice goes out, to whom and for what. */
export function noticeSentence(notice: Notice, severities: readonly Severity[]): string {
  const lead = notice.lead ? describeDuration(notice.lead) : undefined;
  const when = lead
    ? `${lead.charAt(0).toUpperCase()}${lead.slice(1)} before public disclosure`
    : 'Before public disclosure';
  const which = notice.severities
    ? ` for ${notice.severities.map((id) => severities.find((s) => s.id === id)?.label ?? id).join(', ')} issues`
    : '';
  const condition = notice.when ? ` when ${notice.when.replace(/\.$/, '')}` : '';
  const privacy =
    notice.listPublic === undefined
      ? ''
      : notice.listPublic
        ? ' The list of recipients is public.'
        : ' The list of recipients is not public.';
  return `${when}, we send advance notice to ${notice.audience.name}${which}${condition}.${privacy}`;
}

/** What a key is, correctly labelled: a fingerprint is a fingerprint, a key id a key id. */
export function keyFacts(key: Key | z.output<typeof PgpSchema>): string[] {
  const kind = 'kind' in key && key.kind === 'smime' ? 'S/MIME certificate' : 'PGP key';
  const parts: string[] = [];
  const owner = 'owner' in key && key.owner ? `${key.owner}'s ` : '';
  if (key.fingerprint) parts.push(`${owner}${kind} fingerprint ${key.fingerprint}`);
  if ('keyId' in key && key.keyId) parts.push(`${owner}${kind} id ${key.keyId}`);
  if (parts.length === 0 && owner) parts.push(`${owner}${kind}`);
  if (key.keyServers) parts.push(`the key is on ${key.keyServers}`);
  if (key.onRequest) parts.push('the key is available on request');
  return parts;
}

/** The web address of a key. */
export function keyUrl(key: Key): string | undefined {
  return key.url;
}

export const PGP_INTRO = 'You may encrypt your report with PGP';

/** How the keys are introduced: optional or required encryption. */
export function encryptionIntro(reporting: Organisation['reporting']): string {
  const smime = reporting.keys.some((k) => k.kind === 'smime');
  const how = smime ? 'PGP or S/MIME' : 'PGP';
  return reporting.encryption === 'required'
    ? `Reports must be encrypted with ${how}`
    : `You may encrypt your report with ${how}`;
}

export const NO_EMAIL = 'Do not report vulnerabilities by e-mail; use the channels listed here.';

/** A channel's label and address, for one project where the channel is per repository. */
export function channelLink(
  channel: Channel,
  project?: Pick<Project, 'name' | 'repository'>,
): { label: string; href: string | undefined; text: string } {
  switch (channel.kind) {
    case 'email':
      return { label: 'E-mail', href: `mailto:${channel.address ?? ''}`, text: channel.address ?? '' };
    case 'github': {
      const href = channel.url ?? (project ? githubReportUrl(project.repository) : undefined);
      return {
        label: channel.name ?? 'GitHub',
        href,
        text: href
          ? `report a vulnerability${project && !channel.url ? ` in ${project.name}` : ''} privately`
          : "use “Report a vulnerability” on the Security tab of the affected project's repository",
      };
    }
    default:
      return { label: channel.name ?? channel.kind, href: channel.url, text: channel.url ?? '' };
  }
}

/** The channel readers should use first: what the footer and the site's header point to. */
export function primaryChannel(reporting: Organisation['reporting']): Channel | undefined {
  return reporting.channels[0];
}

/** The CVE stance in a sentence. */
export function cveSentence(cve: z.output<typeof CveSchema>): string {
  const cna = cve.cna?.name;
  const base = {
    cna: `We are a CVE Numbering Authority${cna ? ` (${cna})` : ''} and assign CVE ids ourselves.`,
    'via-cna': `CVE ids are assigned through ${cna ?? 'another CVE Numbering Authority'}.`,
    'on-request': `We do not assign CVE ids${cna ? `; a reporter who wants one can request it from ${cna}` : ''}.`,
    none: 'We neither assign nor require CVE ids.',
  }[cve.assigns];
  return base;
}

/** The CVSS stance in a sentence; without one, what severities.yaml implies, or nothing. */
export function cvssSentence(
  cvss: z.output<typeof CvssStanceSchema> | undefined,
  severities: readonly Severity[],
): string | undefined {
  const use = cvss?.use ?? (severities.some((s) => s.cvss) ? 'bands' : undefined);
  if (!use) return undefined;
  const version = cvss?.version ? ` ${cvss.version}` : '';
  return {
    bands: `Severities follow CVSS${version} score bands, as the severity table shows.`,
    scores: `We give CVSS${version} scores, but they do not decide the severity.`,
    none: 'We do not use CVSS scores to rate issues.',
  }[use];
}

/** The bug bounty in a sentence. */
export function bountySentence(bounty: z.output<typeof BugBountySchema>): string {
  const operator = bounty.operator?.name;
  return {
    none: 'We do not run a bug bounty: reports are not paid.',
    ended: `Our bug bounty${operator ? ` (run by ${operator})` : ''} has ended: reports are no longer paid.`,
    active: `We run a bug bounty${operator ? `, operated by ${operator}` : ''}.`,
  }[bounty.status];
}

export function statusLabel(status: Project['status']): string {
  return { active: 'Active', deprecated: 'Deprecated', archived: 'Archived' }[status];
}

const TONES = ['critical', 'high', 'medium', 'low'] as const;
const NAMED_TONES: Record<string, (typeof TONES)[number]> = {
  critical: 'critical',
  high: 'high',
  important: 'high',
  medium: 'medium',
  moderate: 'medium',
  low: 'low',
};

/**
 * The colour a severity is drawn in. A level named like a common one (critical, high, important,
 * medium, moderate, low) takes that colour; any other (`URGENT`, `PUBLIC`, `tier-2`) takes the colour
 * of its rank on the organisation's own scale, most severe first, spread over the four colours. An
 * id not on the scale is unrated.
 */
export function severityTone(
  id: string | undefined,
  severities: readonly Pick<Severity, 'id' | 'label'>[],
): string {
  const rank = severities.findIndex((s) => s.id === id);
  const level = severities[rank];
  if (!level) return 'unrated';
  const named = NAMED_TONES[level.id.toLowerCase()] ?? NAMED_TONES[level.label.toLowerCase()];
  if (named) return named;
  if (severities.length === 1) return TONES[0];
  return TONES[Math.round((rank / (severities.length - 1)) * (TONES.length - 1))] ?? 'low';
}
