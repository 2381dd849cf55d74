import { execFileSync, spawn } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';

/**
 * A build never destroys anything. Astro empties its output folder before it writes; Disclose
 * points Astro at a fresh folder beside the real output, and swaps it in only once everything
 * (pages, machine-readable files, search index, manifest) is written. A failed build leaves the
 * previous site as it was, byte for byte, and an output folder that would hold the content or
 * the repository is refused before anything is touched.
 */

/** Why `out` must not be the output folder, or undefined when it is safe. */
export function dangerousOutput(
  out: string,
  keep: readonly { what: string; path: string }[],
): string | undefined {
  const target = real(out);
  if (parse(target).root === target) return `${out} is the root of the file system`;
  for (const { what, path } of keep) {
    const kept = real(path);
    if (kept === target) return `${out} is ${what}`;
    if (isInside(kept, target)) return `${out} contains ${what} (${path})`;
    if (isInside(target, kept) && what.startsWith('the content folder'))
      return `${out} is inside ${what} (${path}), where the site would be read as content`;
  }
  return undefined;
}

/** Whether two folders are the same, or one is inside the other. */
export function overlaps(a: string, b: string): boolean {
  const [x, y] = [real(a), real(b)];
  return x === y || isInside(x, y) || isInside(y, x);
}

/** The folders worth protecting from a build: the content, the project, its repository. */
export function protectedFolders(content: readonly string[], root: string): { what: string; path: string }[] {
  const folders = content.map((path) => ({ what: 'the content folder', path }));
  folders.push({ what: 'the project folder', path: root });
  const repository = gitTopLevel(root);
  if (repository) folders.push({ what: 'the repository', path: repository });
  folders.push({ what: 'the working directory', path: process.cwd() });
  return folders;
}

/**
 * Where Astro writes a build of `out` (`site`), and where the site is assembled from the outputs
 * and those pages before it is swapped in (`outputs`): beside it, so the swap is a rename. Astro keeps part of a build in the working directory when the
 * output is outside it, so such a build is staged in the cache folder and copied over at the end.
 */
export function stagingFolders(out: string, cacheDir: string): { site: string; outputs: string } {
  const stem = join(stagingParent(out, cacheDir), `.${basename(out)}.disclose-${process.pid}`);
  return { site: `${stem}-site`, outputs: `${stem}-outputs` };
}

function stagingParent(out: string, cacheDir: string): string {
  return resolve(out).startsWith(process.cwd() + sep) ? dirname(resolve(out)) : resolve(cacheDir);
}

/**
 * Moves every file and folder of `from` into `to`: a folder `to` lacks moves in one step, one it
 * has too is merged, and a file in both is replaced by `from`'s. `from` is left empty.
 */
export function moveInto(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const target = join(to, entry.name);
    if (entry.isDirectory() && existsSync(target)) moveInto(source, target);
    else renameSync(source, target);
  }
}

/**
 * Removes what builds that were killed left behind (their process is gone): beside the output
 * folder, those of builds of `out` (other folders there are the site's owner's to judge); in the
 * cache folder, which only builds write in, those of builds of any output folder, so that one
 * built once outside the project and killed does not stay there.
 */
export function removeLeftovers(out: string, cacheDir: string): void {
  const left = '\\.disclose-(\\d+)-(?:site|outputs|previous|incoming|replaced)$';
  const patterns = new Map([[dirname(resolve(out)), new RegExp(`^\\.${escape(basename(out))}${left}`)]]);
  patterns.set(resolve(cacheDir), new RegExp(`^\\..+${left}`));
  for (const [parent, pattern] of patterns) {
    if (!existsSync(parent)) continue;
    for (const name of readdirSync(parent)) {
      const pid = Number(pattern.exec(name)?.[1]);
      if (!pid || isRunning(pid)) continue;
      try {
        rmSync(join(parent, name), { recursive: true, force: true });
      } catch {
        // Removed by someone else meanwhile, or not removable now: the next build tries again.
      }
    }
  }
}

/**
 * Puts the finished build in place of the previous one. Both sit in the same parent folder, so
 * each step is a rename; an output folder that is itself a mount point has its contents replaced.
 */
