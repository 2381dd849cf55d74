// The last build's site, laid out from the build cache for the next build: the folders the cached
// files sit in and a link to each file. At 20,000 advisories that is 22,000 folders and 84,000
// links, the file system's work, which the outputs worker of every build that takes its pages
// from the cache would otherwise do before the site is whole. The worker does it while the content
// is checked, as far as it gets (layOutAhead); and, on a machine that keeps the build cache between
// builds, a process of its own does it once a build has ended (layOutNext), into a folder of the
// cache that the next build takes in one rename (takeLayout) if it is whole and holds nothing but
// what the cache's manifest names.
import { spawn } from 'node:child_process';
import { hash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  advisoryFiles,
  cacheFile,
  cachedFolders,
  cacheFiles,
  cachedShard,
  fileName,
  inSite,
  manifestStamp,
  pageFile,
  place,
  placeTree,
  readManifest,
  type CacheManifest,
} from './build-cache.ts';
import { isRunning } from './output-folder.ts';

/** Folders made, and files of the build cache linked, in `root` before the job came. */
export interface Premade {
  root: string;
  /** The folders the cache's files go in, and those of them made so far, in order. */
  folders: string[];
  made: string[];
  /**
   * What it was to lay out, from the cache's manifest: each advisory's key, by id, and each
   * page's file in the cache, by path on the site.
   */
  planned: { advisories: ReadonlyMap<string, string>; pages: ReadonlyMap<string, string> };
  /** Each advisory whose page and files were linked, under the key it has in the cache's manifest; `files` as linked so far. */
  advisories: Map<string, { key: string; files: string[]; whole: boolean }>;
  /** Listing and project pages, SECURITY.md and feed files linked: the file in the cache, by path on the site. */
  pages: Map<string, { from: string; whole: boolean }>;
  /** Whether it has stopped: done, stopped by the job, or failed. */
  over: boolean;
}

/**
 * The laying out of the last build's site in `root` from the build cache in `cache`, as steps of a
 * few hundred folders or advisories each, in order: first the folders the cached files sit in (see
 * cachedFolders), then the files of each advisory, then the other pages, SECURITY.md and feed
 * files, linked from the cache. A step answers false, or throws, where it cannot go on.
 */
function layOutSteps(
  manifest: CacheManifest | undefined,
  root: string,
  cache: string | undefined,
): { premade: Premade; steps: (() => boolean)[] } {
  const given = manifest && cache !== undefined ? manifest : undefined;
  const premade: Premade = {
    root,
    folders: siteFolders(given, root),
    made: [],
    planned: {
      advisories: new Map(given ? [...given.advisories].map(([id, { key }]) => [id, key]) : []),
      pages: new Map(
        given ? [...given.pages].map(([url, { key }]) => [pageFile(url), fileName(key, pageFile(url))]) : [],
      ),
    },
    advisories: new Map(),
    pages: new Map(),
    over: false,
  };
  const files = cache === undefined ? '' : cacheFiles(cache);
  const ids = given ? [...given.advisories.keys()] : [];
  // Throws for a path outside the site (see isSitePath): what is laid out so far stays, for the job to settle.
  const link = (from: string, path: string) => {
    const target = inSite(root, path);
    place(from, target);
    return target;
  };
  const steps: (() => boolean)[] = [];
  const { folders } = premade;
  for (let from = 0; from < folders.length; from += 500)
    steps.push(() => {
      for (const folder of folders.slice(from, from + 500)) {
        mkdirSync(folder, { recursive: true });
        premade.made.push(folder);
      }
      return true;
    });
  for (let from = 0; from < ids.length; from += 200)
    steps.push(() => {
      for (const id of ids.slice(from, from + 200)) {
        const record = given?.advisory(id);
        if (!record) return false;
        const linked = { key: record.key, files: [] as string[], whole: false };
        premade.advisories.set(id, linked);
        for (const path of advisoryFiles(id, record.outputs))
          linked.files.push(link(cacheFile(files, fileName(record.key, path)), path));
        linked.whole = true;
      }
      return true;
    });
  steps.push(() => {
    for (const [path, from] of premade.planned.pages) {
      const linked = { from, whole: false };
      premade.pages.set(path, linked);
      link(cacheFile(files, from), path);
      linked.whole = true;
    }
    return true;
  });
  return { premade, steps };
}

