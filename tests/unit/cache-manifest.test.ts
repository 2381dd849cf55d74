import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeEach, describe, expect, test } from 'vitest';
import type { AstroConfig } from 'astro';
import {
  astroSettings,
  BuildCache,
  inSite,
  isSitePath,
  readManifest,
  siteAliases,
  siteSources,
} from '../../src/integration/build-cache.ts';

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

/** The cache opened by a build of the one advisory, the listing page and the feed, all as first stored. */
const opened = () =>
  new BuildCache(
    cache,
    GLOBAL,
    new Map([[ID, KEY]]),
    new Map([
      ['/advisories/', 'l'.repeat(64)],
      [FEED.path, 'f'.repeat(64)],
    ]),
    { outline },
  );

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
  const store = opened();
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
    ['with a blank line', (text: string) => `${text}\n`],
    ['without its shards', (text: string) => text.replace(/^shards\t.*\n/m, '')],
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

  test('a line replaces an earlier one of the same name, and the last shards line counts', async () => {
    await edit(
      (text) =>
        `${text}page\t/advisories/\t${'m'.repeat(64)}\t-\t{}\nshards\t${'1'.repeat(64)}\t${'2'.repeat(64)}\n`,
    );
    const manifest = readManifest(cache, GLOBAL);
    expect(manifest?.page('/advisories/')).toEqual({ key: 'm'.repeat(64), search: null });
    expect(manifest?.advisories.get(ID)?.key).toBe(KEY);
    expect(manifest?.shards).toEqual(['1'.repeat(64), '2'.repeat(64)]);
    expect([...(manifest?.pages.keys() ?? [])]).toEqual(['/advisories/', FEED.path]);
  });

  test('a record whose JSON does not read gives nothing of that advisory, and the rest as they are', async () => {
    await edit((text) => text.replace(/^(advisory\t[^\t]+\t[^\t]+\t[^\t]+\t)\{/m, '$1{"outputs":'));
    const manifest = readManifest(cache, GLOBAL);
    expect(manifest?.advisories.get(ID)?.key).toBe(KEY);
    expect(manifest?.advisory(ID)).toBeUndefined();
    expect(manifest?.page('/advisories/')).toEqual({ key: 'l'.repeat(64), search: null });
  });

  test('a record that names a file outside the site does not read', async () => {
    await edit((text) => text.replace(/"path":"\/osv\/[^"]+"/, '"path":"/osv/../../../victim.txt"'));
    const manifest = readManifest(cache, GLOBAL);
    expect(manifest?.advisories.get(ID)?.key).toBe(KEY);
    expect(manifest?.advisory(ID)).toBeUndefined();
  });

  test('a path the cache gives is a file inside the site, with no empty, . or .. part', () => {
    for (const path of [
      '/osv/x_LANTERN-2026-0001.json',
      '/.well-known/csaf/white/2026/lantern-2026-0001.json',
      '/a..b/.c',
    ])
      expect([path, isSitePath(path)]).toEqual([path, true]);
    for (const path of [
      '',
      'osv/x.json',
      '/../x',
      '/osv/../../x',
      '/osv/./x',
      '/osv//x',
      '/osv/',
      '/',
      '/osv/..',
      '/a\\b',
      '/a\0b',
    ])
      expect([path, isSitePath(path)]).toEqual([path, false]);
    expect(inSite('/site', '/osv/x.json')).toBe('/site/osv/x.json');
    expect(() => inSite('/site', '/osv/../../x')).toThrow('"/osv/../../x" is not a file inside the site');
  });
});

