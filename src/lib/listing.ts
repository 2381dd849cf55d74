import { paths } from './urls.ts';

/** Advisories per listing page: enough to scan, small enough that a page's size never grows with the site. */
export const PAGE_SIZE = 50;

/** Advisories per listing page: $DISCLOSE_LISTING_PAGE_SIZE, default PAGE_SIZE. */
export function listingPageSize(): number {
  const size = Number(process.env['DISCLOSE_LISTING_PAGE_SIZE'] || PAGE_SIZE);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DISCLOSE_LISTING_PAGE_SIZE must be a whole number of advisories, e.g. ${PAGE_SIZE}`);
  }
  return size;
}

/** What a listing needs of an advisory. */
export interface Listed {
  id: string;
  year: number;
  projects: readonly string[];
  data: { severity?: string | undefined };
}

/** Advisories per project slug, per severity id and per year, each in the order given. */
export interface AdvisoryGroups<T> {
  project: Map<string, T[]>;
  severity: Map<string, T[]>;
  year: Map<number, T[]>;
}

export function groupAdvisories<T extends Listed>(advisories: readonly T[]): AdvisoryGroups<T> {
  return {
    project: groupBy(advisories, (a) => a.projects),
    severity: groupBy(advisories, (a) => (a.data.severity ? [a.data.severity] : [])),
    year: groupBy(advisories, (a) => [a.year]),
  };
}

/** Groups a sorted list by keys, keeping each group in the same order. */
export function groupBy<K, T>(items: readonly T[], keys: (item: T) => readonly K[]): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const item of items) {
    for (const key of keys(item)) {
      const group = groups.get(key);
      if (group) group.push(item);
      else groups.set(key, [item]);
    }
  }
  return groups;
}

/** One list of advisories the site has pages for, newest first. */
export interface Listing<T> {
  kind: 'all' | 'year' | 'severity' | 'project';
  /** The year, severity id or project slug; empty for every advisory. */
  value: string;
  /** Path of its first page, e.g. `/advisories/year/2025/`. */
  base: string;
  advisories: readonly T[];
}

/**
 * Every listing the site has: all advisories, each year that has any, each severity of the scale
 * and each project (an empty listing says so). The pages and the build cache both list them here.
 */
export function listings<T extends Listed>(
  advisories: readonly T[],
  groups: AdvisoryGroups<T>,
  severities: readonly string[],
  projects: readonly string[],
): Listing<T>[] {
  return [
    { kind: 'all', value: '', base: paths.advisories(), advisories },
    ...[...groups.year].map(([year, list]) => ({
      kind: 'year' as const,
      value: String(year),
      base: paths.advisoriesByYear(year),
      advisories: list,
    })),
    ...severities.map((id) => ({
      kind: 'severity' as const,
      value: id,
      base: paths.advisoriesBySeverity(id),
      advisories: groups.severity.get(id) ?? [],
    })),
    ...projects.map((slug) => ({
      kind: 'project' as const,
      value: slug,
      base: paths.advisoriesByProject(slug),
      advisories: groups.project.get(slug) ?? [],
    })),
  ];
}

/** One page of a listing. */
export interface ListingPage<T> {
  /** Counted from the oldest page, which is 1; undefined for the first page, which holds the newest. */
  number: number | undefined;
  /** Path of the page, e.g. `/advisories/` or `/advisories/7/`. */
  url: string;
  advisories: readonly T[];
  /** How many advisories the whole listing has. */
  total: number;
  /** The page of the next newer advisories, and of the next older ones. */
  newer: string | undefined;
  older: string | undefined;
}

/**
 * A listing split into pages that stay put as advisories are added. The first page holds the
 * newest advisories (from `size` up to twice that, less one); every other page holds exactly `size`,
 * numbered from the oldest, so `/advisories/1/` always shows the first advisories ever published.
 * A new advisory changes the first page only (and, once the first page is full, makes a new
 * page of its oldest), so links to older pages keep showing what they showed, and a build need
 * render only the pages that changed.
 */
export function stablePages<T>(
  advisories: readonly T[],
  base: string,
  size = listingPageSize(),
): ListingPage<T>[] {
  const older = Math.max(0, Math.floor(advisories.length / size) - 1);
  const first = advisories.length - older * size;
  const url = (n: number | undefined) => (n === undefined ? base : `${base}${n}/`);
  const pages: ListingPage<T>[] = [
    {
      number: undefined,
      url: base,
      advisories: advisories.slice(0, first),
      total: advisories.length,
      newer: undefined,
      older: older > 0 ? url(older) : undefined,
    },
  ];
  for (let n = older; n >= 1; n--) {
    const start = first + (older - n) * size;
    pages.push({
      number: n,
      url: url(n),
      advisories: advisories.slice(start, start + size),
      total: advisories.length,
      newer: url(n === older ? undefined : n + 1),
      older: n > 1 ? url(n - 1) : undefined,
    });
  }
  return pages;
}
