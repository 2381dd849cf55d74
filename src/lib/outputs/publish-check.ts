import { lstatSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DEFAULT_TIMEOUT, get, MAX_RESPONSE_BYTES } from '../../../sync/disclose-sync.mjs';
import { paths } from '../urls.ts';
import { mapLimit } from '../content/map-limit.ts';

/** Somewhere a published site can be read from: its URL, or a folder holding a build. */
export interface SiteSource {
  /** Shown in messages. */
  label: string;
  /** A file's text by its site path, or undefined when it does not exist (404, no such file). */
  read(path: string): Promise<string | undefined>;
}

/** A folder holding a build; one that does not exist is an error now, not "nothing published". */
export function folderSource(folder: string): SiteSource {
  const stat = lstatSync(folder, { throwIfNoEntry: false });
  if (!stat?.isDirectory()) throw new Error(`${folder} is not a folder holding a built site`);
  return {
    label: folder,
    read: async (path) => {
      try {
        return await readFile(join(folder, path), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
        throw error;
      }
    },
  };
}

/**
 * A published site. Anything but 200 or 404, a network failure, a request slower than the timeout
 * (seconds) or a response larger than any Disclose file throws, so a check never passes by accident.
 */
export function urlSource(
  site: string,
  fetcher: typeof fetch = fetch,
  timeout = DEFAULT_TIMEOUT,
): SiteSource {
  const base = site.endsWith('/') ? site : `${site}/`;
  const limits = { fetch: fetcher, timeout: timeout * 1000, maxBytes: MAX_RESPONSE_BYTES };
  return {
    label: site,
    read: (path) => get(limits, new URL(path.replace(/^\//, ''), base).href),
  };
}

export interface PublishProblem {
  id: string;
  message: string;
}

export interface PublishCheck {
  /** False for a first publication: the previous site has no OSV index, and the caller said so. */
  compared: boolean;
  problems: PublishProblem[];
  /** How many previously published ids were compared. */
  checked: number;
}

type Index = { id: string; modified: string }[];
type Manifest = { files: { path: string; sha256: string }[] };

/**
 * Compares a new build with what was published before, from the OSV index and records:
 * an id must never disappear (withdraw it instead), a published date never change,
 * and `modified` never go backwards. Records whose bytes the manifests say are unchanged are not read.
 */
export async function checkPublication(
  previous: SiteSource,
  next: SiteSource,
  options: { firstPublication?: boolean } = {},
): Promise<PublishCheck> {
  const previousIndex = await readJson<Index>(previous, paths.osvIndex(), isIndex);
  if (!previousIndex) {
    // A site that answers without an index is a first publication only when the caller says so:
    // a wrong URL, a proxy's error page or a moved site must not pass as "nothing to compare".
    if (options.firstPublication) return { compared: false, problems: [], checked: 0 };
    throw new Error(
      `${previous.label} has no ${paths.osvIndex()}, so there is nothing to compare with; if this is the site's first publication, pass --first-publication, otherwise check --previous`,
    );
  }
  const nextIndex = await readJson<Index>(next, paths.osvIndex(), isIndex);
  if (!nextIndex) throw new Error(`${next.label} has no ${paths.osvIndex()}; build the site first`);

  const problems: PublishProblem[] = [];
  const nextById = new Map(nextIndex.map((entry) => [entry.id, entry]));
  const both: string[] = [];
  for (const old of previousIndex) {
    const current = nextById.get(old.id);
    if (!current) {
      problems.push({
        id: old.id,
        message:
          'was published and is gone from this build; keep its file and withdraw it (withdrawn: <date>, withdrawnReason) instead',
      });
      continue;
    }
    both.push(old.id);
    if (Date.parse(current.modified) < Date.parse(old.modified)) {
      problems.push({
        id: old.id,
        message: `modified went backwards, from ${old.modified} to ${current.modified}; modified only moves forward`,
      });
    }
  }

  const [previousManifest, nextManifest] = await Promise.all([
    readJson<Manifest>(previous, paths.manifest(), isManifest),
    readJson<Manifest>(next, paths.manifest(), isManifest),
  ]);
  if (!previousManifest)
    throw new Error(
      `${previous.label} has an OSV index but no ${paths.manifest()}; it does not look like a Disclose site`,
    );
  const hashes = (manifest: Manifest | undefined) => new Map(manifest?.files.map((f) => [f.path, f.sha256]));
  const [previousHashes, nextHashes] = [hashes(previousManifest), hashes(nextManifest)];
  const changed = both.filter((id) => {
    const path = paths.osv(id);
    const before = previousHashes.get(path);
    return before === undefined || before !== nextHashes.get(path);
  });
  const published = await mapLimit(changed, 16, async (id) => {
    const [before, after] = await Promise.all([
      readJson<{ published?: string }>(previous, paths.osv(id)),
      readJson<{ published?: string }>(next, paths.osv(id)),
    ]);
    return { id, before: before?.published, after: after?.published };
  });
  for (const { id, before, after } of published) {
    if (before && after && Date.parse(before) !== Date.parse(after)) {
      problems.push({
        id,
        message: `published changed from ${before} to ${after}; a publication date never changes, so put it back`,
      });
    }
  }
  problems.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return { compared: true, problems, checked: previousIndex.length };
}

async function readJson<T>(
  source: SiteSource,
  path: string,
  shape: (value: unknown) => boolean = () => true,
): Promise<T | undefined> {
  const text = await source.read(path);
  if (text === undefined) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${source.label}${path} is not JSON (is it a Disclose site?)`);
  }
  if (!shape(value)) throw new Error(`${source.label}${path} is not what a Disclose site publishes there`);
  return value as T;
}

function isIndex(value: unknown): boolean {
  return (
    Array.isArray(value) &&
    value.every(
      (e: { id?: unknown; modified?: unknown } | null) =>
        typeof e?.id === 'string' && typeof e.modified === 'string',
    )
  );
}

function isManifest(value: unknown): boolean {
  const files = (value as { files?: unknown } | null)?.files;
  return (
    Array.isArray(files) &&
    files.every(
      (f: { path?: unknown; sha256?: unknown } | null) =>
        typeof f?.path === 'string' && typeof f.sha256 === 'string',
    )
  );
}
