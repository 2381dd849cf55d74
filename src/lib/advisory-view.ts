import type { Advisory } from '../schemas/advisory.ts';
import type { AdvisoryOutline } from './outputs/outline.ts';
import type { Severity } from '../schemas/severity.ts';
import { scoreCvss, type CvssScore } from './cvss.ts';
import { publicationState, type PublicationState } from './publication.ts';
import { describeAffected, summariseAffected, type AffectedSummary } from './version-ranges.ts';

/** An advisory with everything a page needs worked out once. */
export interface AdvisoryView {
  id: string;
  data: Advisory;
  severity: Severity | undefined;
  scores: CvssScore[];
  /** `modified`, or `published` when it never changed. */
  modified: Date;
  year: number;
  state: PublicationState;
  projects: string[];
  affected: { project: string; package: string | undefined; summary: AffectedSummary; words: string }[];
}

/**
 * What an advisory is called: its summary, or, for one without (imported records often have
 * none), what it affects. Only for showing: the OSV record leaves an absent summary absent.
 */
export function advisoryTitle(data: Pick<AdvisoryOutline, 'summary' | 'affected'>): string {
  if (data.summary) return data.summary;
  const names = [...new Set(data.affected.map((a) => a.package ?? a.project))];
  return `Vulnerability in ${names.join(', ')}`;
}

/** The year in an advisory id (PREFIX-2026-0001): the year it is filed under. */
export function idYear(id: string): number {
  return Number(/-(\d{4})-\d+$/.exec(id)?.[1]);
}

/** The projects an advisory names, each once, in the order it names them. */
export function affectedProjects(data: Pick<AdvisoryOutline, 'affected'>): string[] {
  return [...new Set(data.affected.map((a) => a.project))];
}

/** What a listing needs of an advisory (see listing.ts): the part of its view that places it. */
export function listedAdvisory(data: Advisory): {
  id: string;
  year: number;
  projects: string[];
  data: Advisory;
} {
  return {
    id: data.id,
    year: idYear(data.id),
    projects: affectedProjects(data),
    data,
  };
}

export function advisoryView(data: Advisory, severities: readonly Severity[], now: Date): AdvisoryView {
  // Scores and affected versions are worked out when a page first shows them: every page that
  // counts or lists all 20,000 advisories of a large site needs neither, and each is one
  // advisory's page or a listing's 50 rows.
  let scores: CvssScore[] | undefined;
  let affected: AdvisoryView['affected'] | undefined;
  return {
    ...listedAdvisory(data),
    severity: severities.find((s) => s.id === data.severity),
    modified: data.modified ?? data.published,
    state: publicationState(data, now),
    get scores() {
      // The checker has already rejected unscorable vectors.
      return (scores ??= data.cvss.map(scoreCvss));
    },
    get affected() {
      return (affected ??= data.affected.map((entry) => ({
        project: entry.project,
        package: entry.package,
        summary: summariseAffected(entry),
        words: describeAffected(entry),
      })));
    },
  };
}

/** Compares ids with the numbers in them as numbers; one collator for every comparison of a sort. */
const BY_NUMBER = new Intl.Collator('en', { numeric: true });

/** Newest first; ties by id, highest sequence first. */
export function byNewest(
  a: { id: string; data: { published: Date } },
  b: { id: string; data: { published: Date } },
): number {
  return b.data.published.getTime() - a.data.published.getTime() || BY_NUMBER.compare(b.id, a.id);
}

/** An ISO calendar date, the one format every reader parses the same way. */
export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * A date as a page shows it: `2026-02-10`, or "Not recorded" for OSV's zero time (year 1), which
 * Go's vulnerability database stores for dates its public feed fills in later.
 */
export function shownDate(date: Date): string {
  return date.getUTCFullYear() === 1 ? 'Not recorded' : isoDate(date);
}
