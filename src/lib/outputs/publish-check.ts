import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { paths } from '../urls.ts';
import { mapLimit } from '../content/map-limit.ts';

/** Somewhere a published site can be read from: its URL, or a folder holding a build. */
export interface SiteSource {
  /** Shown in messages. */
  label: string;
  /** A file's text by its site path, or undefined when it does not exist (404, no such file). */
  read(path: string): Promise<string | undefined>;
}

export function folderSource(folder: string): SiteSource {
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

/** A published site; anything but 200 or 404 (or a network failure) throws, so a check never passes by accident. */
export function urlSource(site: string, fetcher: typeof fetch = fetch): SiteSource {
  const base = site.endsWith('/') ? site : `${site}/`;
  return {
    label: site,
    read: async (path) => {
      const url = new URL(path.replace(/^\//, ''), base).href;
      let response: Response;
      try {
        response = await fetcher(url, { redirect: 'follow' });
      } catch (error) {
        throw new Error(`could not fetch ${url}: ${(error as Error).message}`, { cause: error });
      }
      if (response.status === 404) return undefined;
      if (!response.ok) throw new Error(`${url} answered ${response.status} ${response.statusText}`);
      return response.text();
    },
  };
}

export interface PublishProblem {
  id: string;
  message: string;
}

export interface PublishCheck {
  /** False when the previous site has no OSV index: nothing was published before. */
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
export async function checkPublication(previous: SiteSource, next: SiteSource): Promise<PublishCheck> {
  const previousIndex = await readJson<Index>(previous, paths.osvIndex());
  if (!previousIndex) return { compared: false, problems: [], checked: 0 };
  const nextIndex = await readJson<Index>(next, paths.osvIndex());
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
    readJson<Manifest>(previous, paths.manifest()),
    readJson<Manifest>(next, paths.manifest()),
  ]);
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

async function readJson<T>(source: SiteSource, path: string): Promise<T | undefined> {
  const text = await source.read(path);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    throw new Error(`${source.label}${path} is not valid JSON`);
  }
}
