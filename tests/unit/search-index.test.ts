import { cpSync, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import {
  searchPage,
  withoutIgnored,
  writeSearchIndex,
  type SearchReuse,
} from '../../src/integration/search-index.ts';
import { pagefindFragments } from '../support/pagefind-fragments.ts';

// An incremental build takes each search shard whose pages are unchanged from the build cache,
// by its key (see BuildCache.takeShard), and indexes the others. A shard taken under a key the
// search index did not work out again would leave the site searching pages as they were.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-search-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

let site = '';
let built = 0;
const page = (title: string, text: string) =>
  `<!doctype html><html lang="en"><head><title>${title}</title></head><body><nav>Home</nav><article data-pagefind-body><h1>${title}</h1><p>${text}</p></article></body></html>`;

beforeEach(async () => {
  process.env['DISCLOSE_SEARCH_SHARD_SIZE'] = '2';
  site = join(scratch, `site-${++built}`);
  for (const [id, text] of [
    ['LANTERN-2026-0001', 'A flaw in the parser'],
    ['LANTERN-2026-0002', 'A flaw in the encoder'],
    ['LANTERN-2026-0010', 'A flaw in the decoder'],
  ] as const) {
    await mkdir(join(site, 'advisories', id), { recursive: true });
    await writeFile(join(site, 'advisories', id, 'index.html'), page(id, text));
  }
});
afterEach(() => {
  delete process.env['DISCLOSE_SEARCH_SHARD_SIZE'];
});

/** A shard of an earlier build, as a build cache holds it: a folder holding `marker`, under `key`. */
async function cachedShard(key: string, marker: string): Promise<string> {
  const folder = join(scratch, `cached-${built}-${key.slice(0, 8)}`);
  await mkdir(folder, { recursive: true });
  await writeFile(join(folder, marker), '');
  return folder;
}

/** What a build cache holding `shards` (folders by key) gives the search index. */
const reuse = (shards: Map<string, string>): SearchReuse => ({
  known: new Map(),
  takeShard: (key) => {
    const from = shards.get(key);
    return from === undefined ? undefined : (target) => cpSync(from, target, { recursive: true });
  },
});

describe('search shards from a build cache', () => {
  test('a shard whose key is worked out again is taken as the cache holds it, the others are indexed', async () => {
    const { keys } = await writeSearchIndex(pathToFileURL(`${site}/`));
    const shards = new Map([[keys[0] ?? '', await cachedShard(keys[0] ?? '', 'from-the-cache')]]);
    const result = await writeSearchIndex(pathToFileURL(`${site}/`), reuse(shards));
    expect(result.keys).toEqual(keys);
    expect(result.reused).toBe(1);
    expect(await readdir(join(site, 'pagefind', '0'))).toEqual(['from-the-cache']);
    expect(existsSync(join(site, 'pagefind', '1', 'pagefind-entry.json'))).toBe(true);
  });

  test('a shard whose pages changed is indexed again, and nothing of an earlier index stays', async () => {
    const { keys } = await writeSearchIndex(pathToFileURL(`${site}/`));
    const stale = await cachedShard(keys[0] ?? '', 'stale');
    await writeFile(
      join(site, 'advisories', 'LANTERN-2026-0001', 'index.html'),
      page('LANTERN-2026-0001', 'A flaw in the parser, described anew'),
    );
    await mkdir(join(site, 'pagefind', '5'), { recursive: true });
    const result = await writeSearchIndex(
      pathToFileURL(`${site}/`),
      reuse(new Map([[keys[0] ?? '', stale]])),
    );
    expect(result.keys[0]).not.toBe(keys[0]);
    expect(result.reused).toBe(0);
    expect(existsSync(join(site, 'pagefind', '0', 'stale'))).toBe(false);
    expect(existsSync(join(site, 'pagefind', '0', 'pagefind-entry.json'))).toBe(true);
    expect((await readdir(join(site, 'pagefind'))).sort()).toEqual(['0', '1', 'shards.json']);
  });
});

describe('what search is handed of a page', () => {
  test.each([
    [
      'an element Pagefind ignores',
      '<p>From <span data-pagefind-ignore>not</span> here</p>',
      '<p>From  here</p>',
    ],
    [
      'one with elements of its own name inside',
      '<div data-pagefind-ignore><div>a</div><div><div>b</div></div></div><p>kept</p>',
      '<p>kept</p>',
    ],
    [
      'one ignored with "all"',
      '<p>a</p><section data-pagefind-ignore="all"><h2 id="x">X</h2></section>',
      '<p>a</p>',
    ],
    [
      'one that holds a filter Pagefind still reads',
      '<dl data-pagefind-ignore><dd data-pagefind-filter="year">2026</dd></dl>',
      '<dl data-pagefind-ignore><dd data-pagefind-filter="year">2026</dd></dl>',
    ],
    [
      'an element without content',
      '<img data-pagefind-ignore alt="logo"><p>a</p>',
      '<img data-pagefind-ignore alt="logo"><p>a</p>',
    ],
    ['one whose end is missing', '<div data-pagefind-ignore><p>a</p>', '<div data-pagefind-ignore><p>a</p>'],
    [
      'an attribute that only starts alike',
      '<p data-pagefind-ignored>a</p>',
      '<p data-pagefind-ignored>a</p>',
    ],
  ])('leaves out %s as Pagefind does', (_, html, expected) => {
    expect(withoutIgnored(html)).toBe(expected);
  });

  test('Pagefind indexes a page the same from it as from the whole page', async () => {
    const pages = [
      `<!doctype html><html lang="en"><head><title>Beacon</title></head><body><nav>Home</nav><article data-pagefind-body>
        <h1><span data-pagefind-meta="title">Beacon</span></h1><p>Parses <em>lantern</em> files.</p>
        <section aria-labelledby="advisories" data-pagefind-ignore><h2 id="advisories">Advisories</h2>
          <ul><li><a href="/advisories/LANTERN-2026-0001/">A flaw in the parser</a></li></ul></section>
        <h2 id="supported">Supported versions</h2><table><tr><td>2.x</td></tr></table>
        <p>Reported by <span data-pagefind-ignore>nobody</span> yet.</p>
        <div data-pagefind-ignore><span data-pagefind-filter="project">Beacon</span></div>
      </article><footer>Lanternfish</footer></body></html>`,
    ].map((html, n) => ({ url: `/page-${n}/`, html }));
    const whole = await pagefindFragments(pages);
    const handed = await pagefindFragments(
      pages.map((page) => ({ ...page, html: searchPage(page.html) ?? '' })),
    );
    expect(whole.size).toBe(1);
    expect([...handed]).toEqual([...whole]);
    expect(whole.get('/page-0/')).not.toContain('parser');
  });
});
