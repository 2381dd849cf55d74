import { advisoryTitle } from '../advisory-view.ts';
import { paths } from '../urls.ts';
import type { AdvisoryOutline } from './outline.ts';

/** What the search page shows for an id a reader types: the advisory that has it. */
export interface IdEntry {
  /** The advisory's own id. */
  advisory: string;
  summary: string;
  /** Site path of the advisory's page. */
  path: string;
}

/**
 * The shard an id is looked up in: its prefix and the next four characters, upper case, so
 * `CVE-2026-31337` is in `CVE-2026` and `GHSA-4f8p-...` in `GHSA-4F8P`. The search page fetches
 * one small file for an id-shaped query instead of an index of every id on the site.
 */
export function idShard(id: string): string {
  const upper = id.toUpperCase();
  const dash = upper.indexOf('-');
  return dash < 0 ? upper : upper.slice(0, dash + 5);
}

/** Every public advisory's id, OSV id and aliases, by shard; keys are upper case. */
export function idIndex(
  advisories: readonly Pick<AdvisoryOutline, 'id' | 'aliases' | 'summary' | 'affected'>[],
  osvIdOf: (id: string) => string,
): Map<string, Record<string, IdEntry>> {
  const shards = new Map<string, Record<string, IdEntry>>();
  for (const advisory of advisories) {
    const entry = {
      advisory: advisory.id,
      summary: advisoryTitle(advisory),
      path: paths.advisory(advisory.id),
    };
    for (const id of new Set([advisory.id, osvIdOf(advisory.id), ...advisory.aliases])) {
      const shard = idShard(id);
      const ids = shards.get(shard) ?? {};
      ids[id.toUpperCase()] ??= entry;
      shards.set(shard, ids);
    }
  }
  return shards;
}