/** The folders in `root` that the files the cache's manifest names sit in (see cachedFolders). */
function siteFolders(manifest: CacheManifest | undefined, root: string): string[] {
  return cachedFolders(manifest)
    .map((folder) => join(root, folder))
    .filter((folder) => folder.startsWith(root + sep));
}

/**
 * While the integration checks the content, lays out the last build's site in `root` from the
 * build cache, as far as it gets before the job comes (see layOutSteps). Most of it is needed
 * again, and at 20,000 advisories that is 100,000 links and 20,000 folders, seconds of this
 * thread's time that would otherwise come after the job, while Astro renders. The job keeps what
 * it takes too and removes the rest (see settle in the outputs worker). A few hundred at a time,
 * so that the job is taken as soon as it comes; stops where anything fails, leaving it to the job.
 */
export function layOutAhead(
  manifest: CacheManifest | undefined,
  root: string,
  cache: string | undefined,
  stopped: () => boolean,
): Premade {
  const { premade, steps } = layOutSteps(manifest, root, cache);
  const step = (at: number) => {
    try {
      if (stopped()) premade.over = true;
      else if (at >= steps.length) premade.over = true;
      else premade.over = !steps[at]?.();
    } catch {
      premade.over = true;
    }
    if (!premade.over) setImmediate(() => step(at + 1));
  };
  step(0);
  return premade;
}

/** The folder of the build cache that holds the site laid out from the manifest of stamp `stamp`. */
export const layoutName = (stamp: string) => `layout-${hash('sha256', stamp, 'hex').slice(0, 16)}`;

const LAID_OUT = /^layout-[0-9a-f]{16}(?:-search)?$/;

/** The folder a layout process of number `pid` lays out in, renamed (see layoutName) once it is whole. */
const unfinished = (pid: number) => `.layout-${pid}`;
const UNFINISHED = /^\.layout-(\d+)$/;

/** The file a build writes in the cache to stop a layout process that would come too late for it. */
const STOP = 'layout.stop';

/** What takeLayout found: the site taken, a layout refused (and why), or none. */
export type TakenLayout = { premade: Premade; files: number; took: number } | { refused: string } | undefined;

/**
 * Takes the site a layout process laid out from the cache's manifest as it is now (see
 * layOutNext), moving it to `root`, which must not exist: undefined where there is none. It is
 * taken only if it holds nothing but folders and files, exactly the ones the manifest names:
 * a layout another process changed since (a link to a folder elsewhere, a file removed or added)
 * is refused and removed, and the build lays out the site itself. What the files hold is not read:
 * they are the cache's own, linked, and the cache is trusted for them as for every file it gives.
 */
export function takeLayout(
  manifest: CacheManifest | undefined,
  cache: string | undefined,
  root: string,
): TakenLayout {
  if (!manifest || cache === undefined) return undefined;
  const started = performance.now();
  const moved = moveLaidOut(join(cache, layoutName(manifest.stamp)), root);
  if (moved === undefined) stopLayouts(cache);
  if (moved !== 'moved') return moved;
  // What it should hold: everything the manifest names, each advisory whole, as the steps would lay it out.
  const { premade } = layOutSteps(manifest, root, cache);
  let problem: string | undefined;
  try {
    for (const [id, key] of premade.planned.advisories) {
      const record = manifest.advisory(id);
      if (!record) throw new Error(`the build cache's manifest has a record of ${id} that does not read`);
      const files = advisoryFiles(id, record.outputs).map((path) => inSite(root, path));
      premade.advisories.set(id, { key, files, whole: true });
    }
    for (const [path, from] of premade.planned.pages) premade.pages.set(path, { from, whole: true });
    problem = unexpected(premade);
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem) {
    rmSync(root, { recursive: true, force: true });
    return { refused: problem };
  }
  premade.made = [...premade.folders];
  premade.over = true;
  const files = [...premade.advisories.values()].reduce((sum, { files }) => sum + files.length, 0);
  return { premade, files: files + premade.pages.size, took: Math.round(performance.now() - started) };
}

