import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateContent } from '../../scripts/generate-content.ts';
import { buildSite, siteHashes } from '../support/build-site.ts';
import {
  advisoryPage,
  cacheFile,
  cacheFiles,
  fileName,
  pageFile,
  readManifest,
  type CacheManifest,
} from '../../src/integration/build-cache.ts';
import {
  layingOut,
  layOutNext,
  layoutName,
  searchLayoutName,
  startLayout,
  takeLayout,
  takeSearchLayout,
} from '../../src/integration/layout.ts';

// The site a process of its own lays out from the build cache once a build has ended, for the
// next build to take in one rename: it is laid out whole or not at all, for the manifest it was
// laid out from only, and taken only while it holds exactly the folders and files the manifest
// names (the incremental build test takes it in every build, and compares the sites).

const scratch = await mkdtemp(join(tmpdir(), 'disclose-layout-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const cache = join(scratch, 'cache');
let manifest: CacheManifest;

/** The sites laid out in the cache, and those being laid out (the search shards laid out beside each left out). */
const layouts = () =>
  readdirSync(cache).filter(
    (name) => (name.startsWith('layout-') || name.startsWith('.layout-')) && !name.endsWith('-search'),
  );

/** Lays out the cache's manifest as the layout process does, and answers the folder it is in. */
function laidOut(): string {
  layOutNext(cache);
  const name = layoutName(manifest.stamp);
  expect(layouts()).toEqual([name]);
  return join(cache, name);
}

beforeAll(async () => {
  const content = join(scratch, 'content');
  await generateContent(content, 30, 3);
  const built = await buildSite(content, join(scratch, 'dist'), {
    DISCLOSE_CACHE: cache,
    // Laid out before the build ends, by the process a build starts.
    DISCLOSE_LAYOUT: 'wait',
  });
  expect(built.code, built.output).toBe(0);
  const read = readManifest(cache);
  if (!read) throw new Error('the build left no cache');
  manifest = read;
}, 120_000);

describe('the site laid out after a build', () => {
  test('the process a build starts lays out every page and file the cache gives, as links to its files', async () => {
    const name = layoutName(manifest.stamp);
    expect(layouts()).toEqual([name]);
    expect(existsSync(join(cache, searchLayoutName(manifest.stamp)))).toBe(true);
    expect(layingOut(cache)).toBe(false);
    const root = join(scratch, 'taken');
    const taken = takeLayout(manifest, cache, root);
    if (!taken || !('premade' in taken)) throw new Error(`not taken: ${JSON.stringify(taken)}`);
    expect(layouts()).toEqual([]);
    // Every advisory whole, under the key the manifest gives it.
    expect(taken.premade.over).toBe(true);
    expect(taken.premade.advisories.size).toBe(30);
    for (const [id, { key }] of manifest.advisories) {
      expect(taken.premade.advisories.get(id)).toMatchObject({ key, whole: true });
      const page = advisoryPage(id);
      // The cache's own file, linked: nothing is copied.
      expect(statSync(join(root, page)).ino).toBe(
        statSync(cacheFile(cacheFiles(cache), fileName(key, page))).ino,
      );
    }
    // The same files as the built site has of them.
    const site = await siteHashes(join(scratch, 'dist'));
    const laid = await siteHashes(root);
    const files = [...laid.keys()].filter((path) => !path.endsWith('/'));
    expect(files.length).toBe(taken.files);
    for (const path of files) expect(laid.get(path), path).toBe(site.get(path));
    expect(files).toEqual(expect.arrayContaining([...manifest.pages.keys()].map((url) => pageFile(url))));
  });

  test('one changed since is refused and removed: a link in it, a file more, a file less', async () => {
    const outside = join(scratch, 'outside');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'notes.txt'), 'a file of the maintainer');
    const [id = ''] = manifest.advisories.keys();
    const folder = advisoryPage(id).slice(0, advisoryPage(id).lastIndexOf('/'));
    const changes: [string, (layout: string) => Promise<void>, string][] = [
      [
        'a link',
        async (layout) => {
          await rm(join(layout, folder), { recursive: true });
          await symlink(outside, join(layout, folder));
        },
        `${folder} in it is neither a file nor a folder`,
      ],
      [
        'a file more',
        (layout) => writeFile(join(layout, folder, 'planted.html'), '<script>alert(1)</script>'),
        `it holds a file ${folder}/planted.html the cache does not name`,
      ],
      ['a file less', (layout) => rm(join(layout, advisoryPage(id))), 'it lacks 1 file the cache names'],
    ];
    for (const [what, change, why] of changes) {
      await change(laidOut());
      const root = join(scratch, `refused-${what.replaceAll(' ', '-')}`);
      expect(takeLayout(manifest, cache, root), what).toEqual({
        refused: `the site laid out for this build was changed: ${why}`,
      });
      expect(existsSync(root), what).toBe(false);
      expect(layouts(), what).toEqual([]);
    }
    expect(readdirSync(outside)).toEqual(['notes.txt']);
  });

  test('the search shards laid out are taken in the places the manifest lists them, and refused once changed', async () => {
    layOutNext(cache);
    const target = join(scratch, 'search-taken', 'pagefind');
    expect(takeSearchLayout(manifest, cache, target)).toEqual({ shards: manifest.shards });
    expect(manifest.shards.length).toBeGreaterThan(0);
    const built = await siteHashes(join(scratch, 'dist', 'pagefind'));
    const laid = await siteHashes(target);
    expect([...laid.keys()].length).toBeGreaterThan(manifest.shards.length);
    for (const [path, hash] of laid) expect(built.get(path), path).toBe(hash);
    const outside = join(scratch, 'outside-search');
    await mkdir(outside, { recursive: true });
    const changes: [string, (layout: string) => Promise<void>, string][] = [
      [
        'a link',
        async (layout) => {
          await rm(join(layout, '0', 'fragment'), { recursive: true });
          await symlink(outside, join(layout, '0', 'fragment'));
        },
        '/0/fragment in it is neither a file nor a folder',
      ],
      [
        'a file more',
        (layout) => writeFile(join(layout, '0', 'planted.js'), 'alert(1)'),
        "it holds /0/planted.js, which the cache's shard does not",
      ],
      [
        'a shard more',
        (layout) => mkdir(join(layout, String(manifest.shards.length))),
        `it holds ${manifest.shards.length}, which is not a shard the cache names`,
      ],
      [
        'a file less',
        async (layout) => {
          const [fragment = ''] = readdirSync(join(layout, '0', 'fragment'));
          await rm(join(layout, '0', 'fragment', fragment));
        },
        "it lacks files of the cache's shard in /0/fragment",
      ],
      [
        'a shard less',
        (layout) => rm(join(layout, '0'), { recursive: true }),
        "it lacks 1 of the cache's shards",
      ],
    ];
    for (const [what, change, why] of changes) {
      layOutNext(cache);
      await change(join(cache, searchLayoutName(manifest.stamp)));
      const refused = join(scratch, `search-${what.replaceAll(' ', '-')}`, 'pagefind');
      expect(takeSearchLayout(manifest, cache, refused), what).toEqual({
        refused: `the search shards laid out for this build were changed: ${why}`,
      });
      expect(existsSync(refused), what).toBe(false);
    }
    expect(readdirSync(outside)).toEqual([]);
  });

  test('a link in place of the laid out folder is refused, and what it points to stays', async () => {
    const outside = join(scratch, 'outside-whole');
    await mkdir(outside, { recursive: true });
    await writeFile(join(outside, 'notes.txt'), 'a file of the maintainer');
    await rm(join(cache, layoutName(manifest.stamp)), { recursive: true, force: true });
    await symlink(outside, join(cache, layoutName(manifest.stamp)));
    const root = join(scratch, 'refused-link');
    expect(takeLayout(manifest, cache, root)).toEqual({
      refused: `${join(cache, layoutName(manifest.stamp))} is not a folder`,
    });
    expect(existsSync(root)).toBe(false);
    expect(readdirSync(outside)).toEqual(['notes.txt']);
    expect(layouts()).toEqual([]);
  });

  test('one laid out from another manifest is not taken, and the next layout process removes it', async () => {
    const layout = laidOut();
    // The manifest another build stored since: the same lines, written again.
    const manifestFile = join(cache, 'manifest.tsv');
    await rename(manifestFile, `${manifestFile}.old`);
    await writeFile(manifestFile, readFileSync(`${manifestFile}.old`, 'utf8'));
    await rm(`${manifestFile}.old`);
    const newer = readManifest(cache);
    if (!newer) throw new Error('the manifest does not read');
    expect(newer.stamp).not.toBe(manifest.stamp);
    expect(takeLayout(newer, cache, join(scratch, 'stale'))).toBeUndefined();
    expect(existsSync(layout)).toBe(true);
    manifest = newer;
    // Dead layout processes' folders go too; a running one's stays.
    await mkdir(join(cache, '.layout-999999999', 'advisories'), { recursive: true });
    await mkdir(join(cache, `.layout-${process.ppid}`));
    expect(layingOut(cache)).toBe(true);
    layOutNext(cache);
    expect(layouts().sort()).toEqual([`.layout-${process.ppid}`, layoutName(newer.stamp)].sort());
    await rm(join(cache, `.layout-${process.ppid}`), { recursive: true });
    expect(layingOut(cache)).toBe(false);
  });

  test('a layout process stops when a build begins before it is done, and lays out nothing', async () => {
    await rm(join(cache, layoutName(manifest.stamp)), { recursive: true });
    // What a build writes when it begins while a layout process runs (see stopLayouts).
    const stop = join(cache, 'layout.stop');
    await writeFile(stop, '');
    const later = new Date(Date.now() + 60_000);
    await utimes(stop, later, later);
    layOutNext(cache);
    expect(layouts()).toEqual([]);
    // One that began after it is not stopped by it.
    await utimes(stop, new Date(0), new Date(0));
    await startLayout(cache, new URL('../../src/integration/outputs-worker.ts', import.meta.url), true);
    expect(layouts()).toEqual([layoutName(manifest.stamp)]);
  });
});
