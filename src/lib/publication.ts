import type { Advisory } from '../schemas/advisory.ts';

export type PublicationState = 'draft' | 'embargoed' | 'published' | 'withdrawn';

/**
 * The build's notion of "now": $DISCLOSE_NOW (an ISO date-time) when set, for reproducible builds
 * and tests, else the clock. An embargo that has passed publishes on the next build.
 */
export function buildTime(): Date {
  const override = process.env['DISCLOSE_NOW'];
  if (!override) return new Date();
  const parsed = new Date(override);
  if (Number.isNaN(parsed.getTime()))
    throw new Error(`DISCLOSE_NOW="${override}" is not a date-time; use e.g. 2026-01-01T00:00:00Z`);
  return parsed;
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
