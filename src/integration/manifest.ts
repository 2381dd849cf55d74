import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { paths } from '../lib/urls.ts';

/** Files a machine reads (not HTML pages or their assets). */
const MACHINE_READABLE = /(?:\.md|\.json|\.xml|\.txt|\.csv)$/;

export interface ManifestFile {
  /** Path on the site, e.g. `/projects/beacon/SECURITY.md`. */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * The site's files at `paths` (paths on the site) that the manifest lists, each read and hashed:
 * what the build found in the site besides the files whose hashes were taken as they were written
 * (or kept by the build cache), for completeManifest.
 */
export function hashedFiles(dir: string, paths: readonly string[]): ManifestFile[] {
  return paths.filter(listable).map((path) => {
    const bytes = readFileSync(join(dir, path));
    return { path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
  });
}

/**
 * The site's manifest, which lists every generated machine-readable file with its sha256 so that
 * downstream tools (`disclose sync`) can verify what they fetch, as far as it is known before the
 * pages are in: the files written or given with their hashes, sorted by path (so the same site
 * gives the same bytes), each with its entry's text. The outputs
 * worker works it out while the pages are moved in and sends it (plain strings, quick to copy);
 * completeManifest adds the few files Astro wrote.
 */
export interface KnownManifest {
  paths: string[];
  entries: string[];
}

export function knownManifest(
  known: readonly (Pick<ManifestFile, 'path'> & Partial<ManifestFile>)[],
): KnownManifest {
  const hashed = new Map<string, ManifestFile>();
  for (const { path, sha256, bytes } of known)
    if (sha256 !== undefined && bytes !== undefined && listable(path))
      hashed.set(path, { path, sha256, bytes });
  const sorted = [...hashed.values()].sort(byPath);
  return { paths: sorted.map((file) => file.path), entries: sorted.map(entryText) };
}

/**
 * Writes the site's manifest into `dir`: `known`, and the files found in the site besides
 * (Astro's, hashed by the caller) that it does not hold already. Resolves with how many it lists.
 */
export async function completeManifest(
  dir: string,
  known: KnownManifest,
  found: readonly ManifestFile[],
): Promise<number> {
  const { paths: sorted, entries } = known;
  // Where each found file goes among the known ones (a few, so each is looked up in the sorted paths).
  const inserts: [number, string][] = [];
  for (const file of found) {
    if (!listable(file.path)) continue;
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((sorted[middle] ?? '') < file.path) low = middle + 1;
      else high = middle;
    }
    if (sorted[low] !== file.path) inserts.push([low, entryText(file)]);
  }
  inserts.sort((a, b) => a[0] - b[0] || (a[1] < b[1] ? -1 : 1));
  const all: string[] = [];
  let from = 0;
  for (const [at, entry] of inserts) {
    for (; from < at; from++) all.push(entries[from] ?? '');
    all.push(entry);
  }
  for (; from < entries.length; from++) all.push(entries[from] ?? '');
  await writeFile(join(dir, paths.manifest()), manifestTextOf(all));
  return all.length;
}

/** Whether the manifest lists the file at `path`: machine-readable, neither itself nor Pagefind's. */
export const listable = (path: string) =>
  MACHINE_READABLE.test(path) && path !== paths.manifest() && !path.startsWith('/pagefind/');

const byPath = (a: ManifestFile, b: ManifestFile) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/**
 * `JSON.stringify({ generator, version, files }, null, 2)` and a newline, a few times as fast: a
 * site of 20,000 advisories lists 60,000 files.
 */
export function manifestText(files: readonly ManifestFile[]): string {
  return manifestTextOf(files.map(entryText));
}

/** A file's entry in the manifest, as JSON.stringify with an indent of 2 writes it there. */
function entryText(file: ManifestFile): string {
  return `    {\n      "path": ${JSON.stringify(file.path)},\n      "sha256": ${JSON.stringify(file.sha256)},\n      "bytes": ${file.bytes}\n    }`;
}

/** The manifest around its entries' texts (see manifestText). */
function manifestTextOf(entries: readonly string[]): string {
  const list = entries.length > 0 ? `[\n${entries.join(',\n')}\n  ]` : '[]';
  return `{\n  "generator": "Disclose",\n  "version": 1,\n  "files": ${list}\n}\n`;
}

/**
 * Every file under `dir`, as paths on the site (`/osv/x.json`), in no particular order. A walk of
 * synchronous reads, one folder at a time: a site of 20,000 advisories has as many folders, and
 * Node's recursive readdir takes several times as long over them.
 */
export function siteFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (folder: string, path: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const name = `${path}/${entry.name}`;
      if (entry.isDirectory()) walk(join(folder, entry.name), name);
      else if (entry.isFile()) files.push(name);
    }
  };
  walk(dir, '');
  return files;
}