/**
 * Moves the folder `from` of a layout to `to`, which must not exist: undefined where there is
 * none, or why it was not moved.
 */
function moveLaidOut(from: string, to: string): 'moved' | { refused: string } | undefined {
  try {
    // A link named like a layout would move as a link, and the site be written wherever it points.
    if (!lstatSync(from).isDirectory()) {
      rmSync(from, { force: true });
      return { refused: `${from} is not a folder` };
    }
  } catch {
    return undefined;
  }
  try {
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
    return 'moved';
  } catch (error) {
    // Another build took it first, or it is on another file system: this build lays out its own.
    return { refused: `${from} could not be moved to ${to} (${(error as NodeJS.ErrnoException).code})` };
  }
}

/**
 * What is wrong with the layout in `root`, or undefined: anything that is not a folder or a
 * file, a folder or file the manifest does not name, or one it names that is missing. A walk one
 * folder at a time (Node's recursive listing stats every entry): at 20,000 advisories, 0.2–0.3 s
 * of the outputs worker's time while the content is checked.
 */
function unexpected({ root, folders: made, advisories, pages }: Premade): string | undefined {
  const folders = new Set<string>();
  for (const folder of made)
    for (let at = folder; at.startsWith(root + sep) && !folders.has(at); at = dirname(at)) folders.add(at);
  const files = new Set([...advisories.values()].flatMap((advisory) => advisory.files));
  for (const path of pages.keys()) files.add(inSite(root, path));
  let found = 0;
  let seen = 0;
  const walk = (folder: string, path: string): string | undefined => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const at = `${path}/${entry.name}`;
      const full = folder + sep + entry.name;
      if (entry.isDirectory()) {
        if (!folders.has(full)) return `it holds a folder ${at} the cache does not name`;
        seen++;
        const wrong = walk(full, at);
        if (wrong) return wrong;
      } else if (entry.isFile()) {
        if (!files.has(full)) return `it holds a file ${at} the cache does not name`;
        found++;
      } else return `${at} in it is neither a file nor a folder`;
    }
    return undefined;
  };
  const wrong = walk(root, '');
  if (wrong) return `the site laid out for this build was changed: ${wrong}`;
  const missing = [
    [files.size - found, 'file'],
    [folders.size - seen, 'folder'],
  ].flatMap(([count, what]) => (count ? [`${count} ${what}${count === 1 ? '' : 's'}`] : []));
  if (missing.length > 0)
    return `the site laid out for this build was changed: it lacks ${missing.join(' and ')} the cache names`;
  return undefined;
}

/**
 * Puts a site taken from the build cache in `cache` (see takeLayout) back there, from `root`, for
 * a build that stopped before it changed anything in it: named for the cache's manifest as it is
 * now, which is the one it was laid out from unless another build stored one since (and then the
 * next layout process removes it). Whether it was put back.
 */
export function putLayoutBack(root: string, cache: string): boolean {
  const stamp = manifestStamp(cache);
  if (stamp === undefined) return false;
  try {
    renameSync(root, join(cache, layoutName(stamp)));
    return true;
  } catch {
    return false;
  }
}

/** Stops any layout process of `cache` that is still running: it would end after this build began, for a manifest this build replaces. */
export function stopLayouts(cache: string): void {
  try {
    if (readdirSync(cache).some((name) => UNFINISHED.test(name))) writeFileSync(join(cache, STOP), '');
  } catch {
    // No cache yet.
  }
}