export function swapIn(built: string, out: string): void {
  const target = resolve(out);
  const stem = join(dirname(target), `.${basename(target)}.disclose-${process.pid}`);
  const previous = `${stem}-previous`;
  rmSync(previous, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  // Staged on another file system: copied beside the output first, so the swap is still a rename.
  let staged = built;
  if (!sameDevice(built, dirname(target))) {
    staged = `${stem}-incoming`;
    rmSync(staged, { recursive: true, force: true });
    cpSync(built, staged, { recursive: true });
    rmSync(built, { recursive: true, force: true });
  }
  if (existsSync(target)) {
    try {
      renameSync(target, previous);
    } catch (error) {
      if (!['EXDEV', 'EBUSY', 'EPERM', 'EACCES'].includes((error as NodeJS.ErrnoException).code ?? ''))
        throw error;
      replaceContents(staged, target);
      return;
    }
  }
  try {
    renameSync(staged, target);
  } catch (error) {
    if (existsSync(previous)) renameSync(previous, target);
    throw error;
  }
  if (existsSync(previous)) removeInBackground(previous, target);
}

/**
 * Removes the site a build replaced (`previous`, beside `out`), or the one a failed build was
 * assembling, in a process of its own, which outlives the build: nothing waits for it to go. At 20,000
 * advisories it is 100,000 files in 20,000 folders, whose removal held up the end of every build
 * over an existing site by about 5 s. The folder is renamed for the remover's process number, so
 * that removeLeftovers leaves it to the remover while it runs and clears it if the remover was
 * stopped. Where no process can be started, it is removed here.
 */
export function removeInBackground(previous: string, out: string): void {
  const parent = dirname(resolve(out));
  let remover: ReturnType<typeof spawn> | undefined;
  try {
    remover = spawn(process.execPath, ['-e', REMOVER, parent, basename(resolve(out))], {
      detached: true,
      stdio: 'ignore',
      windowsHide: true,
    });
    remover.on('error', () => undefined);
  } catch {
    remover = undefined;
  }
  try {
    if (remover?.pid === undefined) throw new Error('no remover');
    renameSync(previous, join(parent, replacedName(basename(resolve(out)), remover.pid)));
    remover.unref();
  } catch {
    remover?.kill();
    rmSync(previous, { recursive: true, force: true });
  }
}

/** The name of a replaced site beside the output folder `name`, for the process `pid` that removes it (as REMOVER works it out). */
const replacedName = (name: string, pid: number) => `.${name}.disclose-${pid}-replaced`;

// The remover: finds the folder named for it (renamed a moment after it started) and removes it.
const REMOVER = `
const { existsSync, rmSync } = require('node:fs');
const { join } = require('node:path');
const [parent, name] = process.argv.slice(1);
const folder = join(parent, '.' + name + '.disclose-' + process.pid + '-replaced');
const until = Date.now() + 10000;
const go = () => {
  if (existsSync(folder)) rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
  else if (Date.now() < until) setTimeout(go, 20);
};
go();
`;

/** For an output folder that cannot be renamed: its contents are replaced by the finished build's. */
function replaceContents(staged: string, target: string): void {
  for (const name of readdirSync(target)) rmSync(join(target, name), { recursive: true, force: true });
  cpSync(staged, target, { recursive: true });
  rmSync(staged, { recursive: true, force: true });
}

function sameDevice(a: string, b: string): boolean {
  return statSync(a).dev === statSync(b).dev;
}

function real(path: string): string {
  const absolute = resolve(path);
  // The output folder may not exist yet: resolve links through the part that does.
  let existing = absolute;
  while (!existsSync(existing) && dirname(existing) !== existing) existing = dirname(existing);
  return join(realpathSync(existing), relative(existing, absolute));
}

function isInside(child: string, parent: string): boolean {
  const path = relative(parent, child);
  return path !== '' && !isAbsolute(path) && path.split(sep)[0] !== '..';
}

function gitTopLevel(dir: string): string | undefined {
  try {
    return execFileSync('git', ['rev-parse', '--show-toplevel'], {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'ignore'],
    })
      .toString()
      .trim();
  } catch {
    return undefined;
  }
}

/** Whether a process of that number runs (EPERM: it does, as another user). */
export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function escape(text: string): string {
  return text.replaceAll(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
