// The machine-readable outputs, written on a second core while Astro renders the pages. The
// integration starts this worker (bundled to build/outputs-worker.mjs, since Node does not run
// TypeScript from node_modules) and waits for it after the pages. It starts the site: the files
// are written where they belong in a folder that Astro's pages are moved into afterwards, and the
// files and pages of advisories the build cache gives are linked into it from the cache.
import { existsSync, mkdirSync, renameSync, rmdirSync, rmSync } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { Advisory } from '../schemas/advisory.ts';
import type { AdvisorySource } from '../lib/outputs/context.ts';
import {
  writeOutputs,
  type OutlinedSource,
  type OutputInput,
  type OutputReuse,
  type WrittenFile,
} from '../lib/outputs/write-outputs.ts';
import { FrontMatterCache, type ChecksRecord } from '../lib/content/front-matter-cache.ts';
import { paths } from '../lib/urls.ts';
import { folderMaker, type Folders } from '../lib/outputs/folders.ts';
import { completeManifest, knownManifest, type ManifestFile } from './manifest.ts';
import {
  advisoryPage,
  cacheFile,
  fileName,
  inSite,
  place,
  readManifest,
  type CacheManifest,
  type CachedAdvisory,
} from './build-cache.ts';
import { LAYOUT_ARGUMENT, layOutAhead, layoutProcess, takeLayout, type Premade } from './layout.ts';

/**
 * An advisory as a job carries it: its data and details; or, where its front matter came checked
 * from the build cache, the key it has there instead of the data (see FrontMatterCache), which the
 * worker reads from the cache's file itself: copying 20,000 advisories' data to the worker took
 * the main thread about 0.3 s; or, where the build cache gives its files and no feed written
 * shows it in full, only its id: the worker takes its outline from the cache's manifest (see
 * AdvisoryOutline), and parses no front matter for it at all.
 */
export type JobAdvisory = AdvisorySource | { checked: string; details: string } | { outlined: string };

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
  reused: Readonly<Record<string, string>>;
  /** The build cache's folder of files. */
  cacheFiles: string | undefined;
  /** The other pages, SECURITY.md and feed files the build cache gives: each file on the site and in the cache. */
  pages: { path: string; from: string }[];
  /**
   * Shared with the main thread, which links the pages the cache gives too once it has nothing
   * else to do (see pageClaims); without it, the worker links them all.
   */
  claims?: SharedArrayBuffer;
  /** Folders of an out-of-date build cache, removed once the files are written (see BuildCache.outOfDate). */
  remove: string[];
  /**
   * The front matter this build checked, for the build cache to store after the files, where it
   * checked thousands afresh (see FrontMatterCache): the keys of the public advisories' front
   * matter, and the advisories (by their place in `input.advisories`, each with its data) whose
   * front matter was checked afresh, with its key; and what the advisories' checks depended on.
   */
  frontMatter?: { public: string[]; fresh: [number, string][]; checks: ChecksRecord | undefined };
}

/** The folder of the site's folder that announcements are written aside in (see OutputsResult.aside), empty once they are moved. */
export const ASIDE = '.announcements';

/**
 * Moves each announcement written aside (see OutputsResult.aside) to its path under `root`,
 * making its folder where it is missing (a page the site's own route left out).
 */
export function moveAside(aside: readonly [string, string][], root: string): void {
  for (const [file, path] of aside) {
    const to = inSite(root, path);
    try {
      renameSync(file, to);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !existsSync(file)) throw error;
      mkdirSync(dirname(to), { recursive: true });
      renameSync(file, to);
    }
  }
}

/** What it answers: every file written or taken, and the files of each advisory written afresh. */
export type OutputsResult =
  | {
      written: WrittenFile[];
      /** The paths of the files in `written` that the build cache gave, rather than written afresh. */
      taken: ReadonlySet<string>;
      fresh: [string, WrittenFile[], { id: string; modified: string }][];
      /** Milliseconds the job took, and how many folders were made before it came. */
      took: number;
      premade: number;
      /** How many of the cache's files were linked into the site before the job came, and kept. */
      prelinked: number;
      /** Milliseconds spent removing an out-of-date cache's folders, after the job. */
      removed: number;
      /**
       * The announcements of the advisories whose pages Astro renders, each written aside (in
       * ASIDE) and moved into the folder of its page once Astro has made it, with its path on the
       * site: the site's folder and Astro's would otherwise each have a folder for every such
       * advisory (20,000 in a full build), and Astro's 20,000 be removed, emptied, at the end.
       */
      aside: [string, string][];
    }
  | {
      error: string;
      hint?: string;
      /** The build cache changed or lost a file while this build ran: the next build should not trust it. */
      cacheChanged?: boolean;
    };

