import { hash } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { siteFiles } from './manifest.ts';

/**
 * Pages per Pagefind index. Pagefind holds every page of an index in memory until it writes
 * (about 75 KB a page), so a large site is indexed in shards of this size, one after another,
 * and the search page merges them. Memory stays bounded however many advisories there are.
 */
export const SHARD_SIZE = 1000;

/** Pages per shard: $DISCLOSE_SEARCH_SHARD_SIZE, default SHARD_SIZE. */
export function shardSize(): number {
  const size = Number(process.env['DISCLOSE_SEARCH_SHARD_SIZE'] || SHARD_SIZE);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DISCLOSE_SEARCH_SHARD_SIZE must be a whole number of pages, e.g. ${SHARD_SIZE}`);
  }
  return size;
}

/** Where the search page finds the shards: `/pagefind/shards.json` lists their folders. */
export const SHARD_LIST = 'pagefind/shards.json';

/** What an incremental build knows of the search index before it is written (see the build cache). */
export interface SearchReuse {
  /** The search hash of pages taken from a previous build, by URL, so they need not be read. */
  known: ReadonlyMap<string, string | null>;
  /** A shard of a previous build with this key: what puts its files at a target. */
  takeShard(key: string): ((target: string) => void) | undefined;
  /**
   * Puts the shards laid out after the previous build at `target` (the site's pagefind folder, not
   * there yet), if there are any: the key of the one in each place (`pagefind/0`, …).
   */
  laidOut?(target: string): readonly string[] | undefined;
}

/** What was indexed: counts, each shard's key, and each page's search hash (null: not indexed), by URL. */
export interface SearchIndexResult {
  pages: number;
  shards: number;
  /** Shards taken from a previous build rather than indexed. */
  reused: number;
  /** Of those, the shards laid out after the previous build, in place already (see SearchReuse.laidOut). */
  laidOut: number;
  /** Pages handed to Pagefind: those of the shards that were indexed. */
  fresh: number;
  keys: string[];
  search: Map<string, string | null>;
}

/**
 * Indexes the built site with Pagefind's Node API, so `npm run build` alone yields a searchable
 * site. Only pages with a data-pagefind-body element are indexed (policy, project and advisory
 * pages, never listings). Advisory ids and aliases carry a high weight, so searching one finds it first.
 *
 * Shards are filled in a fixed order, advisory pages first by id (so a new advisory, with the
 * highest id, joins the last of them), then the other pages, in a shard of their own once
 * advisories fill one; each shard has a key made of its pages' URLs and searchable text. With
 * `reuse`, a shard whose key a previous build indexed is taken as it was.
 * `listed` is every page of the site, as paths on the site, when the caller has listed them
 * already. `meanwhile` runs once every shard is handed to Pagefind, while it indexes the last of them.
 * `pool` indexes, and is closed at the end: the caller may have made it ahead (see Indexers).
 * `site.pageFile` says where to read a page (by default in `dirUrl`): a build indexes its pages
 * while the site's folder is still being put together (never its pagefind folder), and
 * `meanwhile` finishes it. The shards taken from a previous build are put in place before
 * `meanwhile`, which waits for the rest of the site.
 */
export async function writeSearchIndex(
  dirUrl: URL,
  reuse?: SearchReuse,
  listed?: readonly string[],
  meanwhile?: () => Promise<void>,
  pool: Indexers = new Indexers(),
  site: { pageFile?: (path: string) => string } = {},
): Promise<SearchIndexResult> {
  const dir = fileURLToPath(dirUrl);
  const size = shardSize();
  // Anything in the way goes; then the shards laid out after the previous build come, if any.
  await rm(join(dir, 'pagefind'), { recursive: true, force: true });
  const laid = reuse?.laidOut?.(join(dir, 'pagefind')) ?? [];
  // Shards are read one after another and indexed by a pool of workers, so only the shards being
  // indexed are held in memory; no shard is empty (Pagefind writes nothing for one).
  const search = new Map<string, string | null>();
  const keys: string[] = [];
  let reused = 0;
  let laidOut = 0;
  let fresh = 0;
  let pages: { url: string; hash: string; html: string | undefined; file: string }[] = [];
  // Shards taken from a previous build are put in place while Pagefind indexes the others.
  const taken: (() => void)[] = [];
  const flush = async () => {
    const n = keys.length;
    const key = shardKey(pages);
    keys.push(key);
    const outputPath = join(dir, `pagefind/${n}`);
    if (laid[n] === key) {
      reused++;
      laidOut++;
      pages = [];
      return;
    }
    // Another shard was laid out in its place: it goes before this one is put there.
    if (laid[n] !== undefined) rmSync(outputPath, { recursive: true, force: true });
    const take = reuse?.takeShard(key);
    if (take) {
      reused++;
      taken.push(() => take(outputPath));
    } else {
      fresh += pages.length;
      await pool.index(
        pages.map((page) => ({
          url: page.url,
          html: page.html ?? searchPage(readFileSync(page.file, 'utf8')) ?? '',
        })),
        outputPath,
      );
    }
    pages = [];
  };
  let indexed = 0;
  try {
    for (const path of htmlFiles(listed ?? siteFiles(dir))) {
      const url = path.replace(/index\.html$/, '');
      const file = site.pageFile?.(path) ?? join(dir, path);
      const known = reuse?.known.get(url);
      // Synchronous reads: thousands of small files in a row, faster than a round trip each through the thread pool.
      const html = known === undefined ? searchPage(readFileSync(file, 'utf8')) : undefined;
      const hash = known === undefined ? (html === undefined ? null : sha256(html)) : known;
      search.set(url, hash);
      if (hash === null) continue;
      // Once advisories fill a shard, the other pages start one of their own: a new advisory
      // then changes only the last advisory shard, not the shard of the policy and project pages.
      if (keys.length > 0 && rank(url) === 1 && rank(pages.at(-1)?.url ?? '') === 0) await flush();
      indexed++;
      pages.push({ url, hash, html, file });
      if (pages.length === size) await flush();
    }
    if (pages.length > 0 || keys.length === 0) await flush();
    // Every shard is with Pagefind, which indexes in processes of its own: this thread is free
    // to put the others in place, while the outputs worker may still be linking the site.
    for (const take of taken) take();
    // Shards laid out in places this build has none for (its pages moved to fewer shards).
    for (let n = keys.length; n < laid.length; n++)
      rmSync(join(dir, `pagefind/${n}`), { recursive: true, force: true });
    await meanwhile?.();
    await pool.done();
  } finally {
    await pool.close();
  }
  const shards = keys.map((_, n) => `pagefind/${n}/`);
  await writeFile(join(dir, SHARD_LIST), `${JSON.stringify({ shards })}\n`);
  return { pages: indexed, shards: shards.length, reused, laidOut, fresh, keys, search };
}

const sha256 = (text: string) => hash('sha256', text, 'hex');

/** A shard's key: its pages' URLs and search hashes, in order. */
const shardKey = (pages: readonly { url: string; hash: string }[]) =>
  sha256(pages.map((page) => `${page.url}\0${page.hash}`).join('\0'));

interface SearchPage {
  url: string;
  html: string;
}

/**
 * The part of a page Pagefind reads: its language, its title and the data-pagefind-body element,
 * without the elements in it that Pagefind ignores (see withoutIgnored). Handing Pagefind only
 * that saves it parsing headers, navigation and footers thousands of times, and the page's search
 * hash changes only with what search finds: a project page whose list of advisories grew is not
 * indexed again. Returns undefined for pages that are not indexed (listings).
 */
export function searchPage(html: string): string | undefined {
  const start = html.search(/<(\w+)[^>]*\sdata-pagefind-body[\s>]/);
  if (start < 0) return undefined;
  const tag = /^<(\w+)/.exec(html.slice(start))?.[1] ?? 'article';
  const end = html.lastIndexOf(`</${tag}>`);
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? 'en';
  return `<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body>${withoutIgnored(html.slice(start, end + tag.length + 3))}</body></html>`;
}

/** The opening tag of an element Pagefind ignores: its name is group 1. */
const IGNORED = /<([a-zA-Z][\w-]*)(?=[\s/>])[^>]*?\sdata-pagefind-ignore(?=[\s/>=])[^>]*>/g;

/** Elements without content or a closing tag, left where they are. */
const VOID = /^(?:area|base|br|col|embed|hr|img|input|link|meta|source|track|wbr)$/i;

/**
 * `html` without the elements marked `data-pagefind-ignore`, which Pagefind leaves out of its
 * index, its excerpts and its anchors. An element with a filter, a sort or metadata inside (which
 * Pagefind still reads there) stays, and so does one whose end is not found: what Pagefind is
 * given then is what the page has.
 */
export function withoutIgnored(html: string): string {
  let out = '';
  let from = 0;
  IGNORED.lastIndex = 0;
  for (let open = IGNORED.exec(html); open; open = IGNORED.exec(html)) {
    const name = open[1] ?? '';
    const inner = open.index + open[0].length;
    const end = VOID.test(name) || open[0].endsWith('/>') ? -1 : closingTag(html, name, inner);
    if (end < 0 || /\sdata-pagefind-(?!ignore[\s/>=])/.test(html.slice(inner, end))) continue;
    out += html.slice(from, open.index);
    from = html.indexOf('>', end) + 1;
    IGNORED.lastIndex = from;
  }
  return from === 0 ? html : out + html.slice(from);
}

/** Where the tag closing the `name` element opened just before `at` starts, or -1. */
function closingTag(html: string, name: string, at: number): number {
  const tags = new RegExp(`<(/?)${name}(?=[\\s/>])[^>]*>`, 'gi');
  tags.lastIndex = at;
  let depth = 1;
  for (let tag = tags.exec(html); tag; tag = tags.exec(html)) {
    if (tag[1] === '/') depth--;
    else if (!tag[0].endsWith('/>')) depth++;
    if (depth === 0) return tag.index;
  }
  return -1;
}

/**
 * Pagefind indexers, one per core (at most two): each a worker thread with its own Pagefind
 * process, since indexes sharing one process neither run in parallel nor give their memory back.
 * `index` returns once a worker has taken the shard, so the next one is read while it is indexed;
 * `done` waits for every shard and reports the first failure. Made before the search index is
 * written (see writeSearchIndex), one indexer starts at once, with its Pagefind process: an
 * incremental build then indexes its one changed shard without waiting for either to start.
 */
export class Indexers {
  readonly #size = Math.max(1, Math.min(2, availableParallelism()));
  readonly #idle: Worker[] = [];
  readonly #workers: Worker[] = [];
  readonly #running = new Set<Promise<void>>();
  #waiting: (() => void)[] = [];
  #failure: Error | undefined;

  constructor() {
    const worker = this.#start();
    // Until it has a shard, it keeps nothing waiting: a build that fails before then ends.
    worker.unref();
    this.#idle.push(worker);
  }

  async index(pages: readonly SearchPage[], outputPath: string): Promise<void> {
    const worker = await this.#worker();
    worker.ref();
    const job = new Promise<void>((resolve, reject) => {
      worker.once('message', (result: { error?: string }) => {
        if (result.error) reject(new Error(result.error));
        else resolve();
      });
      worker.postMessage({ pages, outputPath });
    })
      .catch((error: unknown) => {
        this.#failure ??= error as Error;
      })
      .finally(() => {
        this.#running.delete(job);
        this.#idle.push(worker);
        this.#waiting.shift()?.();
      });
    this.#running.add(job);
    if (this.#failure) throw this.#failure;
  }

  async done(): Promise<void> {
    await Promise.all(this.#running);
    if (this.#failure) throw this.#failure;
  }

  /** Stops every indexer, and the Pagefind process one started ahead and never used. */
  async close(): Promise<void> {
    await Promise.allSettled(this.#running);
    await Promise.all(
      this.#workers.map(async (worker) => {
        worker.ref();
        await new Promise<void>((resolve) => {
          // An indexer that failed to start answers nothing: it is stopped all the same.
          const timer = setTimeout(resolve, 5000);
          worker.once('message', () => resolve());
          worker.once('exit', () => resolve());
          worker.postMessage({ close: true });
          timer.unref();
        });
        await worker.terminate();
      }),
    );
  }

  async #worker(): Promise<Worker> {
    const idle = this.#idle.pop();
    if (idle) return idle;
    if (this.#workers.length < this.#size) return this.#start();
    await new Promise<void>((resolve) => this.#waiting.push(resolve));
    return this.#worker();
  }

  #start(): Worker {
    const worker = new Worker(new URL(`data:text/javascript,${encodeURIComponent(INDEXER)}`), {
      workerData: { pagefind: import.meta.resolve('pagefind') },
    });
    worker.on('error', (error: Error) => (this.#failure ??= error));
    this.#workers.push(worker);
    return worker;
  }
}

/**
 * The indexer worker: builds one shard's index per message, in a fresh Pagefind process each
 * time; the first one is started as soon as the worker has loaded, ahead of its first shard.
 */
const INDEXER = `
import { parentPort, workerData } from 'node:worker_threads';
const pagefind = await import(workerData.pagefind);
const start = () => {
  const started = pagefind.createIndex({ forceLanguage: 'en' });
  // A failure to start is reported with the shard that needed it.
  started.catch(() => undefined);
  return started;
};
let ahead = start();
parentPort.on('message', async ({ pages, outputPath, close }) => {
  if (close) {
    if (ahead) await ahead.then(() => pagefind.close(), () => undefined);
    parentPort.postMessage({});
    return;
  }
  try {
    const started = ahead ?? start();
    ahead = undefined;
    const { index, errors } = await started;
    if (!index) throw new Error('Pagefind could not start: ' + errors.join('; '));
    try {
      // Each call is a round trip to Pagefind's process; keeping many in flight hides the latency.
      let next = 0;
      const add = async () => {
        while (next < pages.length) {
          const page = pages[next++];
          const added = await index.addHTMLFile({ url: page.url, content: page.html });
          if (added.errors.length > 0) throw new Error('Pagefind could not index ' + page.url + ': ' + added.errors.join('; '));
        }
      };
      await Promise.all(Array.from({ length: 64 }, add));
      const written = await index.writeFiles({ outputPath });
      if (written.errors.length > 0) throw new Error('Pagefind could not write its index: ' + written.errors.join('; '));
    } finally {
      await pagefind.close();
    }
    parentPort.postMessage({});
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message ? error.message : error) });
  }
});
`;

/** The site's pages, as paths on the site, in shard order (see shardOrder). */
function htmlFiles(paths: readonly string[]): string[] {
  return paths.filter((path) => path.endsWith('.html') && !path.startsWith('/pagefind/')).sort(shardOrder);
}

/**
 * The order pages fill shards in, by their files' paths on the site (`/advisories/7/index.html`):
 * advisory pages first, by id (numbers in ids compared as numbers), then the rest by path.
 */
function shardOrder(a: string, b: string): number {
  return rank(a) - rank(b) || (rank(a) === 0 && byNumber.compare(a, b)) || byCodeUnit(a, b);
}

/** Advisory pages come first (0), then every other page (1), by path on the site. */
const rank = (path: string) => (path.startsWith('/advisories/') ? 0 : 1);

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

const byNumber = new Intl.Collator('en', { numeric: true });
