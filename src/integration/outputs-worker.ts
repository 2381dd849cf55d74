// The machine-readable outputs, written on a second core while Astro renders the pages. The
// integration starts this worker (bundled to build/outputs-worker.mjs, since Node does not run
// TypeScript from node_modules) and waits for it after the pages. It starts the site: the files
// are written where they belong in a folder that Astro's pages are moved into afterwards, and the
// files and pages of advisories the build cache gives are linked into it from the cache.
import { existsSync, mkdirSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import type { Advisory } from '../schemas/advisory.ts';
import type { AdvisorySource } from '../lib/outputs/context.ts';
import {
  writeOutputs,
  type OutputInput,
  type OutputReuse,
  type WrittenFile,
} from '../lib/outputs/write-outputs.ts';
import { FrontMatterCache } from '../lib/content/front-matter-cache.ts';
import { folderMaker, type Folders } from '../lib/outputs/folders.ts';
import {
  advisoryPage,
  cachedFolders,
  fileName,
  place,
  placeTree,
  readManifest,
  type CacheManifest,
  type CachedAdvisory,
} from './build-cache.ts';

/**
 * An advisory as a job carries it: its data and details, or, where its front matter came checked
 * from the build cache, the key it has there instead of the data (see FrontMatterCache), which the
 * worker reads from the cache's file itself: copying 20,000 advisories' data to the worker took
 * the main thread about 0.3 s.
 */
export type JobAdvisory = AdvisorySource | { checked: string; details: string };

/** What the integration hands the worker. */
export interface OutputsJob {
  input: Omit<OutputInput, 'advisories'> & { advisories: JobAdvisory[] };
  /** The folder the site is assembled in. */
  folder: string;
  now: Date;
  /**
   * The advisories whose page and files come from the build cache, with the key each is cached
   * under: their files are not written again. What the cache holds of each is read from its
   * manifest where the worker runs (see CachedRecords), not copied to it.
   */
  reused: Record<string, string>;
  /** The build cache's folder of files. */
  cacheFiles: string | undefined;
  /** The other pages, SECURITY.md and feed files the build cache gives: each file on the site and in the cache. */
  pages: { path: string; from: string }[];
  /** Folders of an out-of-date build cache, removed once the files are written (see BuildCache.outOfDate). */
  remove: string[];
  /** Search shards the build cache gives (see BuildCache.leadingShards): each put in the site's `pagefind/<n>`. */
  shards: { n: number; key: string; from: string }[];
  /**
   * The front matter this build checked, for the build cache (see FrontMatterCache): the keys of
   * the public advisories' front matter, and the advisories (by their place in `input.advisories`)
   * whose front matter was checked afresh, with its key. Written here, after the files, rather
   * than on the main thread, which a full build keeps busy: that is 20,000 values to encode.
   */
  frontMatter?: { public: string[]; fresh: [number, string][] };
}

/** What it answers: every file written or taken, and the files of each advisory written afresh. */
export type OutputsResult =
  | {
      written: WrittenFile[];
      fresh: [string, WrittenFile[], { id: string; modified: string }][];
      /** Milliseconds the job took, and how many folders were made before it came. */
      took: number;
      premade: number;
      /** Milliseconds spent removing an out-of-date cache's folders, after the job. */
      removed: number;
    }
  | {
      error: string;
      hint?: string;
      /** The build cache changed or lost a file while this build ran: the next build should not trust it. */
      cacheChanged?: boolean;
    };

/** What the build cache's manifest says of an advisory it holds (its key, files and OSV entry), by id. */
export type CachedRecords = (id: string) => Pick<CachedAdvisory, 'key' | 'outputs' | 'osv'> | undefined;

/** What `manifest` holds of each advisory, for assembleOutputs. */
export function manifestRecords(manifest: CacheManifest | undefined): CachedRecords {
  return (id) => {
    const record = manifest?.advisory(id);
    // Its key was read, so the build took it from the cache; the rest was edited by hand, or cut.
    if (!record && manifest?.advisories.has(id))
      throw new CacheChanged('', `the build cache's manifest has a record of ${id} that does not read`);
    return record;
  };
}

/**
 * Writes the outputs of `job`; the integration calls this itself where a worker cannot start.
 * `records` is what the build cache holds, from its manifest, and `checked` its checked front
 * matter. `premade` are folders made in `job.folder` before the job came (see premakeFolders):
 * those no file was put in are removed again, so the site has the folders of a build without them.
 */
export function assembleOutputs(
  job: OutputsJob,
  records: CachedRecords,
  checked: FrontMatterCache | undefined,
  premade?: Premade,
): OutputsResult {
  const started = performance.now();
  const fresh: [string, WrittenFile[], { id: string; modified: string }][] = [];
  const fromCache = (key: string, path: string) => join(job.cacheFiles ?? '', fileName(key, path));
  const cached = (id: string) => {
    const key = job.reused[id];
    if (key === undefined) return undefined;
    const record = records(id);
    // The manifest was read here, and by the integration, a moment apart: another build may have stored the cache between.
    if (record?.key !== key) throw new CacheChanged(id);
    return record;
  };
  const given = new Set(job.pages.map((page) => page.path));
  const folders: Folders = {
    made: new Set(premade?.root === job.folder ? premade.made : []),
    used: new Set(),
  };
  const reuse: OutputReuse = {
    cached,
    gives: (path) => given.has(path),
    take: (id, path, target) => take(fromCache(job.reused[id] ?? '', path), target),
    wrote: (id, outputs, osv) => fresh.push([id, outputs, osv]),
    folders,
  };
  try {
    const advisories = job.input.advisories.map((advisory) => {
      if ('data' in advisory) return advisory;
      const data = checked?.get(advisory.checked) as Advisory | undefined;
      // The file was read here and by the integration a moment apart: another build may have rewritten it between.
      if (data === undefined) throw new CacheChanged(`front matter ${advisory.checked}`);
      return { data, details: advisory.details };
    });
    const written = writeOutputs({ ...job.input, advisories }, job.folder, job.now, undefined, reuse);
    // The pages Astro leaves out, and the feeds left unwritten.
    const inFolder = folderMaker(folders);
    for (const [id, key] of Object.entries(job.reused))
      take(fromCache(key, advisoryPage(id)), inFolder(join(job.folder, advisoryPage(id))));
    for (const page of job.pages)
      take(join(job.cacheFiles ?? '', page.from), inFolder(join(job.folder, page.path)));
    if (premade?.root === job.folder)
      for (const folder of premade.made) if (!folders.used?.has(folder)) removeEmpty(folder, job.folder);
    for (const shard of job.shards) placeTree(shard.from, join(job.folder, 'pagefind', String(shard.n)));
    if (job.frontMatter && checked) {
      for (const [at, key] of job.frontMatter.fresh) checked.set(key, advisories[at]?.data);
      checked.save(new Set(job.frontMatter.public));
    }
    const took = Math.round(performance.now() - started);
    // Meanwhile Astro renders every page: a cache is out of date only in a full build.
    for (const folder of job.remove) rmSync(folder, { recursive: true, force: true });
    return {
      written,
      fresh,
      took,
      removed: Math.round(performance.now() - started) - took,
      premade: premade?.root === job.folder ? premade.made.length : 0,
    };
  } catch (error) {
    if (error instanceof CacheChanged)
      return {
        error: error.message,
        hint: 'Build again: two builds were using the same build cache at once, or a file was removed from it. The next build renders everything.',
        cacheChanged: true,
      };
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

class CacheChanged extends Error {
  constructor(what: string, message = `the build cache's record of ${what} changed while this build ran`) {
    super(message);
  }
}

/**
 * Puts a file of the build cache in the site. The cache does not list its folder to check that
 * each file its manifest names is there (see BuildCache): one that is not stops the build.
 */
function take(from: string, to: string): void {
  try {
    place(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !existsSync(from))
      throw new CacheChanged('', `the build cache has no file ${basename(from)}, which its manifest names`);
    throw error;
  }
}

/** Folders made in `root` before the job came. */
interface Premade {
  root: string;
  made: string[];
}

/**
 * While the integration checks the content, makes the folders the last build's cached files sat
 * in (see cachedFolders) in `root`, a few hundred at a time so that the job is taken as soon as it
 * comes: at 20,000 advisories that is 20,000 folders, seconds of this thread's time otherwise
 * spent after the job came. Stops where a folder cannot be made; the job makes what it needs.
 */
function premakeFolders(manifest: CacheManifest | undefined, root: string, stopped: () => boolean): Premade {
  const premade: Premade = { root, made: [] };
  const folders = cachedFolders(manifest)
    .map((folder) => join(root, folder))
    .filter((folder) => folder.startsWith(root + sep));
  const step = (from: number) => {
    if (stopped()) return;
    try {
      for (const folder of folders.slice(from, from + 500)) {
        mkdirSync(folder, { recursive: true });
        premade.made.push(folder);
      }
    } catch {
      return;
    }
    if (from + 500 < folders.length) setImmediate(() => step(from + 500));
  };
  step(0);
  return premade;
}

/** Removes `folder` and then each folder above it, up to `root`, while they are empty. */
function removeEmpty(folder: string, root: string): void {
  for (let at = folder; at.startsWith(root + sep); at = dirname(at)) {
    try {
      rmdirSync(at);
    } catch (error) {
      // Not empty (a file, or a folder still to come), or gone with a folder below it.
      if (['ENOTEMPTY', 'EEXIST', 'ENOENT'].includes((error as NodeJS.ErrnoException).code ?? '')) return;
      throw error;
    }
  }
}

// Started before the checks finish (see startOutputsWorker), it waits for its one job, making the
// folders it will need meanwhile.
const port = parentPort;
const given = workerData as { outputs?: boolean; folder?: string; cache?: string; code?: string } | null;
if (port && given?.outputs) {
  let busy = false;
  // Read once: for the folders now, and for what it holds of each advisory when the job comes.
  const manifest = given.cache ? readManifest(given.cache) : undefined;
  const checked = given.cache && given.code ? new FrontMatterCache(given.cache, given.code) : undefined;
  const premade = given.folder ? premakeFolders(manifest, given.folder, () => busy) : undefined;
  // And the front matter the job names by key, between the folders.
  const load = () => {
    if (!busy && checked?.load(500)) setImmediate(load);
  };
  setImmediate(load);
  port.once('message', (job: OutputsJob) => {
    busy = true;
    port.postMessage(assembleOutputs(job, manifestRecords(manifest), checked, premade));
  });
}