/**
 * What the worker answers the main thread: the result without the files the build cache gave,
 * which only the site's manifest needs, and the worker writes that (see SiteManifestRequest). At
 * 20,000 advisories those are 60,000 files: copying them to the main thread and holding them there
 * took it about a tenth of a second, at the end of the build, where it waits for nothing else.
 */
export type PostedResult = (
  | (Omit<Extract<OutputsResult, { written: WrittenFile[] }>, 'written' | 'taken'> & {
      /** The files this build wrote afresh (those the build cache gave left out). */
      written: WrittenFile[];
      /** How many files there are in all, taken ones included. */
      files: number;
    })
  | Extract<OutputsResult, { error: string }>
) & {
  /**
   * The site laid out after the last build (see takeLayout): taken, with how many files it held
   * and how long taking and checking it took; or refused, and why.
   */
  layout?: { files: number; took: number } | { refused: string };
};

/** A result as the worker posts it (see PostedResult). */
export function posted(result: OutputsResult): PostedResult {
  if ('error' in result) return result;
  const { taken, written, ...rest } = result;
  return { ...rest, written: written.filter((file) => !taken.has(file.path)), files: written.length };
}

/** The main thread's second message: the files Astro wrote that the site's manifest lists, hashed. */
export interface SiteManifestRequest {
  found: ManifestFile[];
}

/** The worker's answer to it: how many files the site's manifest it wrote lists. */
export type SiteManifestAnswer = { count: number } | { error: string };

