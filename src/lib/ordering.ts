import type { PolicyPage } from '../schemas/policy.ts';
import type { Project } from '../schemas/project.ts';

// The order projects and policy pages are listed in, and which policy page is the main one:
// one rule for the site's pages and for the files written beside them.

export function byProjectOrder(a: { data: Project }, b: { data: Project }): number {
  return a.data.order - b.data.order || a.data.name.localeCompare(b.data.name);
}

export function byPolicyOrder(a: { data: PolicyPage }, b: { data: PolicyPage }): number {
  return a.data.order - b.data.order || a.data.title.localeCompare(b.data.title);
}

/** The page SECURITY.md and security.txt link to: `policyPage`, else the first in order. */
export function mainPolicy<T extends { data: PolicyPage }>(
  sorted: readonly T[],
  slugOf: (page: T) => string,
  wanted: string | undefined,
): T | undefined {
  return sorted.find((page) => slugOf(page) === wanted) ?? sorted[0];
}
