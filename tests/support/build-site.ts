import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import type { Dirent } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';
import { createRequire } from 'node:module';

// bin/astro.mjs is the package's command-line entry; it is not in its exports map, so resolve it beside package.json.
const astroCli = join(
  dirname(createRequire(import.meta.url).resolve('astro/package.json')),
  'bin',
  'astro.mjs',
);

export interface BuildResult {
  code: number | null;
  output: string;
}

/** Runs a command with the test run's environment (and `env` on top); resolves with its exit code and output. */
export function runCommand(
  command: string,
  args: readonly string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

/** Runs `astro build` in `cwd` (default: this repository), on the Node running the tests; `args` after it (`--config <file>`). */
export function astroBuild(
  cwd?: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<BuildResult> {
  return runCommand(process.execPath, [astroCli, 'build', ...args], { ...(cwd ? { cwd } : {}), env });
}

/** Runs `astro build` for a content folder into an output folder, on the Node running the tests. */
export function buildSite(
  contentDir: string,
  outDir: string,
  env: Record<string, string> = {},
  args: readonly string[] = [],
): Promise<BuildResult> {
  return astroBuild(undefined, { DISCLOSE_CONTENT: contentDir, DISCLOSE_OUT: outDir, ...env }, args);
}

/** sha256 of every file of a built site, by site path, in path order. */
export async function siteHashes(dir: string): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  // Folders too, each as `folder`: an empty one left behind can name an advisory.
  for (const entry of entries.filter((e) => e.isDirectory()).sort(byPath))
    result.set(`/${relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/')}/`, 'folder');
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
  for (const path of files)
    result.set(
      `/${relative(dir, path).split(sep).join('/')}`,
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex'),
    );
  return result;
}

const byPath = (a: Dirent, b: Dirent) => {
  const [x, y] = [join(a.parentPath, a.name), join(b.parentPath, b.name)];
  return x < y ? -1 : x > y ? 1 : 0;
};
