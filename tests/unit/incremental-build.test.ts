import { createHash } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extraAdvisory, generateContent } from '../../scripts/generate-content.ts';
import { buildSite, siteHashes } from '../support/build-site.ts';
import { fileName, pageFile, readManifest } from '../../src/integration/build-cache.ts';
import { layoutName, searchLayoutName } from '../../src/integration/layout.ts';

// An incremental build (the build cache of the last build, Astro's content store) must give the
// same site as a build from scratch, byte for byte, after every kind of change a maintainer makes.
// Two copies of one content folder (and its private folder, where drafts and embargoed advisories
// wait) change in step: one is built with its cache each time, the other from scratch (DISCLOSE_CACHE=off).

const scratch = await mkdtemp(join(tmpdir(), 'disclose-incremental-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const incremental = join(scratch, 'incremental');
const full = join(scratch, 'full');
const BEFORE_EMBARGO = '2026-12-01T00:00:00Z';
const AFTER_EMBARGO = '2026-12-20T00:00:00Z';
let now = BEFORE_EMBARGO;

/** Changes both content folders the same way. */
async function change(edit: (content: string, hidden: string) => Promise<void>): Promise<void> {
  for (const root of [incremental, full]) await edit(join(root, 'content'), join(root, 'private'));
}

async function editFile(file: string, edit: (text: string) => string): Promise<void> {
  const text = await readFile(file, 'utf8');
  const edited = edit(text);
  if (edited === text) throw new Error(`The edit changed nothing in ${file}`);
  await writeFile(file, edited);
}

const advisory = (content: string, id: string) => join(content, 'advisories', `${id}.md`);

/** Arguments of `astro build`: the Astro config the builds use, where a test gives one. */
let astroArgs: string[] = [];

/** Builds one of the two copies, the incremental one with its cache. */
const build = (root: string) =>
  buildSite(
    join(root, 'content'),
    join(root, 'dist'),
    {
      DISCLOSE_PRIVATE_CONTENT: join(root, 'private'),
      DISCLOSE_NOW: now,
      // Small search shards, so that most are unchanged by one change and come from the cache.
      DISCLOSE_SEARCH_SHARD_SIZE: '8',
      // Short listing pages, so that listings have older pages that stay as they were.
      DISCLOSE_LISTING_PAGE_SIZE: '4',
      DISCLOSE_CACHE: root === full ? 'off' : join(root, 'cache'),
      // Each incremental build lays out the next one's site before it ends, and the next takes it.
      DISCLOSE_LAYOUT: root === full ? 'off' : 'wait',
    },
    astroArgs,
  );

/** Builds both; returns what the incremental build said of its cache, once both sites are equal. */
async function buildBoth(): Promise<string> {
  // One after the other: builds in one project share its .astro folder.
  const built = [];
  for (const root of [incremental, full]) built.push(await build(root));
  for (const { code, output } of built) expect(code, output).toBe(0);
  const [fromCache, fromScratch] = await Promise.all(
    [incremental, full].map((root) => siteHashes(join(root, 'dist'))),
  );
  expect([...(fromCache ?? [])]).toEqual([...(fromScratch ?? [])]);
  const said = built[0]?.output ?? '';
  // Whenever the last build's cache is taken, so is the site laid out after that build.
  if (/advisories unchanged/.test(said)) {
    expect(said).toContain('into the site laid out after the last build');
    // A shard in the place it had is the one laid out there (a new one, or one in another's place, is not).
    const [, reused, laid] =
      /(\d+) unchanged, from the build cache(?:, (\d+) of them laid out)?/.exec(said) ?? [];
    if (reused) expect(Number(laid ?? 0)).toBeGreaterThan(0);
  }
  expect(said).not.toMatch(/laid out after the last build (?:was|were) not used/);
  return [/build cache: [^\n]*/.exec(said)?.[0], /indexed [^\n]*/.exec(said)?.[0]].join('; ');
}

/** Astro's cache folder for a content folder (the integration's contentCacheDir). */
const astroCache = (content: string) =>
  join('node_modules/.astro', createHash('sha256').update(resolve(content)).digest('hex').slice(0, 12));

/** The files under `dir` whose bytes contain `text`. */
async function filesMentioning(dir: string, text: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
  const found = await Promise.all(
    files.map(async (file) => ((await readFile(file)).includes(text) ? [file] : [])),
  );
  return found.flat();
}

/** How many listing pages an incremental build took from its cache, as it said. */
const unchangedListingPages = (said: string) => Number(/(\d+) of \d+ listing pages/.exec(said)?.[1] ?? 0);

/** An advisory in the generated set's format. */
const advisoryText = (id: string, fields: string[]) => extraAdvisory(id, fields, 'A flaw that a test adds.');

beforeAll(async () => {
  await generateContent(join(incremental, 'content'), 40, 4);
  await mkdir(join(incremental, 'private', 'advisories'), { recursive: true });
  await writeFile(
    advisory(join(incremental, 'private'), 'LANTERN-2026-0001'),
    advisoryText('LANTERN-2026-0001', [
      'summary: EMBARGOEDSUMMARY lifts on the tenth',
      'published: 2026-11-20T00:00:00Z',
      'embargo: 2026-12-10T00:00:00Z',
    ]),
  );
  await cp(incremental, full, { recursive: true });
}, 60_000);

describe('an incremental build equals a full build, byte for byte', () => {
  test('the first build, with an empty cache', async () => {
    expect(await buildBoth()).toContain('every page is rendered');
    // Each announcement, written aside while Astro renders, is in the folder of its page, and nothing is left aside.
    expect(existsSync(join(full, 'dist', 'advisories', 'LANTERN-2016-0001', 'announcement.md'))).toBe(true);
    expect((await readdir(join(full, 'dist'))).filter((name) => name.startsWith('.'))).toEqual([
      '.well-known',
    ]);
    const site = await readFile(join(full, 'dist', 'osv', 'all.json'), 'utf8');
    expect(site).not.toContain('LANTERN-2026-0001');
    // CI keeps the cache where pull requests can read it: nothing of the embargoed advisory is in it.
    expect(await filesMentioning(join(incremental, 'cache'), 'EMBARGOEDSUMMARY')).toEqual([]);
    // Every advisory was rendered into Astro's content store; the next build leaves them out of it,
    // so it starts from an empty store instead of loading them all to drop them.
    expect(existsSync(join(astroCache(join(incremental, 'content')), 'data-store.json'))).toBe(false);
    // Each SECURITY.md and feed file it holds comes with its hash and size as the site's manifest
    // lists them, so a build that takes one from it lists it without reading it again.
    const manifest = readManifest(join(incremental, 'cache'));
    if (!manifest) throw new Error('the build cache has no manifest');
    const { files } = JSON.parse(
      await readFile(join(incremental, 'dist', 'disclose-manifest.json'), 'utf8'),
    ) as { files: { path: string; sha256: string; bytes: number }[] };
    const listed = new Map(files.map(({ path, sha256, bytes }) => [path, { sha256, bytes }]));
    const held = [...manifest.pages.keys()].filter((url) => !url.endsWith('/'));
    expect(held.filter((url) => url.endsWith('SECURITY.md'))).toHaveLength(4);
    expect(held).toHaveLength(14);
    for (const url of held) expect(manifest.page(url)?.file, url).toEqual(listed.get(url));
  });

  test('nothing changed: every advisory comes from the cache', async () => {
    // What a build that was killed left in the cache folder (no process has such a number).
    const cache = join(incremental, 'cache');
    await writeFile(join(cache, 'pages.999999999.json'), '{"pages":[]}');
    await writeFile(join(cache, 'advisories.999999999.v8'), '');
    await writeFile(join(cache, 'manifest.tsv.999999999'), 'disclose build cache\t6\tcut short');
    const said = await buildBoth();
    expect(said).toContain('40 of 40 advisories unchanged, 0 to render');
    expect(said).toContain('4 of 4 project pages');
    // No SECURITY.md lists advisories: each comes from the cache until its project changes.
    expect(said).toContain('4 of 4 SECURITY.md files and 10 of 10 feed files unchanged');
    // A store of what this build rendered (nothing but the organisation and its like) is kept.
    expect(existsSync(join(astroCache(join(incremental, 'content')), 'data-store.json'))).toBe(true);
    // The build removes its own lists when done, and those of builds that stopped.
    expect(
      (await readdir(cache)).filter((name) => /^(pages|advisories)\.|^manifest\.tsv\./.test(name)),
    ).toEqual([]);
  });

  test('a cache written by another version is ignored, and replaced', async () => {
    const cache = join(incremental, 'cache');
    // The JSON manifest of Disclose 0.2, and one of this shape in another format: nothing of
    // either is taken, and the build does not trip over them.
    await writeFile(
      join(cache, 'manifest.json'),
      JSON.stringify({ format: 1, advisories: { 'LANTERN-2026-0001': {} }, pages: 7 }),
    );
    const manifest = join(cache, 'manifest.tsv');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace(/^(disclose build cache\t)\d+/, '$1999'),
    );
    // A file of it that no build of this version names, and what a killed build left when it had
    // moved an out-of-date cache aside (no process has such a number).
    await writeFile(join(cache, 'files', 'unnamed.%2Fosv%2Fx.json'), '{}');
    await mkdir(join(cache, 'stale-999999999-files'));
    await writeFile(join(cache, 'stale-999999999-files', 'a.%2Fosv%2Fx.json'), '{}');
    expect(await buildBoth()).toContain('build cache: empty or out of date, so every page is rendered');
    // Written anew: the next build takes its 40 advisories from it.
    const written = readManifest(cache);
    if (!written) throw new Error('the build cache has no manifest');
    expect(written.advisories.size).toBe(40);
    // Nothing of the old cache is left: the folder holds this build's files and nothing else, and
    // the site laid out for the next build from this build's manifest (that of the last is gone).
    expect((await readdir(cache)).sort()).toEqual([
      expect.stringMatching(/^checks\.\w+\.json$/),
      'files',
      expect.stringMatching(/^front-matter\.\w+\.jsonl$/),
      layoutName(written.stamp),
      searchLayoutName(written.stamp),
      'manifest.tsv',
      'pagefind',
    ]);
    const named = new Set([
      ...[...written.advisories].flatMap(([id, { key }]) =>
        [`/advisories/${id}/index.html`, ...(written.advisory(id)?.outputs ?? []).map((f) => f.path)].map(
          (path) => fileName(key, path),
        ),
      ),
      ...[...written.pages].map(([url, page]) => fileName(page.key, pageFile(url))),
    ]);
    expect((await readdir(join(cache, 'files'))).filter((name) => !named.has(name))).toEqual([]);
  });

  test('an advisory added', async () => {
    // It joins the last shard of advisories; the shards before it come from the cache.
    await change((content) =>
      writeFile(
        advisory(content, 'LANTERN-2026-0002'),
        advisoryText('LANTERN-2026-0002', ['summary: ADDEDSUMMARY', 'published: 2026-11-25T00:00:00Z']),
      ),
    );
    const said = await buildBoth();
    expect(said).toContain('40 of 41 advisories unchanged, 1 to render');
    // Project-1's page counts it; the other projects' pages come from the cache.
    expect(said).toContain('3 of 4 project pages');
    // The site's feed and project-1's carry it; the other three projects' feeds come from the cache.
    expect(said).toContain('6 of 10 feed files unchanged');
    // Search indexes only its own page again: the 41st advisory starts a shard of its own (of 8),
    // and the project pages, whose lists of advisories search leaves out, keep theirs, one along.
    expect(said).toMatch(
      /in (\d+) shard\(s\) \(\d+ unchanged, from the build cache, \d+ of them laid out after the last build; 1 page indexed again\)/,
    );
    expect(await readFile(join(incremental, 'dist', 'advisories', 'feed.xml'), 'utf8')).toContain(
      'ADDEDSUMMARY',
    );
  });

  test('an advisory added among older ones', async () => {
    // Every newer page of its listings moves up by one advisory; the older pages stay.
    await change((content) =>
      writeFile(
        advisory(content, 'LANTERN-2018-0013'),
        advisoryText('LANTERN-2018-0013', ['summary: BACKFILLED', 'published: 2018-06-30T00:00:00Z']),
      ),
    );
    const said = await buildBoth();
    expect(said).toContain('41 of 42 advisories unchanged, 1 to render');
    expect(unchangedListingPages(said)).toBeGreaterThan(5);
    await change((content) => rm(advisory(content, 'LANTERN-2018-0013')));
    expect(await buildBoth()).toContain('41 of 41 advisories unchanged, 0 to render');
  });

  test('an advisory edited', async () => {
    await change((content) =>
      editFile(advisory(content, 'LANTERN-2017-0001'), (text) =>
        text.replace('lets an attacker bypass', 'EDITEDSUMMARY lets an attacker skip'),
      ),
    );
    const said = await buildBoth();
    expect(said).toContain('40 of 41 advisories unchanged, 1 to render');
    // Only the pages that list it change.
    expect(unchangedListingPages(said)).toBeGreaterThan(30);
  });

  test('an advisory withdrawn', async () => {
    await change((content) =>
      editFile(advisory(content, 'LANTERN-2018-0001'), (text) =>
        text.replace(
          'severity:',
          'withdrawn: 2026-11-26T00:00:00Z\nwithdrawnReason: Not a vulnerability after all.\nmodified: 2026-11-26T00:00:00Z\nseverity:',
        ),
      ),
    );
    expect(await buildBoth()).toContain('40 of 41 advisories unchanged, 1 to render');
  });

  test('an advisory deleted', async () => {
    await change((content) => rm(advisory(content, 'LANTERN-2019-0001')));
    expect(await buildBoth()).toContain('40 of 40 advisories unchanged, 0 to render');
    expect(await readFile(join(incremental, 'dist', 'sitemap-0.xml'), 'utf8')).not.toContain(
      'LANTERN-2019-0001',
    );
  });

  test('an advisory made a draft again disappears from every page, listing and index', async () => {
    await change(async (content, hidden) => {
      await rename(advisory(content, 'LANTERN-2026-0002'), advisory(hidden, 'LANTERN-2026-0002'));
      await editFile(advisory(hidden, 'LANTERN-2026-0002'), (text) =>
        text.replace('---\nid:', '---\ndraft: true\nid:'),
      );
    });
    expect(await buildBoth()).toContain('39 of 39 advisories unchanged, 0 to render');
    const hashes = await siteHashes(join(incremental, 'dist'));
    expect([...hashes.keys()].filter((path) => path.includes('LANTERN-2026-0002'))).toEqual([]);
    for (const file of ['advisories/feed.xml', 'osv/all.json', 'sitemap-0.xml', 'advisories/index.html'])
      expect(await readFile(join(incremental, 'dist', file), 'utf8')).not.toContain('ADDEDSUMMARY');
  });

  test('a project names another as related: its page and advisories are rendered again', async () => {
    await change((content) =>
      editFile(join(content, 'projects', 'project-1.md'), (text) =>
        text.replace('name: project-1\n', 'name: project-1\nrelated: [project-2]\n'),
      ),
    );
    const said = await buildBoth();
    expect(said).toContain('3 of 4 project pages');
    expect(
      await readFile(join(incremental, 'dist', 'projects', 'project-1', 'index.html'), 'utf8'),
    ).toContain('href="/projects/project-2/"');
  });

  test('a project edited: its advisories, its SECURITY.md and its feeds are rendered again, the others are not', async () => {
    await change((content) =>
      editFile(join(content, 'projects', 'project-2.md'), (text) =>
        text.replace('name: project-2', 'name: Project Two'),
      ),
    );
    const said = await buildBoth();
    // 10 of the 40 generated advisories name project-2 (one of them now withdrawn).
    expect(said).toContain('29 of 39 advisories unchanged, 10 to render');
    // Its feeds name it, and list its advisories; the other projects' feeds stay as they were.
    expect(said).toContain('3 of 4 SECURITY.md files and 6 of 10 feed files unchanged');
    // Its own page, and project-1's, which names it as related; the other two stay as they were.
    expect(said).toContain('2 of 4 project pages');
    expect(
      await readFile(join(incremental, 'dist', 'projects', 'project-1', 'index.html'), 'utf8'),
    ).toContain('Project Two');
    expect(
      await readFile(join(incremental, 'dist', 'projects', 'project-2', 'SECURITY.md'), 'utf8'),
    ).toContain('Security policy for Project Two');
  });

  test('the severities edited: every page is rendered again', async () => {
    await change((content) =>
      editFile(join(content, 'severities.yaml'), (text) => text.replace('label: High', 'label: Serious')),
    );
    expect(await buildBoth()).toContain('every page is rendered');
  });

  test('the policy edited', async () => {
    await change((content) =>
      editFile(join(content, 'policy', 'safe-harbor.md'), (text) =>
        text.replace('title: Safe harbor', 'title: Safe harbour'),
      ),
    );
    expect(await buildBoth()).toContain('every page is rendered');
    // Prose only, not a title the header shows: advisory pages stay as they were.
    await change((content) =>
      editFile(join(content, 'policy', 'safe-harbor.md'), (text) =>
        text.replace('We will not pursue', 'We shall not pursue'),
      ),
    );
    expect(await buildBoth()).toContain('39 of 39 advisories unchanged');
  });

  test('the clock passes an embargo: the advisory appears', async () => {
    now = AFTER_EMBARGO;
    expect(await buildBoth()).toContain('39 of 40 advisories unchanged, 1 to render');
    expect(await readFile(join(incremental, 'dist', 'osv', 'all.json'), 'utf8')).toContain(
      'LANTERN-2026-0001',
    );
    // Public now, it is kept like any other.
    expect(await filesMentioning(join(incremental, 'cache'), 'EMBARGOEDSUMMARY')).not.toEqual([]);
  });

  test('a build whose content fails its checks puts the site laid out after the last build back, for the build that fixes it', async () => {
    const cache = join(incremental, 'cache');
    const laid = layoutName(readManifest(cache)?.stamp ?? '');
    expect(existsSync(join(cache, laid))).toBe(true);
    // An advisory naming a project there is none of: the checks fail, once the worker has taken the layout.
    const wrong = advisory(join(incremental, 'content'), 'LANTERN-2026-0200');
    await writeFile(
      wrong,
      extraAdvisory('LANTERN-2026-0200', ['published: 2026-11-30T00:00:00Z'], 'A flaw.').replace(
        'project: project-1',
        'project: no-such-project',
      ),
    );
    const failed = await build(incremental);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('no-such-project');
    expect(readdirSync(cache).filter((entry) => /^layout-\w+$/.test(entry))).toEqual([laid]);
    await rm(wrong);
    // Taken by the next build (buildBoth says so, or fails).
    expect(await buildBoth()).toContain('40 of 40 advisories unchanged, 0 to render');
  });

  test('a site laid out after the last build and changed since is not used, and nothing is written through it', async () => {
    const cache = join(incremental, 'cache');
    const [layout] = readdirSync(cache).filter((entry) => /^layout-\w+$/.test(entry));
    if (!layout) throw new Error('nothing was laid out after the last build');
    // Its folder of OSV records made a link to a folder of the maintainer's: a build that wrote
    // the OSV index into the site laid out would write it there, and publish the link.
    const victim = join(scratch, 'victim');
    await mkdir(victim, { recursive: true });
    await writeFile(join(victim, 'notes.txt'), 'a file of the maintainer');
    await rename(join(cache, layout, 'osv'), join(scratch, 'osv-laid-out'));
    await symlink(victim, join(cache, layout, 'osv'));
    await change(async (content) => {
      await writeFile(
        advisory(content, 'LANTERN-2026-0100'),
        extraAdvisory('LANTERN-2026-0100', ['published: 2026-11-30T00:00:00Z'], 'A flaw, found late.'),
      );
    });
    const built = await build(incremental);
    expect(built.code, built.output).toBe(0);
    expect(await readdir(victim)).toEqual(['notes.txt']);
    expect(await build(full)).toMatchObject({ code: 0 });
    expect(await siteHashes(join(incremental, 'dist'))).toEqual(await siteHashes(join(full, 'dist')));
    expect(built.output).toContain(
      'the site laid out after the last build was not used: the site laid out for this build was changed: /osv in it is neither a file nor a folder',
    );
    // The build laid out the next one's site afresh, and that one is taken.
    await change(async (content) => rm(advisory(content, 'LANTERN-2026-0100')));
    expect(await buildBoth()).toContain('40 of 40 advisories unchanged, 0 to render');
  });

  test('a file removed from the cache by hand stops the build that needs it, and the next renders everything', async () => {
    const cache = join(incremental, 'cache');
    const [id, cached] = [...(readManifest(cache)?.advisories ?? [])][0] ?? [];
    const name = fileName(cached?.key ?? '', `/advisories/${id}/index.html`);
    await rm(join(cache, 'files', name));
    // The site laid out after the last build holds a link to the file: this build does not need
    // the cache's, and its site is whole. The next one has nothing laid out (the file is missing).
    expect(await buildBoth()).toContain('40 of 40 advisories unchanged, 0 to render');
    expect(readdirSync(cache).filter((entry) => entry.startsWith('layout-'))).toEqual([]);
    const site = await siteHashes(join(incremental, 'dist'));
    const stopped = await build(incremental);
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toContain(`the build cache has no file ${name}, which its manifest names`);
    expect(stopped.output).toContain('The next build renders everything.');
    expect(await siteHashes(join(incremental, 'dist'))).toEqual(site);
    expect(await buildBoth()).toContain('build cache: empty or out of date, so every page is rendered');
  });

  test("a record of the cache's manifest that names a file outside the site stops the build, and that file stays as it was", async () => {
    const cache = join(incremental, 'cache');
    const manifest = join(cache, 'manifest.tsv');
    const text = await readFile(manifest, 'utf8');
    // The first advisory's line keeps its key, so the build takes it from the cache; its OSV file
    // is said to be a file far above the site's folder, and the cache holds a file to put there.
    const line = /^advisory\t([^\t]+)\t([^\t]+)\t[^\t]+\t.*"path":"(\/osv\/[^"]+)"/m.exec(text);
    if (!line) throw new Error('the build cache has no advisory with an OSV file');
    const victim = join(scratch, 'victim.txt');
    await writeFile(victim, 'a file of the maintainer');
    const outside = `${'/..'.repeat(16)}${victim}`;
    await writeFile(join(cache, 'files', fileName(line[2] ?? '', outside)), 'planted');
    await writeFile(manifest, text.replace(line[0], line[0].replace(line[3] ?? '', outside)));
    const site = await siteHashes(join(incremental, 'dist'));
    const stopped = await build(incremental);
    expect(await readFile(victim, 'utf8')).toBe('a file of the maintainer');
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toContain(
      `the build cache's manifest has a record of ${line[1]} that does not read`,
    );
    expect(await siteHashes(join(incremental, 'dist'))).toEqual(site);
    expect(await buildBoth()).toContain('build cache: empty or out of date, so every page is rendered');
  });

  test("a record of the cache's manifest edited by hand stops the build that needs it, and the next renders everything", async () => {
    const manifest = join(incremental, 'cache', 'manifest.tsv');
    const text = await readFile(manifest, 'utf8');
    // The first advisory's line keeps its key, so the build takes it from the cache; its record is cut.
    const line = /^advisory\t([^\t]+)\t[^\t]+\t[^\t]+\t/m.exec(text);
    if (!line) throw new Error('the build cache has no advisory');
    await writeFile(manifest, text.replace(line[0], `${line[0]}]`));
    const site = await siteHashes(join(incremental, 'dist'));
    const stopped = await build(incremental);
    expect(stopped.code).not.toBe(0);
    expect(stopped.output).toContain(
      `the build cache's manifest has a record of ${line[1]} that does not read`,
    );
    expect(stopped.output).toContain('The next build renders everything.');
    expect(await siteHashes(join(incremental, 'dist'))).toEqual(site);
    expect(await buildBoth()).toContain('build cache: empty or out of date, so every page is rendered');
  });

  test('the Astro config edited: every page is rendered again, and again when it is put back', async () => {
    // The repository's config, with HTML left as written: a page the cache gave would still be compressed.
    const config = resolve('.disclose-test', `incremental-config-${process.pid}`, 'astro.config.mjs');
    await mkdir(dirname(config), { recursive: true });
    await writeFile(
      config,
      `import { defineConfig } from 'astro/config';\nimport disclose from '${resolve('src/integration/index.ts')}';\nexport default defineConfig({ compressHTML: false, integrations: [disclose()] });\n`,
    );
    try {
      astroArgs = ['--config', relative(process.cwd(), config)];
      expect(await buildBoth()).toContain('build cache: empty or out of date, so every page is rendered');
      expect(await buildBoth()).toContain('40 of 40 advisories unchanged, 0 to render');
      astroArgs = [];
      expect(await buildBoth()).toContain('build cache: empty or out of date, so every page is rendered');
    } finally {
      astroArgs = [];
      await rm(dirname(config), { recursive: true, force: true });
    }
  });
});
