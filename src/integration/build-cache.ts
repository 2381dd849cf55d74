import { createHash, hash } from 'node:crypto';
import {
  appendFileSync,
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroConfig } from 'astro';
import { affectedProjects, byNewest, listedAdvisory } from '../lib/advisory-view.ts';
import type { ContentSet } from '../lib/content/load-content.ts';
import type { SourceFile } from '../lib/content/source-file.ts';
import { groupAdvisories, groupBy, listings, stablePages } from '../lib/listing.ts';
import { byProjectOrder } from '../lib/ordering.ts';
import { newestRelease } from '../lib/outputs/csaf.ts';
import { feedEntries, feedSpecs } from '../lib/outputs/feeds.ts';
import { outlineRecord, readOutline, type AdvisoryOutline } from '../lib/outputs/outline.ts';
import { outputContext, type WrittenFile } from '../lib/outputs/write-outputs.ts';
import { paths } from '../lib/urls.ts';

/**
 * The build cache: what a build of the same content needs to render only what changed. For each
 * public advisory it keeps the page and the machine-readable files (OSV, CSAF, announcement) of the
 * last build, under a key of everything they are made from; for each listing page the page, under
 * a key of the advisories on it and its neighbours (see listingKeys); each SECURITY.md and feed
 * under a key of what it shows (securityMdKeys, feedKeys); and each search shard under a key of
 * the pages in it. A build takes a file from the cache only when its key is unchanged, and renders
 * everything else: the first pages of listings that changed, home, project pages and indexes
 * always. A missing,
 * partial or foreign cache means a full build, never a stale page: the manifest naming what the
 * cache holds is removed before the cache changes and written back only once it is complete.
 */

/** Bumped whenever what the cache holds changes shape. */
const FORMAT = 7;

/** What the cache remembers of one public advisory. */
export interface CachedAdvisory {
  key: string;
  /** The machine-readable files written for it, with the hashes the manifest lists. */
  outputs: WrittenFile[];
  /** Its entry in the OSV index (/osv/all.json). */
  osv: { id: string; modified: string };
  /** What the outputs that list every advisory read of it, so that they need not parse its front matter. */
  outline: AdvisoryOutline;
  /** sha256 of the part of its page the search index reads; null for a page that is not indexed. */
  search: string | null;
}

/** What the cache remembers of a listing page, SECURITY.md or feed file. */
export interface CachedPage {
  key: string;
  search: string | null;
  /** A SECURITY.md or feed file's hash and size, as the site's manifest lists it; none for a page. */
  file?: Omit<WrittenFile, 'path'>;
}

/** A file the cache gives: where it goes on the site, its file in the cache, and (if known) its hash and size. */
export type GivenFile = { path: string; from: string } & Partial<WrittenFile>;

// One call, without a Hash object: several times as fast for the short texts of 20,000 keys.
const sha256 = (text: string | Buffer) => hash('sha256', text, 'hex');

/**
 * A file of the site as one file name in the cache, named by the key it was made under and its
 * path: `<key>.%2Fosv%2Fx.json`. A file is never replaced by another version under the same name,
 * so a build can never take a file made from other content, even while another build writes.
 */
export const fileName = (key: string, path: string) => `${key.slice(0, 32)}.${encodeURIComponent(path)}`;

/** The folder of a build cache `dir` that holds its files (see fileName). */
export const cacheFiles = (dir: string) => join(dir, 'files');

/** The folder of a build cache `dir` that holds its search shards, each in a folder named by its key. */
const shardsFolder = (dir: string) => join(dir, 'pagefind');

/** The folder of a build cache `dir` that holds the search shard with the key `key`. */
export const cachedShard = (dir: string, key: string) => join(shardsFolder(dir), key);

/** The page of an advisory, as a file of the built site. */
export const advisoryPage = (id: string) => pageFile(paths.advisory(id));

/** The files of an advisory the cache keeps, as paths on the site: its page, then `outputs`. */
export const advisoryFiles = (id: string, outputs: readonly { path: string }[]) => [
  advisoryPage(id),
  ...outputs.map((file) => file.path),
];

/** Whether a path the cache keeps is an HTML page (`/advisories/7/`), not a file (`/projects/x/SECURITY.md`). */
export const isPage = (url: string) => url.endsWith('/');

/** The file of a path the cache keeps: `/advisories/7/` is `/advisories/7/index.html`, a file is itself. */
export const pageFile = (url: string) => (isPage(url) ? `${url}index.html` : url);

export class BuildCache {
  readonly #dir: string;
  readonly #global: string;
  readonly #previous: CacheManifest | undefined;
  readonly #keys = new Map<string, string>();
  readonly #reused = new Set<string>();
  readonly #fresh = new Map<string, Omit<CachedAdvisory, 'search' | 'outline'>>();
  readonly #outline: (id: string) => AdvisoryOutline | undefined;
  readonly #pageKeys: ReadonlyMap<string, string>;
  readonly #reusedPages = new Set<string>();
  #shards: string[] = [];

  /**
   * Opens the cache in `dir` for a build whose pages all depend on `global`. `keys` gives each
   * public advisory's key, `pageKeys` each listing page's, SECURITY.md's and feed file's, and
   * `outline` each advisory's outline, which the cache keeps with its files. The previous build's
   * files are reused only for advisories and pages with the same key.
   */
  constructor(
    dir: string,
    global: string,
    keys: ReadonlyMap<string, string>,
    pageKeys: ReadonlyMap<string, string>,
    {
      setAside = false,
      outline,
    }: { setAside?: boolean; outline: (id: string) => AdvisoryOutline | undefined },
  ) {
    this.#dir = dir;
    this.#outline = outline;
    this.#global = global;
    this.#pageKeys = pageKeys;
    for (const [id, key] of keys) this.#keys.set(id, key);
    this.#previous = readManifest(dir, global);
    if (!this.#previous) {
      if (setAside) this.#setAside();
      return;
    }
    // The manifest is written only once every file it names is stored, and removed before any
    // is: each is there. Not listing the folder to make sure saves a read of 100,000 names at
    // 20,000 advisories; a file removed by hand all the same stops the build that needs it (see
    // CacheChanged in the outputs worker), and the next build renders everything.
    const { advisories, pages } = this.#previous;
    for (const [id, key] of keys) if (advisories.get(id)?.key === key) this.#reused.add(id);
    for (const [url, key] of pageKeys) if (pages.get(url)?.key === key) this.#reusedPages.add(url);
  }

