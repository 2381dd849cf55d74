import type { Advisory } from '../schemas/advisory.ts';
import { isRealDate } from '../schemas/common.ts';

export type PublicationState = 'draft' | 'embargoed' | 'published' | 'withdrawn';

/**
 * The build's notion of "now": $DISCLOSE_NOW (an ISO date-time) when set, for reproducible builds
 * and tests, else the clock. An embargo that has passed publishes on the next build.
 */
export function buildTime(): Date {
  const override = process.env['DISCLOSE_NOW'];
  if (!override) return new Date();
  const parsed = parseClock(override);
  if ('problem' in parsed) throw new Error(parsed.problem);
  return parsed.date;
}

const ZONED_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * `DISCLOSE_NOW` as a date. It must name an instant: a date-time with a time zone, since an embargo
 * lifting an hour early because of the machine's zone is a leak.
 */
export function parseClock(text: string): { date: Date } | { problem: string } {
  const trimmed = text.trim();
  const example = 'e.g. DISCLOSE_NOW=2026-03-01T14:00:00Z or 2026-03-01T15:00:00+01:00';
  if (!ZONED_DATE_TIME.test(trimmed))
    return {
      problem: /^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+)?$/.test(trimmed)
        ? `DISCLOSE_NOW="${text}" has no time zone; add one, ${example}`
        : `DISCLOSE_NOW="${text}" is not a date-time with a time zone; ${example}`,
    };
  // The same test of a real date (no 30 February, no 25:00) the content's dates get.
  if (!isRealDate(trimmed)) return { problem: `DISCLOSE_NOW="${text}" is not a real date-time; ${example}` };
  return { date: new Date(trimmed) };
}

export function publicationState(
  advisory: Pick<Advisory, 'draft' | 'embargo' | 'withdrawn'>,
  now: Date,
): PublicationState {
  if (advisory.draft) return 'draft';
  if (advisory.embargo && advisory.embargo > now) return 'embargoed';
  return advisory.withdrawn ? 'withdrawn' : 'published';
}

/** Whether an advisory may appear in production output at all. */
export function isPublic(advisory: Pick<Advisory, 'draft' | 'embargo' | 'withdrawn'>, now: Date): boolean {
  const state = publicationState(advisory, now);
  return state === 'published' || state === 'withdrawn';
}

/**
 * Whether this build shows drafts and embargoed advisories (with a banner): only `astro dev`.
 * The integration sets the variable for the dev server; production builds never see it.
 */
export function showsUnpublished(): boolean {
  return process.env['DISCLOSE_PREVIEW_UNPUBLISHED'] === '1';
}