/** What the build cache's manifest says of an advisory it holds (its key, files and OSV entry), by id. */
export type CachedRecords = (
  id: string,
) => Pick<CachedAdvisory, 'key' | 'outputs' | 'osv' | 'outline'> | undefined;

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
 * `records` is what the build cache holds, from its manifest, and `checked` opens its checked
 * front matter, where the job names any by key. `premade` is what was laid out in `job.folder`
 * before the job came (see layOutAhead): the files the job takes are kept and the others removed
 * (see settle), and folders no file was put in are removed again, so that the site is what a
 * build without it makes. It never touches the site's pagefind folder: the search index takes
 * the shards the build cache gives on the main thread, while this thread is still linking
 * (at 20,000 advisories, the 20,000 files of twenty shards: this thread's work is the longer).
 */
export function assembleOutputs(
  job: OutputsJob,
  records: CachedRecords,
  checked: () => FrontMatterCache | undefined,
  premade?: Premade,
): OutputsResult {
  const started = performance.now();
  const fresh: [string, WrittenFile[], { id: string; modified: string }][] = [];
  const cached = (id: string) => {
    const key = job.reused[id];
    if (key === undefined) return undefined;
    const record = records(id);
    // The manifest was read here, and by the integration, a moment apart: another build may have stored the cache between.
    if (record?.key !== key) throw new CacheChanged(id);
    return record;
  };
  const given = new Set(job.pages.map((page) => page.path));
  const taken = new Set<string>();
  const ahead = premade?.root === job.folder ? premade : undefined;
  const folders: Folders = { made: new Set(ahead?.made) };
  let kept: Kept = { advisories: new Set(), pages: new Set(), files: 0 };
  // A cached file goes where the site has it; its folder was made ahead, or is made now, before
  // the link: a link that finds no folder, and the look for the cache's file that follows, cost
  // the 20,000 advisories that were not laid out ahead two calls each.
  const inFolder = folderMaker(folders);
  // A path the cache names is one inside the site (see isSitePath), or the build stops.
  const put = (from: string, path: string) => take(from, inFolder(inSite(job.folder, path)));
  const reuse: OutputReuse = {
    cached,
    gives: (path) => given.has(path),
    take: (id, path) => {
      taken.add(path);
      // Those in the folder of the advisory's page are linked with the page, later (see pageClaims);
      // none of those linked before the job came from the files it has under the same key.
      if (!inPageFolder(id, path) && !kept.advisories.has(id))
        put(cacheFile(job.cacheFiles ?? '', fileName(job.reused[id] ?? '', path)), path);
    },
    wrote: (id, outputs, osv) => fresh.push([id, outputs, osv]),
    folders,
  };
  try {
    // What was linked before the job came and is not taken goes first, so that nothing is
    // written through a link into the cache's file.
    kept = settle(premade, job);
    // Every folder the cache's files go in is made before the main thread may link into them
    // (see pageClaims): two threads making folders in one folder take turns, spinning as they wait.
    for (const folder of ahead?.folders.slice(ahead.made.length) ?? []) {
      mkdirSync(folder, { recursive: true });
      folders.made.add(folder);
    }
    const given = openFiles(job, kept, records);
    const advisories = job.input.advisories.map((advisory): AdvisorySource | OutlinedSource => {
      if ('data' in advisory) return advisory;
      if ('outlined' in advisory) {
        const record = cached(advisory.outlined);
        if (!record) throw new CacheChanged(advisory.outlined);
        return { outline: record.outline };
      }
      const data = checked()?.get(advisory.checked) as Advisory | undefined;
      // The file was read here and by the integration a moment apart: another build may have rewritten it between.
      if (data === undefined) throw new CacheChanged(`front matter ${advisory.checked}`);
      return { data, details: advisory.details };
    });
    // Written afresh: those the cache does not give (one that came with its data may be one it gives).
    const aside = new Map(
      advisories.flatMap((advisory, at): [string, string][] =>
        'data' in advisory && job.reused[advisory.data.id] === undefined
          ? [[paths.announcement(advisory.data.id), join(job.folder, ASIDE, `${at}.md`)]]
          : [],
      ),
    );
    const written = writeOutputs(
      { ...job.input, advisories },
      job.folder,
      job.now,
      (path) => aside.get(path) ?? join(job.folder, path),
      reuse,
    );
    // The files of the advisories Astro leaves out, the pages it leaves out, and the feeds left
    // unwritten, shared with the main thread.
    linkFiles(given, put);
    if (ahead) for (const folder of leftEmpty(ahead, job, records)) removeEmpty(folder, job.folder);
    const frontMatter = job.frontMatter && checked();
    if (job.frontMatter && frontMatter) {
      for (const [at, key] of job.frontMatter.fresh) {
        const advisory = advisories[at];
        if (advisory && 'data' in advisory) frontMatter.set(key, advisory.data);
      }
      frontMatter.save(new Set(job.frontMatter.public), job.frontMatter.checks);
    }
    const took = Math.round(performance.now() - started);
    // Meanwhile Astro renders every page: a cache is out of date only in a full build.
    for (const folder of job.remove) rmSync(folder, { recursive: true, force: true });
    return {
      written,
      taken,
      fresh,
      took,
      removed: Math.round(performance.now() - started) - took,
      premade: ahead?.made.length ?? 0,
      prelinked: kept.files,
      // Of those, the ones written: an advisory that is not public is not.
      aside: fresh.flatMap(([, outputs]) =>
        outputs.flatMap(({ path }): [string, string][] => {
          const file = aside.get(path);
          return file === undefined ? [] : [[file, path]];
        }),
      ),
    };
  } catch (error) {
    return failure(error);
  }
}

/** What went wrong, as the integration reports it: a build cache that changed underneath, or anything else. */
function failure(error: unknown): Extract<OutputsResult, { error: string }> {
  if (error instanceof CacheChanged)
    return {
      error: error.message,
      hint: 'Build again: two builds were using the same build cache at once, or a file was removed from it. The next build renders everything.',
      cacheChanged: true,
    };
  return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** Whether `path` is in the folder of the page of the advisory `id` (see pageClaims). */
function inPageFolder(id: string, path: string): boolean {
  const page = advisoryPage(id);
  return path.startsWith(page.slice(0, page.lastIndexOf('/') + 1));
}

/**
 * The files the build cache gives that the outputs worker and the main thread share: those in the
 * folder of each advisory's page that Astro leaves out (the page and the announcement, in the
 * order of `job.reused`), then the other pages, SECURITY.md and feed files (`job.pages`). At
 * 20,000 advisories that is 41,800 links, the last of the worker's job (after the OSV records and
 * CSAF documents), and the build waits for the worker; the main thread, done with the pages and
 * the search index, links those the worker has not come to. Each link goes in a folder of its
 * own, so the two threads link side by side; links into one folder (`osv/`, with 20,000 files)
 * take turns, and those stay the worker's. Each thread claims 25 at a time from a counter in
 * `claims`, which holds -1 until the worker has marked those it kept from what it laid out ahead
 * (see settle), then a flag for each: set, it is in place already.
 */
export function pageClaims(job: Pick<OutputsJob, 'reused' | 'pages'>): SharedArrayBuffer {
  const buffer = new SharedArrayBuffer(4 + Object.keys(job.reused).length + job.pages.length);
  Atomics.store(new Int32Array(buffer, 0, 1), 0, -1);
  return buffer;
}

/** What of a job says which files the cache gives, and where they go. */
export type PageJob = Pick<OutputsJob, 'folder' | 'reused' | 'pages' | 'cacheFiles' | 'claims'>;

/** The files the cache gives, as pageClaims shares them: each file in the cache, and its path on the site. */
interface GivenFiles {
  next: Int32Array;
  placed: Uint8Array;
  count: number;
  /** The files of one advisory or one page. */
  files(at: number): { from: string; path: string }[];
}

function givenFiles(job: PageJob, buffer: SharedArrayBuffer, records: CachedRecords): GivenFiles {
  const ids = Object.keys(job.reused);
  const count = ids.length + job.pages.length;
  const cached = (name: string) => cacheFile(job.cacheFiles ?? '', name);
  return {
    next: new Int32Array(buffer, 0, 1),
    placed: new Uint8Array(buffer, 4, count),
    count,
    files: (at) => {
      const id = ids[at];
      if (id === undefined) {
        const page = job.pages[at - ids.length];
        return page ? [{ from: cached(page.from), path: page.path }] : [];
      }
      const key = job.reused[id] ?? '';
      const record = records(id);
      // The manifest was read here and by the integration a moment apart: another build may have stored the cache between.
      if (record?.key !== key) throw new CacheChanged(id);
      const paths = record.outputs.map((file) => file.path).filter((path) => inPageFolder(id, path));
      return [advisoryPage(id), ...paths].map((path) => ({ from: cached(fileName(key, path)), path }));
    },
  };
}

/** Marks what was kept from what was laid out ahead, and lets the main thread claim the rest (see pageClaims). */
function openFiles(job: OutputsJob, kept: Kept, records: CachedRecords): GivenFiles {
  const given = givenFiles(job, job.claims ?? pageClaims(job), records);
  Object.keys(job.reused).forEach((id, at) => {
    if (kept.advisories.has(id)) given.placed[at] = 1;
  });
  job.pages.forEach((page, at) => {
    if (kept.pages.has(page.path)) given.placed[given.count - job.pages.length + at] = 1;
  });
  Atomics.store(given.next, 0, 0);
  return given;
}

/** Links the files the cache gives that no other thread has claimed (see pageClaims); how many it linked. */
function linkFiles(given: GivenFiles, link: (from: string, path: string) => void): number {
  let linked = 0;
  for (let at = Atomics.add(given.next, 0, 25); at < given.count; at = Atomics.add(given.next, 0, 25))
    for (let one = at; one < Math.min(at + 25, given.count); one++) {
      if (given.placed[one]) continue;
      for (const { from, path } of given.files(one)) link(from, path);
      linked++;
    }
  return linked;
}

/**
 * The main thread's share of the files the cache gives (see pageClaims), linked while it waits for
 * the outputs worker, with what the cache's manifest holds of each advisory (`records`): how many
 * advisories and pages it linked, or what went wrong, as the worker says it. None before the
 * worker has marked what it kept: then the worker links them all.
 */
export function linkGivenFiles(
  job: PageJob,
  records: CachedRecords,
): { linked: number } | Extract<OutputsResult, { error: string }> {
  if (!job.claims) return { linked: 0 };
  try {
    const given = givenFiles(job, job.claims, records);
    if (Atomics.load(given.next, 0) < 0) return { linked: 0 };
    return { linked: linkFiles(given, (from, path) => take(from, inSite(job.folder, path))) };
  } catch (error) {
    return failure(error);
  }
}

class CacheChanged extends Error {
  constructor(what: string, message = `the build cache's record of ${what} changed while this build ran`) {
    super(message);
  }
}

/**
 * Puts a file of the build cache in the site. Its folder is made first (see assembleOutputs), and
 * made here if it is missing all the same. The cache does not list its folder to check that each
 * file its manifest names is there (see BuildCache): one that is not stops the build.
 */
function take(from: string, to: string): void {
  try {
    place(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    if (!existsSync(from))
      throw new CacheChanged('', `the build cache has no file ${basename(from)}, which its manifest names`);
    mkdirSync(dirname(to), { recursive: true });
    place(from, to);
  }
}

/**
 * What was linked before the job came and is kept (see settle): advisories (all their files), by
 * id; pages, by path on the site; and how many files that is.
 */
interface Kept {
  advisories: ReadonlySet<string>;
  pages: ReadonlySet<string>;
  files: number;
}

/**
 * Keeps what layOutAhead linked where the job takes the very same file (an advisory under the
 * key the job gives it, a page from the same file of the cache), and removes everything else it
 * linked: the files of advisories that changed, went or are no longer public, and pages that
 * changed. Before any file is written, so that
 * none is written through a link into the cache.
 */
function settle(premade: Premade | undefined, job: OutputsJob): Kept {
  const kept = {
    advisories: new Set<string>(),
    pages: new Set<string>(),
    files: 0,
  };
  if (!premade) return kept;
  const here = premade.root === job.folder;
  for (const [id, { key, files, whole }] of premade.advisories) {
    if (here && whole && job.reused[id] === key) {
      kept.advisories.add(id);
      kept.files += files.length;
    } else for (const file of files) rmSync(file, { force: true });
  }
  const pages = new Map(job.pages.map((page) => [page.path, page.from]));
  for (const [path, { from, whole }] of premade.pages) {
    if (here && whole && pages.get(path) === from) {
      kept.pages.add(path);
      kept.files++;
    } else rmSync(join(premade.root, path), { force: true });
  }
  return kept;
}

/**
 * The folders made ahead that the site may no longer need: those of the advisories and pages the
 * last build had and this one does not take from the cache. Each is removed if nothing was put
 * in it (see removeEmpty), so that the site is what a build that laid nothing out makes.
 */
function leftEmpty(premade: Premade, job: OutputsJob, records: CachedRecords): Set<string> {
  const folders = new Set<string>();
  const add = (path: string) => folders.add(join(premade.root, path.slice(0, path.lastIndexOf('/'))));
  for (const [id, key] of premade.planned.advisories) {
    if (job.reused[id] === key) continue;
    add(advisoryPage(id));
    let record: ReturnType<CachedRecords>;
    try {
      record = records(id);
    } catch {
      // A record that does not read was never laid out.
      continue;
    }
    for (const file of record?.outputs ?? []) add(file.path);
  }
  const pages = new Map(job.pages.map((page) => [page.path, page.from]));
  for (const [path, from] of premade.planned.pages) if (pages.get(path) !== from) add(path);
  return folders;
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

// Started before the checks finish (see startOutputsWorker), it waits for its one job, laying out
// the last build's site meanwhile.
const port = parentPort;
const given = workerData as {
  outputs?: boolean;
  folder?: string;
  cache?: string;
  code?: string;
  layout?: boolean;
  tookLayout?: SharedArrayBuffer;
} | null;
if (port && given?.outputs) {
  let busy = false;
  // Read once: for the folders now, and for what it holds of each advisory when the job comes.
  let manifest = given.cache ? readManifest(given.cache) : undefined;
  // The site a layout process laid out after the last build, if there is one; else as far as it gets.
  const layout = given.folder && given.layout ? takeLayout(manifest, given.cache, given.folder) : undefined;
  // Said at once (1: taken, 2: not), so that a build that stops before the job puts it back (see putLayoutBack).
  if (given.tookLayout) {
    const took = new Int32Array(given.tookLayout);
    Atomics.store(took, 0, layout && 'premade' in layout ? 1 : 2);
    Atomics.notify(took, 0);
  }
  let premade =
    layout && 'premade' in layout
      ? layout.premade
      : given.folder
        ? layOutAhead(manifest, given.folder, given.cache, () => busy)
        : undefined;
  // The checked front matter only if the job names any by key: an advisory whose files the cache
  // gives comes as its outline, so a build that changed one advisory names none.
  let checked: FrontMatterCache | undefined;
  const open = () =>
    (checked ??= given.cache && given.code ? new FrontMatterCache(given.cache, given.code) : undefined);
  port.once('message', (job: OutputsJob) => {
    busy = true;
    const result = assembleOutputs(job, manifestRecords(manifest), open, premade);
    port.postMessage({
      ...posted(result),
      ...(layout && { layout: 'premade' in layout ? { files: layout.files, took: layout.took } : layout }),
    });
    if ('error' in result) return;
    // Then the site's manifest: what it holds of the files written and taken, sorted while the
    // pages are moved in, and written once the main thread sends the few files Astro wrote. Only
    // that is kept until then: in a full build, the main thread renders for a minute meanwhile.
    const known = knownManifest([...job.pages, ...result.written]);
    const folder = job.folder;
    manifest = undefined;
    premade = undefined;
    checked = undefined;
    port.once('message', ({ found }: SiteManifestRequest) => {
      completeManifest(folder, known, found).then(
        (count) => port.postMessage({ count } satisfies SiteManifestAnswer),
        (error: unknown) => port.postMessage({ error: String(error) } satisfies SiteManifestAnswer),
      );
    });
  });
}

// Run as a script of its own, with LAYOUT_ARGUMENT and the cache's folder, it is the layout
// process a build starts once it has ended (see startLayout).
if (isMainThread && process.argv[2] === LAYOUT_ARGUMENT && process.argv[3]) layoutProcess(process.argv[3]);