describe('a build that changed a few things', () => {
  const ID2 = 'LANTERN-2026-0002';
  const KEY2 = 'n'.repeat(64);
  const OSV2 = { path: `/osv/${ID2}.json`, sha256: 'c'.repeat(64), bytes: 2 };
  const outlines = (id: string) => (id === ID2 ? { ...OUTLINE, id: ID2 } : outline(id));

  /** Stores a build of `advisories` (each with its page and OSV file) and the listing page under `listing`, rendering `fresh`. */
  async function store(advisories: Map<string, string>, listing: string, fresh: string[]): Promise<void> {
    const site = join(scratch, `site-${++built}`);
    for (const id of advisories.keys()) {
      await mkdir(join(site, 'advisories', id), { recursive: true });
      await writeFile(join(site, 'advisories', id, 'index.html'), `<p>${id}</p>`);
    }
    await mkdir(join(site, 'osv'), { recursive: true });
    await writeFile(join(site, 'osv', `${ID2}.json`), '{}');
    await writeFile(join(site, 'advisories', 'index.html'), `<p>${listing}</p>`);
    await mkdir(join(site, 'pagefind', '0'), { recursive: true });
    const build = new BuildCache(
      cache,
      GLOBAL,
      advisories,
      new Map([
        ['/advisories/', listing],
        [FEED.path, 'f'.repeat(64)],
      ]),
      { outline: outlines },
    );
    for (const id of fresh) build.wrote(id, [OSV2], { id, modified: '2026-11-02T00:00:00Z' });
    build.storeFiles(site, [FEED]);
    build.storeIndex(site, new Map(fresh.map((id) => [`/advisories/${id}/`, 't'.repeat(64)])), [
      '9'.repeat(64),
    ]);
  }

  test('keeps the last manifest and adds its own lines after it; one that dropped an advisory writes it whole, without it', async () => {
    const before = await readFile(manifestFile(), 'utf8');
    await store(
      new Map([
        [ID, KEY],
        [ID2, KEY2],
      ]),
      'm'.repeat(64),
      [ID2],
    );
    const amended = await readFile(manifestFile(), 'utf8');
    // The last build's lines as they were, then the new advisory's, the listing page's and the shards'.
    expect(amended.startsWith(before)).toBe(true);
    expect(
      amended
        .slice(before.length)
        .split('\n')
        .map((line) => line.split('\t').slice(0, 2).join(' ')),
    ).toEqual([`advisory ${ID2}`, 'page /advisories/', `shards ${'9'.repeat(64)}`, '']);
    const manifest = readManifest(cache, GLOBAL);
    expect(manifest?.advisories.get(ID)?.key).toBe(KEY);
    expect(manifest?.advisory(ID2)).toMatchObject({ key: KEY2, search: 't'.repeat(64), outputs: [OSV2] });
    expect(manifest?.page('/advisories/')).toEqual({ key: 'm'.repeat(64), search: null });
    expect(manifest?.page(FEED.path)).toMatchObject({ key: 'f'.repeat(64) });
    expect(manifest?.shards).toEqual(['9'.repeat(64)]);

    // The new advisory goes (deleted, or a draft again): no line of it is left.
    await store(new Map([[ID, KEY]]), 'o'.repeat(64), []);
    const whole = await readFile(manifestFile(), 'utf8');
    expect(whole).not.toContain(ID2);
    expect(whole.match(/^page\t\/advisories\/\t/gm)).toHaveLength(1);
    expect(readManifest(cache, GLOBAL)?.page('/advisories/')).toEqual({ key: 'o'.repeat(64), search: null });
  });

  test('is written whole once the lines later ones replace would pass a quarter of those that count', async () => {
    // Four lines count (two advisories, the listing page and the feed): one replaced line is kept, a second is not.
    const both = new Map([
      [ID, KEY],
      [ID2, KEY2],
    ]);
    await store(both, 'm'.repeat(64), [ID2]);
    expect((await readFile(manifestFile(), 'utf8')).match(/^page\t\/advisories\/\t/gm)).toHaveLength(2);
    await store(both, 'o'.repeat(64), []);
    const text = await readFile(manifestFile(), 'utf8');
    expect(text.match(/^page\t\/advisories\/\t/gm)).toHaveLength(1);
    expect(readManifest(cache, GLOBAL)).toMatchObject({ lines: 4, shards: ['9'.repeat(64)] });
    expect(readManifest(cache, GLOBAL)?.page('/advisories/')).toEqual({ key: 'o'.repeat(64), search: null });
  });

  test("another build's manifest, written since this one read it, is not amended but written whole", async () => {
    const build = opened();
    // Another build stores its manifest meanwhile: the same lines, written again.
    await edit((text) => `${text}`);
    const site = join(scratch, `site-${++built}`);
    await mkdir(join(site, 'advisories', ID), { recursive: true });
    await writeFile(join(site, 'advisories', 'index.html'), '<p>listing</p>');
    build.storeFiles(site, [FEED]);
    build.storeIndex(site, new Map(), ['0'.repeat(64)]);
    // Amended, it would end with a second shards line after the other build's.
    expect((await readFile(manifestFile(), 'utf8')).match(/^shards\t/gm)).toHaveLength(1);
    expect(readManifest(cache, GLOBAL)?.lines).toBe(3);
  });
});

