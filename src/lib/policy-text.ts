import type { z } from 'astro/zod';
import type { AdvanceNoticeSchema, DisclosureSchema, PgpSchema } from '../schemas/organisation.ts';
import type { Project } from '../schemas/project.ts';

// Sentences built from typed facts, shared by the site's components and SECURITY.md so both say the same.

export function disclosureSentence(disclosure: z.output<typeof DisclosureSchema>): string {
  const days = disclosure.windowDays;
  if (days === undefined)
    return 'We follow coordinated disclosure: details become public when a fix is released.';
  return `We follow coordinated disclosure with a ${days}-day disclosure window: details become public when a fix is released, and at the latest ${days} days after the report.`;
}

export function advanceNoticeSentence(notice: z.output<typeof AdvanceNoticeSchema>): string {
  const lead = `${notice.approximate ? 'About ' : ''}${notice.leadDays} ${notice.leadDays === 1 ? 'day' : 'days'}`;
  const privacy = notice.listPublic ? '' : ' The list of recipients is not public.';
  return `${lead} before public disclosure, we send advance notice to ${notice.recipients}.${privacy}`;
}

/** PGP facts other than the key URL, which each renderer links itself. */
export function pgpFacts(pgp: z.output<typeof PgpSchema>): string[] {
  const parts: string[] = [];
  if (pgp.fingerprint) parts.push(`key fingerprint ${pgp.fingerprint}`);
  if (pgp.keyServers) parts.push(`the key is on ${pgp.keyServers}`);
  if (pgp.onRequest) parts.push('the key is available on request');
  return parts;
}

export const PGP_INTRO = 'You may encrypt your report with PGP';

export function statusLabel(status: Project['status']): string {
  return { active: 'Active', deprecated: 'Deprecated', archived: 'Archived' }[status];
}
