import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import { cachedPages, leftOutAdvisories } from './cached-pages.ts';
import type { Organisation } from '../schemas/organisation.ts';
import { advisoryView, byNewest, type AdvisoryView } from './advisory-view.ts';
import {
  groupAdvisories,
  listings,
  stablePages,
  type AdvisoryGroups,
  type Listing,
  type ListingPage,
} from './listing.ts';
import { byPolicyOrder, byProjectOrder, mainPolicy as mainPolicyOf } from './ordering.ts';
import type { OutputContext } from './outputs/context.ts';
import { buildTime } from './publication.ts';
import type { Severity } from '../schemas/severity.ts';
import type { Timeline } from '../schemas/timeline.ts';

export type ProjectEntry = CollectionEntry<'projects'>;
export type PolicyEntry = CollectionEntry<'policy'>;

/** The whole content set, as pages and components use it. */
export interface Site {
  organisation: Organisation;
  severities: Severity[];
  timeline: Timeline;
  /** Sorted by `order`, then name. */
  projects: ProjectEntry[];
  /** The same projects by slug, so a page looks one up without scanning the list. */
  projectsById: Map<string, ProjectEntry>;
  /** Sorted by `order`, then title. */
  policies: PolicyEntry[];
  /** The page SECURITY.md files and the header link to. */
  mainPolicy: PolicyEntry;
  /** Every advisory this build may show, newest first. */
  advisories: AdvisoryView[];
  /** Advisories per project slug, per severity id and per year, each newest first. */
  advisoriesBy: AdvisoryGroups<AdvisoryView>;
  /** Every listing the site has pages for (see listings()). */
  listings: Listing<AdvisoryView>[];
  /** What the machine-readable outputs (announcements, feeds) are written from, shared with the pages. */
  context: OutputContext;
  /** The entries, to render an advisory's Markdown details (only those whose pages this build renders). */
  advisoryEntries: Map<string, AdvisoryEntry>;
}

export type AdvisoryEntry = CollectionEntry<'advisories'>;

let cached: Promise<Site> | undefined;

/**
 * The pages of every listing of one kind that this build renders (the build cache gives the
 * rest), with the listing each belongs to, as a listing route's getStaticPaths returns them.
 */
export async function listingPaths<K extends Listing<AdvisoryView>['kind']>(
  kind: K,
  param: (listing: Listing<AdvisoryView>) => Record<string, string>,
) {
  const site = await getSite();
  const reused = cachedPages();
  return site.listings
    .filter((listing) => listing.kind === kind)
    .flatMap((listing) =>
      stablePages(listing.advisories, listing.base)
        .filter((page) => !reused.has(page.url))
        .map((page: ListingPage<AdvisoryView>) => ({
          params: { ...param(listing), page: page.number === undefined ? undefined : String(page.number) },
          props: { listing, page },
        })),
    );
}

/** Loads the collections once per build; every page shares the result. */
export function getSite(): Promise<Site> {
  cached ??= load();
  return cached;
}

async function load(): Promise<Site> {
  const [organisation, scale, timeline, projects, policies, advisoryEntries] = await Promise.all([
    getEntry('organisation', 'organisation'),
    getEntry('severities', 'scale'),
    getEntry('timeline', 'timeline'),
    getCollection('projects'),
    getCollection('policy'),
    getCollection('advisories'),
  ]);
  if (!organisation || !scale || !timeline) {
    throw new Error('Content is incomplete; run the build again to see which files are missing.');
  }
  projects.sort(byProjectOrder);
  policies.sort(byPolicyOrder);
  const mainPolicy = mainPolicyOf(policies, (p) => p.id, organisation.data.policyPage);
  if (!mainPolicy) throw new Error('Content has no policy page; add one under content/policy/.');
  const now = buildTime();
  // An incremental build leaves the advisories whose pages its cache gives out of the store.
  const advisories = [...advisoryEntries.map((entry) => entry.data), ...leftOutAdvisories()]
    .map((data) => advisoryView(data, scale.data.levels, now))
    .sort(byNewest);
  const advisoriesBy = groupAdvisories(advisories);
  return {
    advisories,
    advisoriesBy,
    listings: listings(
      advisories,
      advisoriesBy,
      scale.data.levels.map((s) => s.id),
      projects.map((p) => p.id),
    ),
    advisoryEntries: new Map(advisoryEntries.map((entry) => [entry.id, entry])),
    projectsById: new Map(projects.map((project) => [project.id, project])),
    context: {
      organisation: organisation.data,
      severities: scale.data.levels,
      timeline: timeline.data,
      projects: new Map(projects.map((project) => [project.id, project.data])),
    },
    organisation: organisation.data,
    severities: scale.data.levels,
    timeline: timeline.data,
    projects,
    policies,
    mainPolicy,
  };
}
