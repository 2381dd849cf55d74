import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, afterEach, beforeEach, describe, expect, test } from 'vitest';
import { writeSearchIndex, type SearchReuse } from '../../src/integration/search-index.ts';

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