describe("the site's own code that renders pages", () => {
  test('is each replaced page and component and every file of the site it imports by a relative path, followed', async () => {
    const site = join(scratch, 'own-code');
    await mkdir(join(site, 'parts', 'labels'), { recursive: true });
    const files: Record<string, string> = {
      'Badge.astro': `---\nimport { label } from './parts/label.js';\nimport Icon from './parts/Icon.astro';\nimport './badge.css';\nconst more = await import('./parts/labels');\n---\n<span>{label}</span>\n`,
      'badge.css': `@import url(./colours.css);\n@import './sizes.css';\n.badge { color: red; }\n`,
      'colours.css': '.red { color: red; }\n',
      'sizes.css': '.small { font-size: 0.8em; }\n',
      'parts/label.ts': `export { label } from '../words.json';\n`,
      'parts/Icon.astro': `<svg/>\n`,
      'parts/labels/index.ts': `export const labels = [];\n`,
      'words.json': '{ "label": "Rated" }\n',
      // Not imported by the component: not its code.
      'unrelated.ts': 'export {};\n',
    };
    for (const [path, text] of Object.entries(files)) await writeFile(join(site, path), text);
    expect(siteSources([join(site, 'Badge.astro'), join(site, 'missing.astro')])).toEqual(
      Object.keys(files)
        .filter((path) => path !== 'unrelated.ts')
        .map((path) => join(site, path))
        .sort(),
    );
  });
});

describe("the site's path aliases", () => {
  test('from tsconfig.json (with comments and trailing commas) and from Vite, are followed like relative imports', async () => {
    const site = join(scratch, 'aliased');
    await mkdir(join(site, 'src', 'parts'), { recursive: true });
    await mkdir(join(site, 'lib'), { recursive: true });
    await writeFile(
      join(site, 'tsconfig.json'),
      `{\n  // Astro's own settings come from here.\n  "extends": "astro/tsconfigs/strict",\n  "compilerOptions": {\n    "baseUrl": "src", /* the aliases' root */\n    "paths": { "@parts/*": ["parts/*"], "@words": ["../lib/words.ts"], },\n  },\n}\n`,
    );
    const files: Record<string, string> = {
      'Badge.astro': `---\nimport Icon from '@parts/Icon.astro';\nimport { label } from '@words';\nimport { helper } from '~/helper';\nimport { z } from 'astro/zod';\n---\n<span>{label}</span>\n`,
      'src/parts/Icon.astro': `<svg/>\n`,
      'lib/words.ts': `export const label = 'Rated';\n`,
      'lib/helper.ts': `export const helper = 1;\n`,
    };
    for (const [path, text] of Object.entries(files)) await writeFile(join(site, path), text);
    const aliases = siteAliases(site, [{ find: '~', replacement: join(site, 'lib') }]);
    expect(siteSources([join(site, 'Badge.astro')], aliases)).toEqual(
      Object.keys(files)
        .map((path) => join(site, path))
        .sort(),
    );
    // Vite's aliases as an object, a name for a path relative to the site.
    expect(siteAliases(site, { '~': 'lib' }).slice(-2)).toEqual([
      { pattern: '~', targets: [join(site, 'lib')] },
      { pattern: '~/*', targets: [join(site, 'lib', '*')] },
    ]);
  });
});

describe("the site's Astro config", () => {
  test('names each integration with the version the site resolves, from a workspace’s node_modules too', async () => {
    const workspace = await mkdtemp(join(scratch, 'workspace-'));
    const site = join(workspace, 'packages', 'site');
    const mdx = join(workspace, 'node_modules', '@astrojs', 'mdx');
    await mkdir(site, { recursive: true });
    await mkdir(mdx, { recursive: true });
    const config = {
      root: pathToFileURL(`${site}/`),
      srcDir: pathToFileURL(`${site}/src/`),
      publicDir: pathToFileURL(`${site}/public/`),
      outDir: pathToFileURL(`${site}/dist/`),
      cacheDir: pathToFileURL(`${site}/node_modules/.astro/`),
      build: { format: 'directory' },
      integrations: [{ name: '@astrojs/mdx', hooks: {} }],
      vite: {},
    } as unknown as AstroConfig;
    const withMdx = async (version: string) => {
      await writeFile(join(mdx, 'package.json'), JSON.stringify({ version }));
      return astroSettings(config);
    };
    const before = await withMdx('5.0.0');
    expect(before).toContain('@astrojs/mdx 5.0.0');
    expect(await withMdx('5.0.1')).not.toBe(before);
  });
});
