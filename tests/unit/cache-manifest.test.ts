import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import { BuildCache, readManifest } from '../../src/integration/build-cache.ts';

// The build cache's manifest is a file of lines that a build reads without parsing what it does
// not need (see CacheManifest). Whatever is wrong with it, a build takes nothing it cannot trust:
// a manifest that does not read is no manifest, and the build renders everything.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-cache-manifest-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const GLOBAL = 'g'.repeat(64);
const KEY = 'k'.repeat(64);
const ID = 'LANTERN-2026-0001';
const OSV = { path: `/osv/${ID}.json`, sha256: 'a'.repeat(64), bytes: 12 };
const FEED = { path: '/advisories/feed.xml', sha256: 'b'.repeat(64), bytes: 34 };
const OUTLINE = {
  id: ID,
  summary: 'Heap overflow in the parser',
  aliases: ['CVE-2026-1234'],
  published: new Date('2026-10-01T00:00:00Z'),
  modified: new Date('2026-11-01T00:00:00Z'),
  draft: false,
  affected: [{ project: 'lantern', package: 'lantern-core' }, { project: 'lantern' }],
};
const outline = (id: string) => (id === ID ? OUTLINE : undefined);

let cache = '';
let built = 0;

/** A cache stored by a build of one advisory (its page and OSV file), the listing page and a feed. */
beforeEach(async () => {
  const site = join(scratch, `site-${++built}`);
  cache = join(scratch, `cache-${built}`);
  await mkdir(join(site, 'advisories', ID), { recursive: true });
  await mkdir(join(site, 'osv'), { recursive: true });
  await writeFile(join(site, 'advisories', ID, 'index.html'), '<p>page</p>');
  await writeFile(join(site, 'osv', `${ID}.json`), '{}');
  await writeFile(join(site, 'advisories', 'index.html'), '<p>listing</p>');
  await writeFile(join(site, 'advisories', 'feed.xml'), '<feed/>');
  await mkdir(join(site, 'pagefind', '0', 'fragment'), { recursive: true });
  await writeFile(join(site, 'pagefind', '0', 'fragment', 'a.pf_fragment'), 'fragment');
  const store = new BuildCache(
    cache,
    GLOBAL,
    new Map([[ID, KEY]]),
    new Map([
      ['/advisories/', 'l'.repeat(64)],
      [FEED.path, 'f'.repeat(64)],
    ]),
    { outline },
  );
  store.wrote(ID, [OSV], { id: ID, modified: '2026-11-01T00:00:00Z' });
  store.storeFiles(site, [FEED]);
  store.storeIndex(
    site,
    new Map([
      [`/advisories/${ID}/`, 's'.repeat(64)],
      ['/advisories/', null],
    ]),
    ['0'.repeat(64)],
  );
});

const manifestFile = () => join(cache, 'manifest.tsv');
const edit = async (change: (text: string) => string) =>
  writeFile(manifestFile(), change(await readFile(manifestFile(), 'utf8')));

describe('the build cache manifest', () => {
  test('gives back what the build stored', async () => {
    // The search shard, stored under its key with the folders it has.
    expect(await readFile(join(cache, 'pagefind', '0'.repeat(64), 'fragment', 'a.pf_fragment'), 'utf8')).toBe(
      'fragment',
    );
    const manifest = readManifest(cache, GLOBAL);
    expect(manifest?.shards).toEqual(['0'.repeat(64)]);
    expect(manifest?.advisory(ID)).toEqual({
      key: KEY,
      search: 's'.repeat(64),
      outputs: [OSV],
      osv: { id: ID, modified: '2026-11-01T00:00:00Z' },
      outline: OUTLINE,
    });
    expect(manifest?.page('/advisories/')).toEqual({ key: 'l'.repeat(64), search: null });
    expect(manifest?.page(FEED.path)).toEqual({
      key: 'f'.repeat(64),
      search: null,
      file: { sha256: FEED.sha256, bytes: FEED.bytes },
    });
    // Another build's code or settings: nothing is taken.
    expect(readManifest(cache, 'h'.repeat(64))).toBeUndefined();
  });

  test.each([
    ['cut short', (text: string) => text.slice(0, -10)],
    ['without its last newline', (text: string) => text.slice(0, -1)],
    [
      'of another format',
      (text: string) => text.replace(/^disclose build cache\t\d+/, 'disclose build cache\t4'),
    ],
    ['with a line of another kind', (text: string) => `${text}listing\t/x/\t${KEY}\t-\t{}\n`],
    ['with a line missing its JSON', (text: string) => `${text}page\t/x/\t${KEY}\t-\n`],
    ['with an advisory twice', (text: string) => text + (/^advisory\t.*\n/m.exec(text)?.[0] ?? '')],
    ['with a blank line', (text: string) => `${text}\n`],
    ['without its shards', (text: string) => text.replace(/^shards\t.*\n/m, '')],
    ['with its shards twice', (text: string) => text + (/^shards\t.*\n/m.exec(text)?.[0] ?? '')],
    [
      'written as JSON, as Disclose 0.2 did',
      () => JSON.stringify({ format: 4, global: GLOBAL, advisories: {} }),
    ],
  ])('is no manifest when %s', async (_, change) => {
    await edit(change);
    expect(readManifest(cache, GLOBAL)).toBeUndefined();
    // And a build opening the cache takes nothing from it.
    const store = new BuildCache(cache, GLOBAL, new Map([[ID, KEY]]), new Map(), { outline });
    expect(store.warm).toBe(false);
    expect(store.reused.size).toBe(0);
  });

  test('a record whose JSON does not read gives nothing of that advisory, and the rest as they are', async () => {
    await edit((text) => text.replace(/^(advisory\t[^\t]+\t[^\t]+\t[^\t]+\t)\{/m, '$1{"outputs":'));
    const manifest = readManifest(cache, GLOBAL);
    expect(manifest?.advisories.get(ID)?.key).toBe(KEY);
    expect(manifest?.advisory(ID)).toBeUndefined();
    expect(manifest?.page('/advisories/')).toEqual({ key: 'l'.repeat(64), search: null });
  });
});
