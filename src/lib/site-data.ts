import { getCollection, getEntry, type CollectionEntry } from 'astro:content';
import type { Organisation } from '../schemas/organisation.ts';
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
  /** Sorted by `order`, then title. */
  policies: PolicyEntry[];
  /** The page SECURITY.md files and the header link to. */
  mainPolicy: PolicyEntry;
}

let cached: Promise<Site> | undefined;

/** Loads the collections once per build; every page shares the result. */
export function getSite(): Promise<Site> {
  cached ??= load();
  return cached;
}

async function load(): Promise<Site> {
  const [organisation, scale, timeline, projects, policies] = await Promise.all([
    getEntry('organisation', 'organisation'),
    getEntry('severities', 'scale'),
    getEntry('timeline', 'timeline'),
    getCollection('projects'),
    getCollection('policy'),
  ]);
  if (!organisation || !scale || !timeline) {
    throw new Error('Content is incomplete; run the build again to see which files are missing.');
  }
  projects.sort((a, b) => a.data.order - b.data.order || a.data.name.localeCompare(b.data.name));
  policies.sort((a, b) => a.data.order - b.data.order || a.data.title.localeCompare(b.data.title));
  const wanted = organisation.data.policyPage;
  const mainPolicy = policies.find((p) => p.id === wanted) ?? policies[0];
  if (!mainPolicy) throw new Error('Content has no policy page; add one under content/policy/.');
  return {
    organisation: organisation.data,
    severities: scale.data.levels,
    timeline: timeline.data,
    projects,
    policies,
    mainPolicy,
  };
}
