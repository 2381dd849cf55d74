import { existsSync } from 'node:fs';
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

// The outputs worker puts the search shards it expects unchanged into the site while Astro
// renders (see BuildCache.leadingShards). That is a forecast: a shard put in place whose key the
// search index does not find again would leave the site searching pages as they were.

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

/** A shard folder as the outputs worker leaves it: `pagefind/<n>`, holding `marker`. */
async function placeShard(n: number, marker: string): Promise<void> {
  await mkdir(join(site, 'pagefind', String(n)), { recursive: true });
  await writeFile(join(site, 'pagefind', String(n), marker), '');
}

const reuse = (placed: Map<number, string>): SearchReuse => ({
  known: new Map(),
  takeShard: () => undefined,
  placed,
});

describe('search shards put in place before the index is written', () => {
  test('a shard whose key is found again is kept as it was put', async () => {
    const { keys } = await writeSearchIndex(pathToFileURL(`${site}/`));
    await rm(join(site, 'pagefind'), { recursive: true });
    await placeShard(0, 'from-the-cache');
    const result = await writeSearchIndex(pathToFileURL(`${site}/`), reuse(new Map([[0, keys[0] ?? '']])));
    expect(result.keys).toEqual(keys);
    expect(result.reused).toBe(1);
    expect(await readdir(join(site, 'pagefind', '0'))).toEqual(['from-the-cache']);
    // The other shard is indexed as always.
    expect(existsSync(join(site, 'pagefind', '1', 'pagefind-entry.json'))).toBe(true);
  });

  test('a shard whose pages changed is indexed again, and one the site no longer has is removed', async () => {
    const { keys } = await writeSearchIndex(pathToFileURL(`${site}/`));
    await rm(join(site, 'pagefind'), { recursive: true });
    await placeShard(0, 'stale');
    await placeShard(5, 'stale');
    const result = await writeSearchIndex(
      pathToFileURL(`${site}/`),
      reuse(
        new Map([
          [0, 'a key the first shard no longer has'],
          [5, 'a shard of a larger site'],
        ]),
      ),
    );
    expect(result.keys).toEqual(keys);
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