/** The argument the outputs worker's script takes to run as a layout process (see layOutNext). */
export const LAYOUT_ARGUMENT = '--disclose-lay-out';

/** Runs the layout process (see layOutNext), giving way to any other process for the processor. */
export function layoutProcess(cache: string): void {
  try {
    setPriority(10);
  } catch {
    // Not allowed here: it runs at the build's priority.
  }
  layOutNext(cache);
}

/**
 * The layout process's work: lays out the site of the cache's manifest in `cache` (see
 * layOutSteps), then its search shards, each in the place the manifest lists it (see
 * takeSearchLayout), and renames both for that manifest once they are whole (see layoutName);
 * then removes the layouts of earlier manifests and those of layout processes that are gone. It
 * stops where a build began meanwhile (see stopLayouts), leaving what it laid out to the next one
 * to remove.
 */
export function layOutNext(cache: string): void {
  const began = Date.now();
  const stopped = () => {
    try {
      return statSync(join(cache, STOP)).mtimeMs >= began;
    } catch {
      return false;
    }
  };
  const manifest = readManifest(cache);
  const current = manifest ? layoutName(manifest.stamp) : undefined;
  if (manifest && current) {
    // Made empty by the build that started this process (see startLayout); anything in it is
    // left from an earlier process of the same number.
    const root = join(cache, unfinished(process.pid));
    try {
      if (readdirSync(root).length > 0) rmSync(root, { recursive: true, force: true });
    } catch {
      // Not made: the steps make it.
    }
    const [site, search] = [join(root, 'site'), join(root, 'search')];
    const { steps } = layOutSteps(manifest, site, cache);
    steps.push(() => {
      mkdirSync(search, { recursive: true });
      return true;
    });
    manifest.shards.forEach((key, n) =>
      steps.push(() => {
        placeTree(cachedShard(cache, key), join(search, String(n)));
        return true;
      }),
    );
    let whole = true;
    try {
      for (const step of steps) {
        if (stopped()) return;
        if (!step()) {
          whole = false;
          break;
        }
      }
    } catch {
      whole = false;
    }
    // The manifest it laid out is still the cache's: no build stored another meanwhile.
    if (whole && !stopped() && manifestStamp(cache) === manifest.stamp) {
      for (const [from, name] of [
        [search, searchLayoutName(manifest.stamp)],
        [site, current],
      ] as const) {
        rmSync(join(cache, name), { recursive: true, force: true });
        renameSync(from, join(cache, name));
      }
    }
    rmSync(root, { recursive: true, force: true });
  }
  const kept = manifest ? [current, searchLayoutName(manifest.stamp)] : [];
  for (const name of readdirSync(cache)) {
    if (stopped()) return;
    const pid = Number(UNFINISHED.exec(name)?.[1]);
    if ((LAID_OUT.test(name) && !kept.includes(name)) || (pid && pid !== process.pid && !isRunning(pid)))
      rmSync(join(cache, name), { recursive: true, force: true });
  }
}

/** The folder of the build cache that holds the search shards laid out from the manifest of stamp `stamp`. */
export const searchLayoutName = (stamp: string) => `${layoutName(stamp)}-search`;

/**
 * Takes the search shards a layout process laid out from the cache's manifest as it is now (see
 * layOutNext), moving them to `target` (the site's `pagefind` folder, which must not exist): the
 * key of the shard laid out in each place (`pagefind/0`, …), from the manifest; undefined where
 * there are none. Taken only if they hold nothing but folders and files, and exactly the ones of
 * the cache's shard of that key: otherwise refused and removed, as takeLayout does.
 */
