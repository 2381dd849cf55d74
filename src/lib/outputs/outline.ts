import type { Advisory, AffectedEntry } from '../../schemas/advisory.ts';

/**
 * What the outputs that list every advisory read of one: whether it is public, its ids, title
 * and dates (the OSV index, the id index, the CSAF distribution, the newest release) and the
 * projects it affects (which feeds it is in). The build cache keeps it beside an advisory's files
 * (see CachedAdvisory), so that an incremental build hands the outputs worker this instead of
 * every unchanged advisory's front matter: at 20,000 advisories, parsing those took the worker,
 * which sets the pace of such a build, about half a second.
 */
export type AdvisoryOutline = Pick<
  Advisory,
  'id' | 'summary' | 'aliases' | 'published' | 'modified' | 'withdrawn' | 'draft' | 'embargo'
> & { affected: Pick<AffectedEntry, 'project' | 'package'>[] };

/** The outline of an advisory's data: the same fields, nothing more. */
export function outlineOf(data: AdvisoryOutline): AdvisoryOutline {
  return {
    id: data.id,
    ...(data.summary !== undefined && { summary: data.summary }),
    aliases: [...data.aliases],
    published: data.published,
    ...(data.modified && { modified: data.modified }),
    ...(data.withdrawn && { withdrawn: data.withdrawn }),
    draft: data.draft,
    ...(data.embargo && { embargo: data.embargo }),
    affected: data.affected.map((entry) => ({
      project: entry.project,
      ...(entry.package !== undefined && { package: entry.package }),
    })),
  };
}

/** An outline as JSON can hold it: dates as milliseconds since the epoch. */
export function outlineRecord(outline: AdvisoryOutline): Record<string, unknown> {
  const time = (date: Date | undefined) => date?.getTime();
  return {
    ...outlineOf(outline),
    published: time(outline.published),
    modified: time(outline.modified),
    withdrawn: time(outline.withdrawn),
    embargo: time(outline.embargo),
  };
}

/**
 * The outline `outlineRecord` made, read back from parsed JSON; undefined for anything else (a
 * manifest edited by hand, or cut short), which the build then does not trust.
 */
export function readOutline(value: unknown): AdvisoryOutline | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const record = value as Record<string, unknown>;
  const text = (field: unknown): field is string => typeof field === 'string';
  const date = (field: unknown) =>
    typeof field === 'number' && Number.isFinite(field) ? new Date(field) : undefined;
  const published = date(record['published']);
  const dates = { modified: record['modified'], withdrawn: record['withdrawn'], embargo: record['embargo'] };
  const { id, summary, aliases, draft, affected } = record;
  if (
    !text(id) ||
    !published ||
    (summary !== undefined && !text(summary)) ||
    !Array.isArray(aliases) ||
    !aliases.every(text) ||
    typeof draft !== 'boolean' ||
    !Object.values(dates).every((field) => field === undefined || date(field)) ||
    !Array.isArray(affected) ||
    !affected.every(
      (entry: unknown) =>
        typeof entry === 'object' &&
        entry !== null &&
        text((entry as Record<string, unknown>)['project']) &&
        ['undefined', 'string'].includes(typeof (entry as Record<string, unknown>)['package']),
    )
  )
    return undefined;
  // Each field as outlineOf picks it, so that what reads back is what was kept.
  return outlineOf({
    id,
    summary,
    aliases,
    published,
    modified: date(dates.modified),
    withdrawn: date(dates.withdrawn),
    draft,
    embargo: date(dates.embargo),
    affected: affected as AdvisoryOutline['affected'],
  });
}
