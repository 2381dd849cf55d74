import { isDeepStrictEqual } from 'node:util';

type Json = Record<string, unknown>;

/**
 * The differences between an OSV record as a database published it and as Disclose publishes it
 * after importing it, other than the ones the README lists ("Importing OSV"): Disclose's own id
 * (the source id moves to the front of aliases), its schema_version when the source had none, and
 * the advisory page as the first reference. One line per field that differs.
 */
export function osvDifferences(source: Json, exported: Json): string[] {
  const expected: Json = { ...source };
  expected['id'] = exported['id'];
  expected['aliases'] = [source['id'], ...((source['aliases'] as unknown[] | undefined) ?? [])];
  if (!('schema_version' in source)) expected['schema_version'] = exported['schema_version'];
  const references = (exported['references'] as Json[] | undefined) ?? [];
  expected['references'] = [references[0], ...((source['references'] as unknown[] | undefined) ?? [])];
  if (!('published' in source) && 'published' in exported) expected['published'] = exported['published'];
  const differences: string[] = [];
  for (const key of new Set([...Object.keys(expected), ...Object.keys(exported)])) {
    if (!isDeepStrictEqual(expected[key], exported[key]))
      differences.push(
        `${key}: ${JSON.stringify(expected[key])?.slice(0, 200)} became ${JSON.stringify(exported[key])?.slice(0, 200)}`,
      );
  }
  return differences;
}