  /**
   * Forgets what the cache holds, so that the next build renders everything: for a cache found
   * to lack a file its manifest names.
   */
  forget(): void {
    rmSync(join(this.#dir, MANIFEST), { force: true });
  }

  get #files(): string {
    return cacheFiles(this.#dir);
  }

  /**
   * Folders of an out-of-date cache (another version's, or other settings'), moved out of the way
   * when it was opened, for the outputs worker to remove while Astro renders: nothing in them can
   * be taken, and removing their 100,000 files one by one (at 20,000 advisories) held up the end
   * of the build by about 10 s. Empty unless the cache was opened with `setAside`.
   */
  readonly outOfDate: string[] = [];

  #setAside(): void {
    // The manifest first: a cache without it is empty, whatever happens next. (And the JSON
    // manifest of earlier versions.)
    for (const name of [MANIFEST, 'manifest.json']) rmSync(join(this.#dir, name), { force: true });
    for (const name of ['files', 'pagefind']) {
      const aside = join(this.#dir, asideName(process.pid, name));
      try {
        renameSync(join(this.#dir, name), aside);
        this.outOfDate.push(aside);
      } catch {
        // Not there; or not movable, and then store() removes what it holds one by one.
      }
    }
  }

  /** The cache's folder. */
  get dir(): string {
    return this.#dir;
  }

  /** The folder of cached files (see fileName). */
  get filesDir(): string {
    return this.#files;
  }

  /** The last build's manifest, if the cache was usable. */
  get manifest(): CacheManifest | undefined {
    return this.#previous;
  }

  /** Whether the last build's cache was usable at all. */
  get warm(): boolean {
    return this.#previous !== undefined;
  }

  /** Advisories whose page and files come from the cache. */
  get reused(): ReadonlySet<string> {
    return this.#reused;
  }

  /** Listing pages, SECURITY.md and feed files that come from the cache, by path. */
  get reusedPages(): ReadonlySet<string> {
    return this.#reusedPages;
  }

  /** Every page the cache gives, as the file of the site and the cached file it is taken from. */
  cachedPageFiles(): GivenFile[] {
    return [
      ...Object.entries(this.reusedKeys()).map(([id, key]) => ({
        path: advisoryPage(id),
        from: fileName(key, advisoryPage(id)),
      })),
      ...this.givenPages(),
    ];
  }

  /** The listing and project pages, SECURITY.md and feed files the cache gives, as cachedPageFiles. */
  givenPages(): GivenFile[] {
    return [...this.#reusedPages].map((url) => ({
      path: pageFile(url),
      from: fileName(this.#pageKeys.get(url) ?? '', pageFile(url)),
      ...this.#previous?.page(url)?.file,
    }));
  }

  /** The key each advisory taken from the cache is cached under, by id; worked out once. */
  reusedKeys(): Readonly<Record<string, string>> {
    if (this.#reusedKeys) return this.#reusedKeys;
    const keys: Record<string, string> = {};
    for (const id of this.#reused) keys[id] = this.#keys.get(id) ?? '';
    return (this.#reusedKeys = keys);
  }

  #reusedKeys: Readonly<Record<string, string>> | undefined;

  /** Records the files written for an advisory rendered in this build. */
  wrote(id: string, outputs: WrittenFile[], osv: { id: string; modified: string }): void {
    this.#fresh.set(id, { key: this.#keys.get(id) ?? '', outputs, osv });
  }

  /** The search hash of each advisory page taken from the cache, by URL. */
  knownSearch(): Map<string, string | null> {
    const known = new Map<string, string | null>();
    const previous = this.#previous;
    for (const id of this.#reused)
      known.set(paths.advisory(id), previous?.advisories.get(id)?.search ?? null);
    for (const url of this.#reusedPages)
      if (isPage(url)) known.set(url, previous?.pages.get(url)?.search ?? null);
    return known;
  }

  /**
   * A search shard of the last build with this key, wherever it was in the list (the shard of the
   * other pages moves up one when advisories start a new shard): what puts its files at a target.
   */
  takeShard(key: string): ((target: string) => void) | undefined {
    if (!this.#previous?.shards.includes(key)) return undefined;
    const from = cachedShard(this.#dir, key);
    if (!existsSync(from)) return undefined;
    return (target) => placeTree(from, target);
  }

  /**
   * Stores this build's files in the cache, the first half of storing it (see storeIndex): the
   * pages and files of the advisories it rendered, its listing and project pages, SECURITY.md and
   * feed files; what is no longer public leaves the cache. `site` is the finished output folder;
   * `listed` the files the site's manifest lists (see knownManifest), whose hashes the cache keeps
   * for the SECURITY.md and feed files it stores, so the next build that takes them need not read
   * them again. Needs nothing of the search index, so it runs while Pagefind indexes.
   */
  storeFiles(site: string, listed: readonly WrittenFile[] = []): void {
    const manifest = join(this.#dir, MANIFEST);
    const temporary = join(this.#dir, `${MANIFEST}.${process.pid}`);
    const previous = this.#previous;
    // Gone first: a cache that stops half-way is no cache, and the next build renders everything.
    // The last build's manifest is moved aside rather than removed: it may be amended (see below).
    let aside = false;
    if (previous)
      try {
        renameSync(manifest, temporary);
        aside = true;
      } catch {
        // Gone already: written whole.
      }
    rmSync(manifest, { force: true });
    mkdirSync(this.#files, { recursive: true });
    // What the cache held of an advisory or page taken from it is written back as it was read.
    const advisories = new Map<string, ManifestEntry>();
    for (const id of this.#reused) {
      const entry = previous?.advisories.get(id);
      if (entry) advisories.set(id, entry);
    }
    for (const [id, fresh] of this.#fresh) {
      const outline = this.#outline(id);
      // A page missing from the site (its route replaced) is not cached; the advisory renders next time.
      if (!outline || !existsSync(join(site, advisoryPage(id)))) continue;
      for (const path of advisoryFiles(id, fresh.outputs))
        place(join(site, path), join(this.#files, fileName(fresh.key, path)));
      // Its search hash is known once the search index is written.
      advisories.set(id, {
        key: fresh.key,
        search: null,
        json: JSON.stringify({ outputs: fresh.outputs, osv: fresh.osv, outline: outlineRecord(outline) }),
      });
    }
    const pages = new Map<string, ManifestEntry>();
    const stored = new Set(
      [...this.#pageKeys.keys()].filter((url) => !this.#reusedPages.has(url)).map(pageFile),
    );
    const hashed = new Map(listed.filter((file) => stored.has(file.path)).map((file) => [file.path, file]));
    for (const [url, key] of this.#pageKeys) {
      const entry = previous?.pages.get(url);
      if (this.#reusedPages.has(url) && entry) pages.set(url, entry);
      else if (existsSync(join(site, pageFile(url)))) {
        place(join(site, pageFile(url)), join(this.#files, fileName(key, pageFile(url))));
        const file = hashed.get(pageFile(url));
        const held: Omit<CachedPage, 'key' | 'search'> = file
          ? { file: { sha256: file.sha256, bytes: file.bytes } }
          : {};
        pages.set(url, { key, search: null, json: JSON.stringify(held) });
      }
    }
    // Files of advisories that are no longer public, or no longer exist, leave the cache.
    for (const name of this.#unneeded(advisories, pages)) rmSync(join(this.#files, name), { force: true });
    if (
      aside &&
      previous &&
      fileStamp(temporary) === previous.stamp &&
      amendable(previous, advisories, pages)
    ) {
      // Everything the last manifest named stays: the lines of what was rendered are added after
      // its own, once their search hashes are known (see storeIndex), and a line read later
      // replaces one of the same name. At 20,000 advisories, writing its 18 MB again took the end
      // of a build about 0.25 s, for a manifest that differed by a few lines.
      this.#stored = { advisories, pages, temporary };
      return;
    }
    // Written whole: the lines of what was taken from the cache now, while Pagefind indexes; the
    // lines of what was rendered follow once their search hashes are known (see storeIndex).
    const taken = <T>(entries: ReadonlyMap<string, T>, from: ReadonlySet<string>) =>
      new Map([...entries].filter(([name]) => from.has(name)));
    writeFileSync(
      temporary,
      cacheManifestText(this.#global, taken(advisories, this.#reused), taken(pages, this.#reusedPages)),
    );
    this.#stored = { advisories, pages, temporary };
  }

  #stored:
    | { advisories: Map<string, ManifestEntry>; pages: Map<string, ManifestEntry>; temporary: string }
    | undefined;

  /**
   * The files the cache no longer needs once it holds `advisories` and `pages`. With the last
   * build's manifest, those it named for advisories and pages that changed or are gone: a file is
   * stored before the manifest naming it, so the folder holds no others. Without one, every file
   * in the folder that is not named now (what an out-of-date cache or a killed build left).
   */
  #unneeded(
    advisories: ReadonlyMap<string, ManifestEntry>,
    pages: ReadonlyMap<string, ManifestEntry>,
  ): string[] {
    const names = (key: string, id: string, outputs: readonly WrittenFile[] = []) => [
      fileName(key, advisoryPage(id)),
      ...outputs.map((file) => fileName(key, file.path)),
    ];
    // Only files stored in this build could share a name with one of a changed entry.
    const kept = new Set(
      [...this.#fresh].flatMap(([id, fresh]) =>
        advisories.get(id)?.key === fresh.key ? names(fresh.key, id, fresh.outputs) : [],
      ),
    );
    for (const [url, page] of pages)
      if (!this.#reusedPages.has(url)) kept.add(fileName(page.key, pageFile(url)));
    const previous = this.#previous;
    if (!previous)
      return existsSync(this.#files) ? readdirSync(this.#files).filter((name) => !kept.has(name)) : [];
    const unneeded: string[] = [];
    for (const [id, { key }] of previous.advisories)
      if (!this.#reused.has(id))
        unneeded.push(...names(key, id, previous.advisory(id)?.outputs).filter((name) => !kept.has(name)));
    for (const [url, { key }] of previous.pages)
      if (!this.#reusedPages.has(url)) {
        const name = fileName(key, pageFile(url));
        if (!kept.has(name)) unneeded.push(name);
      }
    return unneeded;
  }

  /**
   * Finishes storing this build (after storeFiles): the search shards it indexed, and the manifest
   * naming everything the cache now holds. `search` gives each page's search hash, by URL; `shards`
   * each shard's key.
   */
  storeIndex(site: string, search: ReadonlyMap<string, string | null>, shards: readonly string[]): void {
    if (!this.#stored) throw new Error('BuildCache.storeIndex before storeFiles');
    const { advisories, pages, temporary } = this.#stored;
    for (const id of this.#fresh.keys()) {
      const entry = advisories.get(id);
      if (entry) entry.search = search.get(paths.advisory(id)) ?? null;
    }
    for (const url of this.#pageKeys.keys()) {
      const entry = pages.get(url);
      if (!this.#reusedPages.has(url) && entry) entry.search = search.get(url) ?? null;
    }
    shards.forEach((key, n) => {
      // Shards are named by their key, like files, so a shard is never replaced by another version.
      if (existsSync(cachedShard(this.#dir, key))) return;
      placeTree(join(site, 'pagefind', String(n)), cachedShard(this.#dir, key));
    });
    const pagefind = shardsFolder(this.#dir);
    for (const name of existsSync(pagefind) ? readdirSync(pagefind) : [])
      if (!shards.includes(name)) rmSync(cachedShard(this.#dir, name), { recursive: true, force: true });
    this.#shards = [...shards];
    const rendered = <T>(entries: ReadonlyMap<string, T>, taken: ReadonlySet<string>) =>
      new Map([...entries].filter(([name]) => !taken.has(name)));
    appendFileSync(
      temporary,
      cacheManifestText(undefined, rendered(advisories, this.#reused), rendered(pages, this.#reusedPages)) +
        `${['shards', ...this.#shards].join('\t')}\n`,
    );
    renameSync(temporary, join(this.#dir, MANIFEST));
  }
}

/** The name an out-of-date cache's folder is moved to (see BuildCache.outOfDate), for the build `pid`. */
export const asideName = (pid: number, name: string) => `stale-${pid}-${name}`;

/** The build that moved an out-of-date cache's folder aside, from the folder's name. */
export const asideBy = (name: string): number | undefined => {
  const pid = /^stale-(\d+)-(?:files|pagefind)$/.exec(name)?.[1];
  return pid ? Number(pid) : undefined;
};

/**
 * The folders of the site that the files a cache's manifest names sit in (`/advisories/7`), as
 * the last build left them: most are needed again, so a build can make them before it knows
 * which. Empty when the cache has no manifest.
 */
export function cachedFolders(manifest: CacheManifest | undefined): string[] {
  if (!manifest) return [];
  const folders = new Set<string>();
  const add = (path: string) => folders.add(path.slice(0, path.lastIndexOf('/')));
  for (const id of manifest.advisories.keys()) {
    add(advisoryPage(id));
    for (const file of manifest.advisory(id)?.outputs ?? []) add(file.path);
  }
  for (const url of manifest.pages.keys()) add(pageFile(url));
  return [...folders];
}

/** The build cache's manifest: a file of lines (see CacheManifest). */
const MANIFEST = 'manifest.tsv';

/** The first line of a manifest this version writes. */
const HEADER = `disclose build cache\t${FORMAT}\t`;

/** What the manifest says of one advisory or page: the rest of its line is JSON, parsed when asked for. */
export interface ManifestEntry {
  key: string;
  /** See CachedAdvisory.search. */
  search: string | null;
  /** An advisory's `{"outputs":[…],"osv":{…}}`; a page's `{"file":{…}}`, or `{}`. */
  json: string;
}

/**
 * The build cache's manifest, as read: what a build needs of each advisory the cache holds (its
 * key and search hash) at hand, the rest (its files and OSV entry) parsed only where asked for.
 * It is a file of lines rather than one JSON document, so that a build of 20,000 advisories reads
 * and writes it without parsing and writing 20,000 records of which it needs a few: on the main
 * thread, a JSON manifest took 150 ms to parse and as long to write again; splitting its lines
 * takes about 20 ms, and joining those of unchanged advisories about 55 ms. Tab-separated:
 *
 *     disclose build cache	<format>	<global key>
 *     advisory	<id>	<key>	<search hash, or ->	{"outputs":[…],"osv":{…},"outline":{…}}
 *     page	<url>	<key>	<search hash, or ->	{"file":{…}} or {}
 *     shards	<key of shard 0>	<key of shard 1>	…
 *
 * A build writes it whole, or keeps the last build's and adds its own lines after it (see
 * amendable): a line replaces an earlier one of the same name, and the last shards' line counts
 * (a build writes it last).
 */
export class CacheManifest {
  readonly advisories = new Map<string, ManifestEntry>();
  readonly pages = new Map<string, ManifestEntry>();
  shards: string[] = [];
  /** How many advisory and page lines the file has, those that later lines replace included. */
  lines = 0;
  /** The file's inode, size and time it was last written, when it was read: amended only if it is still that file. */
  stamp = '';
  readonly #parsed = new Map<string, CachedAdvisory | null>();

  /** See globalKey. */
  readonly global: string;

  constructor(global: string) {
    this.global = global;
  }

  /** What the manifest holds of an advisory; undefined where it holds nothing, or a line that does not read. */
  advisory(id: string): CachedAdvisory | undefined {
    const known = this.#parsed.get(id);
    if (known !== undefined) return known ?? undefined;
    const entry = this.advisories.get(id);
    if (!entry) return undefined;
    const rest = parseJson(entry.json) as (Partial<CachedAdvisory> & { outline?: unknown }) | undefined;
    const outline = readOutline(rest?.outline);
    const read =
      Array.isArray(rest?.outputs) &&
      rest.outputs.every(isWrittenFile) &&
      isOsvEntry(rest.osv) &&
      outline?.id === id
        ? { key: entry.key, search: entry.search, outputs: rest.outputs, osv: rest.osv, outline }
        : null;
    this.#parsed.set(id, read);
    return read ?? undefined;
  }

  /** What the manifest holds of a listing page, SECURITY.md or feed file, as advisory does. */
  page(url: string): CachedPage | undefined {
    const entry = this.pages.get(url);
    if (!entry) return undefined;
    if (entry.json === '{}') return { key: entry.key, search: entry.search };
    const rest = parseJson(entry.json) as Partial<CachedPage> | undefined;
    if (!rest || (rest.file !== undefined && !isFileHash(rest.file))) return undefined;
    return { key: entry.key, search: entry.search, ...(rest.file && { file: rest.file }) };
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** A file's hash and size as the manifest keeps them. */
const isFileHash = (file: unknown): file is Omit<WrittenFile, 'path'> =>
  typeof file === 'object' &&
  file !== null &&
  typeof (file as WrittenFile).sha256 === 'string' &&
  typeof (file as WrittenFile).bytes === 'number';

/** A file of an advisory as the manifest keeps it: a path inside the site (see isSitePath), its hash and size. */
const isWrittenFile = (file: unknown): file is WrittenFile =>
  isFileHash(file) &&
  typeof (file as WrittenFile).path === 'string' &&
  isSitePath((file as WrittenFile).path);

/**
 * Whether `path` is a path on the site as Disclose writes one (`/osv/x.json`): from the site's
 * root, to a file, with no empty, `.` or `..` segment, backslash or NUL, so that it names a file
 * inside the site's folder. A path the build cache gives must be one: its manifest is a file
 * anyone with the cache can edit, and the build links files to the paths it names.
 */
export function isSitePath(path: string): boolean {
  return path.charCodeAt(0) === 47 && !UNSAFE_PATH.test(path);
}

const UNSAFE_PATH = /\/\/|\/\.\.?(?:\/|$)|\/$|[\\\0]/;

/**
 * Where the site path `path` is in the folder `root`: `join(root, path)`, without normalizing a
 * path that needs none (a build of 20,000 advisories places 100,000 files). Throws for a path
 * that is not a site path (see isSitePath).
 */
export function inSite(root: string, path: string): string {
  if (!isSitePath(path)) throw new Error(`${JSON.stringify(path)} is not a file inside the site`);
  return sep === '/' ? `${root}${path}` : join(root, path);
}

/** `join(dir, name)` for a file name of the cache (see fileName), without normalizing one that needs none. */
export function cacheFile(dir: string, name: string): string {
  return dir !== '' && PLAIN_NAME.test(name) && sep === '/' ? `${dir}/${name}` : join(dir, name);
}

const PLAIN_NAME = /^(?!\.\.?$)[^/\\]+$/;

const isOsvEntry = (osv: unknown): osv is CachedAdvisory['osv'] =>
  typeof osv === 'object' &&
  osv !== null &&
  typeof (osv as CachedAdvisory['osv']).id === 'string' &&
  typeof (osv as CachedAdvisory['osv']).modified === 'string';

/**
 * Whether the last build's manifest can be kept and this build's lines added after its own (see
 * BuildCache.storeFiles): only when every advisory and page it named is still cached, so that what
 * has left the site (an advisory withdrawn from publication, re-drafted or deleted) leaves its
 * manifest at once, and while the lines that later ones replace stay fewer than a quarter of those
 * that count; otherwise it is written whole, without them.
 */
function amendable(
  previous: CacheManifest,
  advisories: ReadonlyMap<string, ManifestEntry>,
  pages: ReadonlyMap<string, ManifestEntry>,
): boolean {
  for (const id of previous.advisories.keys()) if (!advisories.has(id)) return false;
  for (const url of previous.pages.keys()) if (!pages.has(url)) return false;
  // Lines to be added: a new name adds one that counts, a name already there one that is replaced.
  let replaced = 0;
  for (const [id, entry] of advisories)
    if (previous.advisories.get(id) !== entry && previous.advisories.has(id)) replaced++;
  for (const [url, entry] of pages)
    if (previous.pages.get(url) !== entry && previous.pages.has(url)) replaced++;
  const stale = previous.lines - previous.advisories.size - previous.pages.size + replaced;
  return stale <= (advisories.size + pages.size) / 4;
}

/**
 * The cache's manifest in `dir`, if this version wrote it (and, given `global`, for the same code
 * and settings). One that does not read line by line is no manifest: the build renders everything.
 */
export function readManifest(dir: string, global?: string): CacheManifest | undefined {
  let text: string;
  let stamp: string;
  try {
    stamp = fileStamp(join(dir, MANIFEST));
    text = readFileSync(join(dir, MANIFEST), 'utf8');
  } catch {
    return undefined;
  }
  // A manifest is written whole (renamed into place): it ends with a newline.
  const headEnd = text.indexOf('\n');
  if (!text.startsWith(HEADER) || !text.endsWith('\n')) return undefined;
  const manifest = new CacheManifest(text.slice(HEADER.length, headEnd));
  if (global !== undefined && manifest.global !== global) return undefined;
  // Read with indexOf rather than split into lines and fields: 20,000 lines of five.
  let shards: string[] | undefined;
  for (let start = headEnd + 1; start < text.length;) {
    const end = text.indexOf('\n', start);
    const tab = (from: number) => {
      const at = text.indexOf('\t', from);
      return at === -1 || at > end ? end : at;
    };
    const afterKind = tab(start);
    const kind = text.slice(start, afterKind);
    if (kind === 'shards') {
      // Written last, once the search index is; a later one (see amendable) replaces it.
      shards = afterKind === end ? [] : text.slice(afterKind + 1, end).split('\t');
      start = end + 1;
      continue;
    }
    const into = kind === 'advisory' ? manifest.advisories : kind === 'page' ? manifest.pages : undefined;
    const afterName = tab(afterKind + 1);
    const afterKey = tab(afterName + 1);
    const afterSearch = tab(afterKey + 1);
    // The JSON follows the fourth tab.
    if (!into || afterSearch === end || afterName - afterKind < 2 || afterKey - afterName < 2)
      return undefined;
    const name = text.slice(afterKind + 1, afterName);
    const search = text.slice(afterKey + 1, afterSearch);
    // A later line of the same name replaces an earlier one (see amendable).
    manifest.lines++;
    into.set(name, {
      key: text.slice(afterName + 1, afterKey),
      search: search === '-' ? null : search,
      json: text.slice(afterSearch + 1, end),
    });
    start = end + 1;
  }
  if (!shards) return undefined;
  manifest.shards = shards;
  manifest.stamp = stamp;
  return manifest;
}

/** The stamp of the manifest in the cache `dir` as it is now (see CacheManifest.stamp), or undefined where it has none. */
export function manifestStamp(dir: string): string | undefined {
  try {
    return fileStamp(join(dir, MANIFEST));
  } catch {
    return undefined;
  }
}

/** A file's inode, size and time it was last written: another build's manifest written since differs. */
function fileStamp(path: string): string {
  const { ino, size, mtimeMs } = statSync(path);
  return `${ino}:${size}:${mtimeMs}`;
}

/**
 * Lines of a manifest (see CacheManifest), each ending in a newline: the header first, where
 * `global` is given, then the advisories' and pages' lines. An advisory or page whose name cannot
 * be written on a line is left out, and renders next time.
 */
function cacheManifestText(
  global: string | undefined,
  advisories: ReadonlyMap<string, ManifestEntry>,
  pages: ReadonlyMap<string, ManifestEntry>,
): string {
  const lines = global === undefined ? [] : [`${HEADER}${global}`];
  const add = (kind: string, entries: ReadonlyMap<string, ManifestEntry>) => {
    for (const [name, { key, search, json }] of entries)
      if (!/[\t\n\r]/.test(name)) lines.push(`${kind}\t${name}\t${key}\t${search ?? '-'}\t${json}`);
  };
  add('advisory', advisories);
  add('page', pages);
  return lines.length === 0 ? '' : `${lines.join('\n')}\n`;
}

/**
 * A hard link where possible (no bytes copied), a copy across file systems. The target's folder
 * must exist (see folderMaker); a file already at the target is replaced.
 */
export function place(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') {
      unlinkSync(to);
      place(from, to);
    } else if (['EXDEV', 'EPERM', 'EMLINK', 'ENOTSUP'].includes(code)) copyFileSync(from, to);
    else throw error;
  }
}

/**
 * Places each file of the folder `from` at the same path under `to`. A walk one folder at a time:
 * Node's recursive readdir stats every entry, 1,000 of them in each search shard.
 */
export function placeTree(from: string, to: string): void {
  mkdirSync(to, { recursive: true });
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) placeTree(source, join(to, entry.name));
    else if (entry.isFile()) place(source, join(to, entry.name));
  }
}

/**
 * The key of everything every page and file depends on: Disclose's code, the versions of the
 * packages that render and index, the site's own configuration and code, the organisation,
 * severities, timeline and the policy pages' titles (the header links to them).
 */
export function globalKey(parts: {
  /** The key of the code that renders (see codeKey). */
  code: string;
  siteCode: readonly string[];
  /** The site's path aliases, which its code's imports are followed through (see siteSources). */
  aliases?: readonly Alias[];
  settings: unknown;
  content: ContentSet;
  files: readonly string[];
}): string {
  const hash = createHash('sha256');
  const add = (label: string, value: string | Buffer) => hash.update(`${label}\0`).update(value).update('\0');
  add('code', parts.code);
  for (const file of siteSources(parts.siteCode, parts.aliases)) add(file, readFileSync(file));
  for (const file of parts.files) add(file, existsSync(file) ? readFileSync(file) : '');
  add('settings', JSON.stringify(parts.settings));
  const { content } = parts;
  add('organisation', sourceText(content.organisation.source));
  add('severities', sourceText(content.severities.source));
  add('timeline', sourceText(content.timeline.source));
  for (const policy of [...content.policies].sort((a, b) => (a.slug < b.slug ? -1 : 1)))
    add(`policy ${policy.slug}`, JSON.stringify(policy.source.data));
  return hash.digest('hex');
}

/**
 * The files of the site's own code that render pages: `paths` (replaced pages and components, files
 * or folders), and every file of the site they import by a relative path, followed from file to
 * file, so that a replaced component's helper module or style sheet counts as much as the component.
 */
export function siteSources(paths: readonly string[], aliases: readonly Alias[] = []): string[] {
  const found = new Set<string>();
  const visit = (file: string) => {
    if (found.has(file)) return;
    found.add(file);
    if (!SOURCE.test(file)) return;
    const text = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of text.matchAll(IMPORT)) {
      const targets = /^\.{1,2}\//.test(specifier)
        ? [join(dirname(file), specifier)]
        : aliased(specifier, aliases);
      for (const path of targets) {
        const target = localFile(path);
        if (target) visit(target);
      }
    }
  };
  for (const path of paths) {
    if (!existsSync(path)) continue;
    for (const file of statSync(path).isDirectory() ? treeFiles(path) : [path]) visit(file);
  }
  return [...found].sort();
}

/** Files whose imports are followed: modules, components, Markdown and style sheets. */
const SOURCE = /\.(?:[cm]?[jt]sx?|astro|mdx?|css|s[ac]ss|less)$/;

/**
 * What a module, a component or a style sheet imports: `from 'x'`, `import 'x'`, `import('x')`,
 * CSS's `@import 'x'` or `@import url(x)`. A relative one (`./x`) is a file beside it, any other
 * may be a path alias (see aliased); a query or hash (`?raw`, `?url`) names the same file.
 */
const IMPORT = /(?:\bfrom|\bimport\s*\(?|@import\s+(?:url\()?)\s*['"]?([^'"?#)\s]+)/g;

/**
 * A path alias of the site, as TypeScript's `paths` writes one: `pattern` (`@components/*`, or a
 * name without `*`) and the paths it stands for, absolute, with `*` where the rest goes.
 */
export interface Alias {
  pattern: string;
  targets: readonly string[];
}

/** The paths `specifier` stands for under the first alias whose pattern it matches. */
function aliased(specifier: string, aliases: readonly Alias[]): string[] {
  for (const { pattern, targets } of aliases) {
    const star = pattern.indexOf('*');
    if (star === -1) {
      if (specifier === pattern) return [...targets];
      continue;
    }
    const [head, tail] = [pattern.slice(0, star), pattern.slice(star + 1)];
    if (
      specifier.length >= head.length + tail.length &&
      specifier.startsWith(head) &&
      specifier.endsWith(tail)
    ) {
      const rest = specifier.slice(head.length, specifier.length - tail.length);
      return targets.map((target) => target.replace('*', rest));
    }
  }
  return [];
}

/**
 * The site's path aliases: `compilerOptions.paths` of its tsconfig.json (or jsconfig.json), from
 * its `baseUrl` or its own folder, and Vite's `resolve.alias` where it maps a name to a path.
 * A config that does not read has none: its imports are then not followed.
 */
export function siteAliases(root: string, viteAlias: unknown): Alias[] {
  const aliases: Alias[] = [];
  for (const name of ['tsconfig.json', 'jsconfig.json']) {
    const file = join(root, name);
    if (!existsSync(file)) continue;
    try {
      const { compilerOptions } = parseJsonc(readFileSync(file, 'utf8')) as {
        compilerOptions?: { baseUrl?: string; paths?: Record<string, string[]> };
      };
      const base = resolve(root, compilerOptions?.baseUrl ?? '.');
      for (const [pattern, targets] of Object.entries(compilerOptions?.paths ?? {}))
        if (Array.isArray(targets))
          aliases.push({ pattern, targets: targets.map((target) => resolve(base, String(target))) });
    } catch {
      // Not JSON with comments: TypeScript and Vite would refuse it too.
    }
    break;
  }
  const entries = Array.isArray(viteAlias)
    ? (viteAlias as { find?: unknown; replacement?: unknown }[]).map((alias) => [
        alias.find,
        alias.replacement,
      ])
    : Object.entries(viteAlias ?? {});
  for (const [find, replacement] of entries)
    if (typeof find === 'string' && typeof replacement === 'string') {
      const target = resolve(root, replacement);
      // Vite replaces the name itself, or the name and what follows a slash.
      aliases.push({ pattern: find, targets: [target] }, { pattern: `${find}/*`, targets: [`${target}/*`] });
    }
  return aliases;
}

/** JSON with the comments and trailing commas that tsconfig.json may have. */
function parseJsonc(text: string): unknown {
  let json = '';
  for (let at = 0; at < text.length; at++) {
    const char = text[at] ?? '';
    if (char === '"') {
      const end = /^"(?:[^"\\]|\\.)*"/.exec(text.slice(at))?.[0] ?? text.slice(at);
      json += end;
      at += end.length - 1;
    } else if (text.startsWith('//', at))
      at = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at) - 1;
    else if (text.startsWith('/*', at))
      at = text.indexOf('*/', at) === -1 ? text.length : text.indexOf('*/', at) + 1;
    else json += char;
  }
  return JSON.parse(json.replace(/,(\s*[}\]])/g, '$1'));
}

/** The file an import of `path` reaches: itself, with an extension Vite tries, or its folder's index. */
function localFile(path: string): string | undefined {
  const extensions = ['.ts', '.tsx', '.mts', '.js', '.jsx', '.mjs', '.astro', '.json', '.css'];
  // TypeScript's own convention, `./words.js` for words.ts, comes after the file as named.
  const stem = /\.m?jsx?$/.test(path) ? path.replace(/\.m?jsx?$/, '') : undefined;
  const candidates = [
    path,
    ...extensions.map((ext) => path + ext),
    ...extensions.map((ext) => join(path, `index${ext}`)),
    ...(stem === undefined ? [] : ['.ts', '.tsx', '.mts'].map((ext) => stem + ext)),
  ];
  return candidates.find((file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  });
}

/**
 * What of the site's Astro config can change a page, for the global key (see globalKey), as JSON:
 * every setting, the integrations and the adapter by name and the version Node resolves from the
 * site (from a workspace's node_modules too), and Vite's settings with its plugins by name. Left out are the folders a build is
 * given or that only say where the site is: the output folder, which CI and the benchmark give a
 * new one each build, Astro's cache folder and the project's own. `compressHTML: false`, say, or an
 * integration added, renders every page again, instead of leaving the cached ones as they were.
 */
export function astroSettings(config: AstroConfig): string {
  const root = fileURLToPath(config.root);
  const { srcDir, publicDir, integrations, adapter, vite } = config;
  const named = (name: string) => `${name} ${PACKAGE_NAME.test(name) ? installedVersion(root, name) : ''}`;
  const plugins = pluginNames(vite.plugins);
  const seen = new WeakSet<object>();
  return JSON.stringify(
    {
      ...omit(config, [
        'root',
        'outDir',
        'cacheDir',
        'srcDir',
        'publicDir',
        'integrations',
        'adapter',
        'vite',
      ]),
      build: omit(config.build, ['client', 'server']),
      srcDir: relative(root, fileURLToPath(srcDir)),
      publicDir: relative(root, fileURLToPath(publicDir)),
      integrations: integrations.map((integration) => named(integration.name)),
      adapter: adapter && named(adapter.name),
      vite: { ...vite, plugins },
    },
    (_name, value: unknown) => {
      if (typeof value === 'bigint' || value instanceof RegExp) return String(value);
      if (value instanceof Map || value instanceof Set) return Array.from(value as Iterable<unknown>);
      if (value !== null && typeof value === 'object') {
        // Met again (a structure that refers to itself): named, so that JSON.stringify ends.
        if (seen.has(value)) return '(again)';
        seen.add(value);
      }
      return value;
    },
  );
}

/** The names of Vite plugins, as the config lists them: nested in arrays, or left out (false). */
function pluginNames(option: unknown): string[] {
  if (Array.isArray(option)) return option.flatMap(pluginNames);
  return option && typeof option === 'object' && 'name' in option ? [String(option.name)] : [];
}

/** `object` without the properties named `keys`. */
function omit(object: object, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(object).filter(([key]) => !keys.includes(key)));
}

/** An npm package's name, scoped or not: what an integration that is a package is called. */
const PACKAGE_NAME = /^(?:@[\w.-]+\/)?[\w.-]+$/;

/**
 * The key of the code that renders: Disclose's code (every file of `folders`: the package's src/,
 * and its build/ where the integration or its outputs worker runs from the bundle, see
 * codeFolders), the versions of the packages that render Markdown, pages and the search index,
 * and of the YAML parser and the validator (the checked front matter, see FrontMatterCache, is
 * kept under it), the version installed of every package Disclose depends on, the site's
 * lockfile, and Node's version with its ICU and time-zone data. Astro's content store is kept
 * between builds only while this is unchanged, since it holds Markdown rendered and sanitised by
 * that code.
 */
export function codeKey(folders: readonly string[], root: string): string {
  const hash = createHash('sha256');
  const [src = ''] = folders;
  hash.update(`format ${FORMAT}\0disclose ${packageVersion(join(src, '..'))}\0`);
  // Resolved as Node resolves them from the site: in a workspace, from the node_modules above it.
  for (const name of ['astro', '@astrojs/mdx', 'pagefind', 'satteri', 'js-yaml'])
    hash.update(`${name} ${installedVersion(root, name)}\0`);
  // The schemas' validator: astro/zod, resolved from Astro (its own copy, if it has one).
  hash.update(`zod ${installedVersion(installedFolder(root, 'astro') ?? root, 'zod')}\0`);
  // Every package Disclose renders with (sanitising, CVSS scores, package URLs, version ranges,
  // SECURITY.md), at the version installed: a caret range moves with `npm update` while Disclose's
  // own version stays. The site's lockfile pins what those use in turn (a sanitiser's schema, say).
  const pkg = join(src, '..');
  for (const name of dependencies(pkg)) hash.update(`${name} ${installedVersion(pkg, name)}\0`);
  const lock = lockfile(root);
  if (lock)
    hash
      .update(`${basename(lock)}\0`)
      .update(readFileSync(lock))
      .update('\0');
  // Node, with its ICU and time-zone data: dates in time zones, and the order of names, come from them.
  hash.update(
    `node ${process.versions.node} icu ${process.versions.icu ?? ''} tz ${process.versions.tz ?? ''}\0`,
  );
  for (const [at, folder] of folders.entries())
    for (const file of treeFiles(folder))
      hash
        .update(`${String(at)}\0${relative(folder, file)}\0`)
        .update(readFileSync(file))
        .update('\0');
  return hash.digest('hex');
}

/**
 * The folders of the code a build runs (see codeKey), for the integration at `integration` whose
 * outputs worker is `worker`: the package's src/ (pages, components, the content config, and in a
 * checkout the integration itself), and build/ wherever a bundled file runs. An installed package
 * runs build/integration.mjs and build/outputs-worker.mjs, which write every machine-readable file:
 * a package whose bundle changed under the same version renders everything again.
 */
export function codeFolders(src: string, integration: URL, worker: URL): string[] {
  const bundles = [integration, worker]
    .filter((url) => url.pathname.endsWith('.mjs'))
    .map((url) => dirname(fileURLToPath(url)));
  return [src, ...new Set(bundles)];
}

/**
 * The key of one advisory's page and files: the global key, the advisory's file as written (and
 * whether it is private), its publication state at this build's clock, and the projects it names.
 */
export function advisoryKey(
  global: string,
  advisory: ContentSet['advisories'][number],
  state: string,
  projects: ReadonlyMap<string, string>,
): string {
  const slugs = affectedProjects(advisory.data).sort();
  return sha256(
    [
      global,
      advisory.private ? 'private' : 'public',
      state,
      sourceText(advisory.source),
      ...slugs.map((slug) => `${slug}\0${projects.get(slug) ?? ''}`),
    ].join('\0'),
  );
}

/**
 * The key of each project's SECURITY.md, by path: the global key (the organisation, severities,
 * timeline and policy pages' titles it quotes) and the project's file. It lists no advisories, so
 * adding one renders none of them.
 */
export function securityMdKeys(global: string, projects: ReadonlyMap<string, string>): Map<string, string> {
  return new Map(
    [...projects].map(([slug, key]) => [
      paths.securityMd(slug),
      sha256([global, 'SECURITY.md', slug, key].join('\0')),
    ]),
  );
}

/**
 * The key of each project's page, by path: the global key, the project's file and those of the
 * projects it names as related (their names and summaries are shown), and the key of each public
 * advisory naming it (the page counts them, lists the newest and works out response figures from
 * all of them; each key holds the advisory's publication state at this build's clock).
 */
export function projectPageKeys(
  global: string,
  content: ContentSet,
  keys: ReadonlyMap<string, string>,
  projects: ReadonlyMap<string, string>,
): Map<string, string> {
  const advisoriesOf = groupBy(
    content.advisories.filter((advisory) => keys.has(advisory.data.id)),
    (advisory) => affectedProjects(advisory.data),
  );
  return new Map(
    content.projects.map((project) => [
      paths.project(project.slug),
      sha256(
        [
          global,
          'project page',
          project.slug,
          projects.get(project.slug) ?? '',
          ...[...project.data.related].sort().map((slug) => `${slug}\0${projects.get(slug) ?? ''}`),
          ...(advisoriesOf.get(project.slug) ?? [])
            .map(({ data }) => `${data.id}\0${keys.get(data.id) ?? ''}`)
            .sort(),
        ].join('\0'),
      ),
    ]),
  );
}

/**
 * The key of each feed file (Atom and JSON Feed, the site's and each project's), by path: the
 * global key, the feed's title (it names the project), and the key of each advisory it carries
 * (the newest 50, each shown in full); an empty feed also says when the site's newest advisory
 * was released. Worked out from the same specs and entries, in the same order, as the outputs.
 * `shows`, if given, is filled with the ids of each feed file's entries, by path.
 */
export function feedKeys(
  global: string,
  content: ContentSet,
  keys: ReadonlyMap<string, string>,
  shows?: Map<string, readonly string[]>,
): Map<string, string> {
  const advisories = content.advisories.filter((a) => keys.has(a.data.id)).map((a) => a.data);
  const newest = newestRelease(advisories);
  const feeds = new Map<string, string>();
  for (const spec of feedSpecs(outputContext(content), advisories)) {
    const entries = feedEntries(spec.advisories);
    const made = [
      global,
      'feed',
      spec.title,
      spec.pagePath,
      entries.length === 0 ? newest.toISOString() : '',
      ...entries.map((a) => `${a.id}\0${keys.get(a.id) ?? ''}`),
    ];
    for (const path of [spec.atomPath, spec.jsonPath]) {
      feeds.set(path, sha256([...made, path].join('\0')));
      shows?.set(
        path,
        entries.map((a) => a.id),
      );
    }
  }
  return feeds;
}

/** A project's file as written, hashed, by slug. */
export function projectKeys(content: ContentSet): Map<string, string> {
  return new Map(content.projects.map((p) => [p.slug, sha256(sourceText(p.source))]));
}

/**
 * A content file as its key sees it: the front matter and the body. Front matter read with a
 * FrontMatterCache is its YAML text's sha256 (its data is then not parsed at all); other front
 * matter is its data.
 */
function sourceText(source: Pick<SourceFile, 'data' | 'body' | 'checkedAs'>): string {
  const front =
    source.checkedAs === undefined ? `data ${JSON.stringify(source.data)}` : `yaml ${source.checkedAs}`;
  return `${front}\0${source.body}`;
}

/** The packages a package.json in `dir` depends on, by name; none where it has none or does not read. */
function dependencies(dir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
      dependencies?: Record<string, string>;
    };
    return Object.keys(manifest.dependencies ?? {}).sort();
  } catch {
    return [];
  }
}

/** `dir` and each folder above it, up to the file system's root. */
function* upFrom(dir: string): Generator<string> {
  for (let at = resolve(dir); ; at = dirname(at)) {
    yield at;
    if (dirname(at) === at) return;
  }
}

/** The folder of the package `name` that Node resolves from `dir`: in the nearest node_modules that has it. */
function installedFolder(dir: string, name: string): string | undefined {
  for (const at of upFrom(dir)) {
    const folder = join(at, 'node_modules', name);
    if (existsSync(join(folder, 'package.json'))) return folder;
  }
  return undefined;
}

/** The version of `name` that Node resolves from `dir` (see installedFolder); empty where none is installed. */
function installedVersion(dir: string, name: string): string {
  const folder = installedFolder(dir, name);
  return folder ? packageVersion(folder) : '';
}

/** The lockfiles of npm, pnpm, Yarn and Bun. */
const LOCKFILES = [
  'package-lock.json',
  'npm-shrinkwrap.json',
  'pnpm-lock.yaml',
  'yarn.lock',
  'bun.lock',
  'bun.lockb',
];

/** The lockfile of the project at `root`: in it, or in a folder above it (a workspace's). */
function lockfile(root: string): string | undefined {
  for (const at of upFrom(root)) {
    const found = LOCKFILES.map((name) => join(at, name)).find((file) => existsSync(file));
    if (found) return found;
  }
  return undefined;
}

/** The version in the package.json of the package in `folder`; empty where there is none. */
function packageVersion(folder: string): string {
  try {
    return (
      (JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { version?: string }).version ?? ''
    );
  } catch {
    return '';
  }
}

function treeFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/**
 * The key of each listing page (see stablePages), by path: the global key, the page's place among
 * its neighbours, the key of each advisory on it, and what every listing links to (the years with
 * advisories and the projects). The page listing every advisory also counts each listing's
 * advisories, so its first page depends on those counts too. Worked out from the same listings,
 * in the same order, as the listing routes render, from the advisories this build may show.
 */
export function listingKeys(
  global: string,
  content: ContentSet,
  keys: ReadonlyMap<string, string>,
  projects: ReadonlyMap<string, string>,
): Map<string, string> {
  const advisories = content.advisories
    .filter((advisory) => keys.has(advisory.data.id))
    .map(({ data }) => listedAdvisory(data))
    .sort(byNewest);
  const groups = groupAdvisories(advisories);
  const slugs = [...content.projects].sort(byProjectOrder).map((p) => p.slug);
  const severities = content.severities.data.map((s) => s.id);
  const linked = sha256(
    JSON.stringify({
      years: [...groups.year.keys()].sort((a, b) => b - a),
      projects: slugs.map((slug) => [slug, projects.get(slug)]),
    }),
  );
  const counts = JSON.stringify(
    [...groups.year, ...groups.severity, ...groups.project].map(([group, list]) => [group, list.length]),
  );
  const pageKeys = new Map<string, string>();
  for (const listing of listings(advisories, groups, severities, slugs)) {
    for (const page of stablePages(listing.advisories, listing.base)) {
      const first = page.number === undefined;
      pageKeys.set(
        page.url,
        sha256(
          [
            global,
            'listing',
            linked,
            page.url,
            page.newer ?? '',
            page.older ?? '',
            // Only the first page says how many advisories the listing has.
            first ? String(page.total) : '',
            first && listing.kind === 'all' ? counts : '',
            ...page.advisories.map((a) => `${a.id}\0${keys.get(a.id) ?? ''}`),
          ].join('\0'),
        ),
      );
    }
  }
  return pageKeys;
}
