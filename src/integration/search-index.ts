import { readFileSync } from 'node:fs';
import { readdir, rm, writeFile } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as pagefind from 'pagefind';
import { mapLimit } from '../lib/content/map-limit.ts';

/**
 * Pages per Pagefind index. Pagefind holds every page of an index in memory until it writes
 * (about 75 KB a page), so a large site is indexed in shards of this size, one after another,
 * and the search page merges them. Memory stays bounded however many advisories there are.
 */
export const SHARD_SIZE = 1000;

/** Pages per shard: $DISCLOSE_SEARCH_SHARD_SIZE, default SHARD_SIZE. */
function shardSize(): number {
  const size = Number(process.env['DISCLOSE_SEARCH_SHARD_SIZE'] || SHARD_SIZE);
  if (!Number.isInteger(size) || size < 1) {
    throw new Error(`DISCLOSE_SEARCH_SHARD_SIZE must be a whole number of pages, e.g. ${SHARD_SIZE}`);
  }
  return size;
}

/** Where the search page finds the shards: `/pagefind/shards.json` lists their folders. */
export const SHARD_LIST = 'pagefind/shards.json';

/**
 * Indexes the built site with Pagefind's Node API, so `npm run build` alone yields a searchable
 * site. Only pages with a data-pagefind-body element are indexed (policy, project and advisory
 * pages, never listings). Advisory ids and aliases carry a high weight, so searching one finds it first.
 */
export async function writeSearchIndex(dirUrl: URL): Promise<{ pages: number; shards: number }> {
  const dir = fileURLToPath(dirUrl);
  const size = shardSize();
  await rm(join(dir, 'pagefind'), { recursive: true, force: true });
  // Shards are filled with indexed pages only, one after another as the files are read, so no shard
  // is empty (Pagefind writes nothing for one) and only one shard's pages are held at a time.
  // Each shard gets a fresh Pagefind process: indexes sharing Pagefind's one backend process
  // neither run in parallel nor give their memory back.
  let pages: SearchPage[] = [];
  const counts: number[] = [];
  const flush = async () => {
    await indexShard(pages, join(dir, `pagefind/${counts.length}`));
    counts.push(pages.length);
    pages = [];
  };
  for (const file of await htmlFiles(dir)) {
    // Synchronous reads: thousands of small files in a row, faster than a round trip each through the thread pool.
    const html = searchPage(readFileSync(file, 'utf8'));
    if (!html) continue;
    pages.push({ url: `/${relative(dir, file).split(sep).join('/')}`.replace(/index\.html$/, ''), html });
    if (pages.length === size) await flush();
  }
  if (pages.length > 0 || counts.length === 0) await flush();
  const shards = counts.map((_, n) => `pagefind/${n}/`);
  await writeFile(join(dir, SHARD_LIST), `${JSON.stringify({ shards })}\n`);
  return { pages: counts.reduce((a, b) => a + b, 0), shards: shards.length };
}

interface SearchPage {
  url: string;
  html: string;
}

/**
 * The part of a page Pagefind reads: its language, its title and the data-pagefind-body element.
 * Handing Pagefind only that saves it parsing headers, navigation and footers thousands of times.
 * Returns undefined for pages that are not indexed (listings).
 */
export function searchPage(html: string): string | undefined {
  const start = html.search(/<(\w+)[^>]*\sdata-pagefind-body[\s>]/);
  if (start < 0) return undefined;
  const tag = /^<(\w+)/.exec(html.slice(start))?.[1] ?? 'article';
  const end = html.lastIndexOf(`</${tag}>`);
  const title = /<title>([\s\S]*?)<\/title>/.exec(html)?.[1] ?? '';
  const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? 'en';
  return `<!doctype html><html lang="${lang}"><head><title>${title}</title></head><body>${html.slice(start, end + tag.length + 3)}</body></html>`;
}

async function indexShard(pages: readonly SearchPage[], outputPath: string): Promise<void> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
  if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  try {
    // Each call is a round trip to Pagefind's process; keeping many in flight hides the latency.
    await mapLimit(pages, 64, async (page) => {
      const added = await index.addHTMLFile({ url: page.url, content: page.html });
      if (added.errors.length > 0)
        throw new Error(`Pagefind could not index ${page.url}: ${added.errors.join('; ')}`);
    });
    const written = await index.writeFiles({ outputPath });
    if (written.errors.length > 0)
      throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  } finally {
    await pagefind.close();
  }
}

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.html'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}