export function takeSearchLayout(
  manifest: CacheManifest | undefined,
  cache: string,
  target: string,
): { shards: readonly string[] } | { refused: string } | undefined {
  if (!manifest) return undefined;
  const moved = moveLaidOut(join(cache, searchLayoutName(manifest.stamp)), target);
  if (moved !== 'moved') return moved;
  const places = new Set(manifest.shards.map((_, n) => String(n)));
  let problem: string | undefined;
  const found = readdirSync(target, { withFileTypes: true });
  for (const entry of found) {
    const key = manifest.shards[Number(entry.name)];
    if (!places.has(entry.name) || !entry.isDirectory() || key === undefined)
      problem = `it holds ${entry.name}, which is not a shard the cache names`;
    else problem = sameTree(join(target, entry.name), cachedShard(cache, key), `/${entry.name}`);
    if (problem) break;
  }
  if (!problem && found.length !== places.size)
    problem = `it lacks ${places.size - found.length} of the cache's shards`;
  if (problem) {
    rmSync(target, { recursive: true, force: true });
    return { refused: `the search shards laid out for this build were changed: ${problem}` };
  }
  return { shards: manifest.shards };
}

/** What differs between the folder `laid` and the folder `cached`, whose files it should link: the names in each, and their kinds. */
function sameTree(laid: string, cached: string, path: string): string | undefined {
  const expected = new Map(
    readdirSync(cached, { withFileTypes: true }).map((entry) => [entry.name, entry.isDirectory()]),
  );
  const found = readdirSync(laid, { withFileTypes: true });
  for (const entry of found) {
    const at = `${path}/${entry.name}`;
    if (!entry.isDirectory() && !entry.isFile()) return `${at} in it is neither a file nor a folder`;
    if (expected.get(entry.name) !== entry.isDirectory())
      return `it holds ${at}, which the cache's shard does not`;
    const wrong = entry.isDirectory()
      ? sameTree(join(laid, entry.name), join(cached, entry.name), at)
      : undefined;
    if (wrong) return wrong;
  }
  return found.length === expected.size ? undefined : `it lacks files of the cache's shard in ${path}`;
}

/**
 * Whether a build lays out the next build's site once it has ended (see layOutNext), from
 * DISCLOSE_LAYOUT: `on`, `off`, or `wait` (the build ends once it is laid out); by default on,
 * except in CI, whose machine is gone after the run (and whose cache step would save and restore
 * the layout's 100,000 links at 20,000 advisories, which costs what it saves).
 */
export function layoutSetting(): 'on' | 'off' | 'wait' {
  const setting = process.env['DISCLOSE_LAYOUT'];
  if (setting === 'on' || setting === 'off' || setting === 'wait') return setting;
  return process.env['CI'] ? 'off' : 'on';
}

/**
 * Starts the layout process for `cache` (`script` is the outputs worker's, see LAYOUT_ARGUMENT),
 * detached, so that it outlives the build. The folder it lays out in is made here, so that
 * layingOut sees it from now on. Resolves once it has ended when `wait` is set, at once otherwise;
 * where no process can be started, nothing is laid out.
 */
export function startLayout(cache: string, script: string | URL, wait: boolean): Promise<void> {
  return new Promise((resolve) => {
    try {
      const child = spawn(
        process.execPath,
        [typeof script === 'string' ? script : fileURLToPath(script), LAYOUT_ARGUMENT, cache],
        { detached: !wait, stdio: 'ignore', windowsHide: true },
      );
      child.on('error', () => resolve());
      if (child.pid === undefined) return;
      mkdirSync(join(cache, unfinished(child.pid)), { recursive: true });
      if (wait) child.on('exit', () => resolve());
      else {
        child.unref();
        resolve();
      }
    } catch {
      resolve();
    }
  });
}

/** Whether a layout process of `cache` is still running (see startLayout). */
export function layingOut(cache: string): boolean {
  try {
    return readdirSync(cache).some((name) => {
      const pid = Number(UNFINISHED.exec(name)?.[1]);
      return pid > 0 && isRunning(pid);
    });
  } catch {
    return false;
  }
}
