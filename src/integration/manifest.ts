import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
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
 * Lists every generated machine-readable file with its sha256, so downstream tools
 * (`disclose sync`) can verify what they fetch. Sorted, so the same site gives the same bytes.
 * `known` holds files whose hashes were taken as they were written (or kept by the build cache);
 * only the others are read. `listed` is every file of the site, as paths on the site, when the
 * caller has listed them already (see siteFiles). Resolves with the files it lists.
 */
export async function writeManifest(
  dirUrl: URL,
  known: readonly (Pick<ManifestFile, 'path'> & Partial<ManifestFile>)[],
  listed?: readonly string[],
): Promise<ManifestFile[]> {
  const dir = fileURLToPath(dirUrl);
  const manifestPath = paths.manifest();
  const hashed = new Map<string, ManifestFile>();
  for (const { path, sha256, bytes } of known)
    if (sha256 !== undefined && bytes !== undefined) hashed.set(path, { path, sha256, bytes });
  const files: ManifestFile[] = [];
  const all = listed ?? siteFiles(dir);
  // Only machine-readable files are sorted: at 20,000 advisories, 60,000 of the site's 100,000.
  for (const path of all.filter((name) => MACHINE_READABLE.test(name)).sort()) {
    if (path === manifestPath || path.startsWith('/pagefind/')) continue;
    const entry = hashed.get(path);
    if (entry) {
      files.push(entry);
      continue;
    }
    const bytes = readFileSync(join(dir, path));
    files.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
  }
  await writeFile(join(dir, manifestPath), manifestText(files));
  return files;
}

/**
 * The site's manifest as far as it is known before the pages are in: the files written or given
 * with their hashes (see writeManifest), sorted. `complete` adds the few files found in the site
 * besides (Astro's, hashed by the caller), where `known` holds none of them already, and writes
 * the manifest into `dir`. Made by the outputs worker while the pages are moved in, so that the
 * main thread only hashes what Astro wrote.
 */
export function knownManifest(known: readonly (Pick<ManifestFile, 'path'> & Partial<ManifestFile>)[]): {
  complete(dir: string, found: readonly ManifestFile[]): Promise<ManifestFile[]>;
} {
  const hashed = new Map<string, ManifestFile>();
  for (const { path, sha256, bytes } of known)
    if (sha256 !== undefined && bytes !== undefined && listable(path))
      hashed.set(path, { path, sha256, bytes });
  const sorted = [...hashed.values()].sort(byPath);
  return {
    async complete(dir, found) {
      const more = found.filter((file) => listable(file.path) && !hashed.has(file.path)).sort(byPath);
      const files: ManifestFile[] = [];
      let at = 0;
      for (const file of sorted) {
        while (at < more.length && byPath(more[at] as ManifestFile, file) < 0)
          files.push(more[at++] as ManifestFile);
        files.push(file);
      }
      files.push(...more.slice(at));
      await writeFile(join(dir, paths.manifest()), manifestText(files));
      return files;
    },
  };
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
  const entries = files.map(
    (file) =>
      `    {\n      "path": ${JSON.stringify(file.path)},\n      "sha256": ${JSON.stringify(file.sha256)},\n      "bytes": ${file.bytes}\n    }`,
  );
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
