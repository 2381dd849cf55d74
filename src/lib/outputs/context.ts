import type { Advisory } from '../../schemas/advisory.ts';
import type { Organisation } from '../../schemas/organisation.ts';
import type { Project } from '../../schemas/project.ts';
import type { Severity } from '../../schemas/severity.ts';
import type { Timeline } from '../../schemas/timeline.ts';

/** An advisory that may be published, with its Markdown details. */
export interface AdvisorySource {
  data: Advisory;
  /** The Markdown body of the advisory file. */
  details: string;
}

/** What every machine-readable output is written from. */
export interface OutputContext {
  organisation: Organisation;
  severities: readonly Severity[];
  timeline: Timeline;
  projects: ReadonlyMap<string, Project>;
}

/** RFC 3339 in UTC, without milliseconds when there are none: `2026-03-01T00:00:00Z`. */
export function rfc3339(date: Date): string {
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** The package an affected entry names, or the project's only package. */
export function affectedPackage(
  project: Project | undefined,
  name: string | undefined,
): Project['packages'][number] | undefined {
  if (!project) return undefined;
  if (name) return project.packages.find((p) => p.name === name);
  return project.packages.length === 1 ? project.packages[0] : undefined;
}
