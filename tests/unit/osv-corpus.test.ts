import { createHash } from 'node:crypto';
import { cp, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FrontMatterCache } from '../../src/lib/content/front-matter-cache.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { newestRelease } from '../../src/lib/outputs/csaf.ts';
import { feedEntries, feedSpecs } from '../../src/lib/outputs/feeds.ts';
import { idIndex } from '../../src/lib/outputs/id-index.ts';
import {
  outlineOf,
  outlineRecord,
  readOutline,
  type AdvisoryOutline,
} from '../../src/lib/outputs/outline.ts';
import { outputContext } from '../../src/lib/outputs/write-outputs.ts';
import { searchPage } from '../../src/integration/search-index.ts';
import { buildSite, siteHashes } from '../support/build-site.ts';
import { pagefindFragments } from '../support/pagefind-fragments.ts';
import { disclose } from '../support/cli.ts';
import { osvDifferences } from '../support/osv-compare.ts';

// About a thousand real, unmodified OSV records (Go, PyPA, RustSec; tests/fixtures/osv-corpus):
// each imports with no hand edit into content that passes the checker, importing again changes
// nothing, and each record the site publishes equals its source but for the differences the
// README lists.

const CORPUS = 'tests/fixtures/osv-corpus';
const scratch = await mkdtemp(join(tmpdir(), 'disclose-osv-corpus-'));
const content = join(scratch, 'content');
const out = join(scratch, 'out');
// The build cache of the builds of `content`, so a later build can be incremental.
const cache = join(scratch, 'cache');
const NOW = '2026-11-23T00:00:00Z';
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function corpus(): Promise<Record<string, unknown>[]> {
  const records: Record<string, unknown>[] = [];
  for (const file of (await readdir(CORPUS, { recursive: true })).sort())
    if (file.endsWith('.json'))
      records.push(JSON.parse(await readFile(join(CORPUS, file), 'utf8')) as Record<string, unknown>);
  return records;
}

/** The corpus imported again into `content`, as a maintainer refreshes it: new records in, the rest left. */
const importAgain = () =>
  disclose('import', 'osv', CORPUS, '--create-projects', '--publish', '--update', '--content', content);

async function fingerprint(dir: string): Promise<string> {
  const hash = createHash('sha256');
  for (const file of (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort())
    hash.update(file).update(await readFile(file));
  return hash.digest('hex');
}

describe('the real OSV corpus', () => {
  let records: Record<string, unknown>[];
  let firstImport: Awaited<ReturnType<typeof disclose>>;
  beforeAll(async () => {
    records = await corpus();
    await cp('tests/fixtures/minimal', content, { recursive: true });
    firstImport = await disclose(
      'import',
      'osv',
      CORPUS,
      '--create-projects',
      '--publish',
      '--content',
      content,
    );
  }, 120_000);

  test('imports every record with no hand edit, into content the checker passes', async () => {
    expect(records.length).toBeGreaterThan(1000);
    expect(firstImport.err).toContain(`imported ${records.length} advisories; created `);
    expect(firstImport.code).toBe(0);
    const { problems, content: loaded } = await loadContent(content);
    expect(problems).toEqual([]);
    expect(loaded?.advisories).toHaveLength(records.length);
  });

  test('its advisories check the same from the build cache’s checked front matter as from the YAML', async () => {
    const dir = await mkdtemp(join(scratch, 'front-matter-'));
    const plain = await loadContent(content);
    for (let build = 0; build < 2; build++) {
      const checked = new FrontMatterCache(dir, 'a'.repeat(64));
      const result = await loadContent(content, { checked });
      // As a build does once the checks pass.
      for (const advisory of result.content?.advisories ?? [])
        if (advisory.source.checked === undefined)
          checked.set(advisory.source.checkedAs ?? '', advisory.data);
      checked.save(new Set(result.content?.advisories.map((a) => a.source.checkedAs ?? '')), result.checks);
      expect(result.problems).toEqual([]);
      expect(result.content?.advisories.map((a) => a.source.checked !== undefined)).toEqual(
        plain.content?.advisories.map(() => build === 1),
      );
      // Dates, key order and absent fields alike.
      expect(result.content?.advisories.map((a) => a.data)).toStrictEqual(
        plain.content?.advisories.map((a) => a.data),
      );
      expect(JSON.stringify(result.content?.advisories.map((a) => a.data))).toBe(
        JSON.stringify(plain.content?.advisories.map((a) => a.data)),
      );
    }
  });

  test('the checks its advisories passed are not run again, until a project one of them names gets a second package', async () => {
    const dir = await mkdtemp(join(scratch, 'checks-'));
    const copy = join(dir, 'content');
    await cp(content, copy, { recursive: true });
    const first = new FrontMatterCache(dir, 'a'.repeat(64));
    const built = await loadContent(copy, { checked: first });
    if (!built.content || !built.checks) throw new Error('the imported corpus did not check');
    for (const advisory of built.content.advisories)
      first.set(advisory.source.checkedAs ?? '', advisory.data);
    first.save(new Set(built.content.advisories.map((a) => a.source.checkedAs ?? '')), built.checks);
    // Every imported record passed, so the next build checks none of them against the projects again.
    const passed = new FrontMatterCache(dir, 'a'.repeat(64)).passedChecks(
      built.checks.context,
      new Date(built.checks.at),
    );
    expect(passed?.size).toBe(records.length);
    // A second package in the project a record names without saying which package: that record
    // is checked again, and must now say which.
    const named = built.content.advisories.find((a) => a.data.affected.some((entry) => !entry.package));
    const affected = named?.data.affected.find((entry) => !entry.package);
    if (!named || !affected) throw new Error('no imported record names a project alone');
    const projectFile = join(copy, 'projects', `${affected.project}.md`);
    const text = await readFile(projectFile, 'utf8');
    expect(text).toContain('packages:\n');
    await writeFile(
      projectFile,
      text.replace('packages:\n', `packages:\n  - ecosystem: PyPI\n    name: ${affected.project}-extras\n`),
    );
    const plain = await loadContent(copy);
    const again = await loadContent(copy, { checked: new FrontMatterCache(dir, 'a'.repeat(64)) });
    expect(again.problems).toEqual(plain.problems);
    expect(again.problems.map((p) => `${p.file.split('/').at(-1) ?? ''} ${p.field}`)).toContain(
      `${named.data.id}.md affected[${named.data.affected.indexOf(affected)}].package`,
    );
  });

  test('its advisories’ outlines read back from the build cache’s manifest as they were, and list the same', async () => {
    const loaded = (await loadContent(content)).content?.advisories.map((a) => a.data) ?? [];
    expect(loaded).toHaveLength(records.length);
    // As the cache keeps each (see CachedAdvisory) and the outputs worker reads it back.
    const outlines = loaded.map((data) => readOutline(JSON.parse(JSON.stringify(outlineRecord(data)))));
    expect(outlines).toStrictEqual(loaded.map(outlineOf));
    // Withdrawn records, aliases, records without a summary and packages named or not are all there.
    expect(outlines.some((o) => o?.withdrawn)).toBe(true);
    expect(outlines.some((o) => o?.summary === undefined)).toBe(true);
    expect(outlines.some((o) => (o?.aliases.length ?? 0) > 1)).toBe(true);
    // What the outputs list of every advisory is the same from the outlines as from the data.
    const listed = outlines.flatMap((o) => (o ? [o] : []));
    const osvIdOf = (id: string) => `OSV-${id}`;
    expect(idIndex(listed, osvIdOf)).toEqual(idIndex(loaded, osvIdOf));
    expect(newestRelease(listed)).toEqual(newestRelease(loaded));
    const { content: set } = await loadContent(content);
    if (!set) throw new Error('the corpus did not load');
    const feeds = (list: readonly AdvisoryOutline[]) =>
      feedSpecs(outputContext(set), list).map((spec) => ({
        ...spec,
        advisories: feedEntries(spec.advisories).map((a) => a.id),
      }));
    expect(feeds(listed)).toEqual(feeds(loaded));
    // A record edited by hand does not read.
    expect(readOutline({ ...outlineRecord(loaded[0]!), published: '2026-01-01' })).toBeUndefined();
    expect(readOutline({ ...outlineRecord(loaded[0]!), affected: [{ package: 'x' }] })).toBeUndefined();
  });

  test('importing again, with --update, changes nothing', async () => {
    const before = await fingerprint(content);
    const again = await importAgain();
    expect(again.err).toContain(`imported 0 advisories; left ${records.length} unchanged.`);
    expect(again.code).toBe(0);
    expect(await fingerprint(content)).toBe(before);
  });

  test('builds, and every exported record validates and equals its source but for the listed differences', async () => {
    // It lays out its site for the next build before it ends (see the incremental build below).
    const built = await buildSite(content, out, {
      DISCLOSE_NOW: NOW,
      DISCLOSE_CACHE: cache,
      DISCLOSE_LAYOUT: 'wait',
    });
    expect(built.output).not.toContain('[ERROR]');
    expect(built.code).toBe(0);
    // The build stored every record's checked front matter (over a thousand, by the outputs
    // worker): the next check takes each from the build cache.
    expect(await checkedFromCache()).toBe(records.length);
    const ids = new Map<string, string>();
    for (const file of await readdir(join(content, 'advisories'), { recursive: true })) {
      if (!file.endsWith('.md')) continue;
      const text = await readFile(join(content, 'advisories', file), 'utf8');
      ids.set(/^ {2}from: (\S+)$/m.exec(text)?.[1] ?? '', /^id: (\S+)$/m.exec(text)?.[1] ?? '');
    }
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    const validate = ajv.compile(
      JSON.parse(await readFile('tests/schemas/osv-schema.json', 'utf8')) as object,
    );
    const differences: string[] = [];
    const invalid: string[] = [];
    for (const source of records) {
      const id = ids.get(String(source['id']));
      const exported = JSON.parse(await readFile(join(out, 'osv', `x_${id}.json`), 'utf8')) as Record<
        string,
        unknown
      >;
      if (!validate(exported)) invalid.push(`${String(source['id'])}: ${ajv.errorsText(validate.errors)}`);
      differences.push(...osvDifferences(source, exported).map((line) => `${String(source['id'])}: ${line}`));
    }
    expect(invalid).toEqual([]);
    expect(differences).toEqual([]);
    // Go's repository stores the zero time for dates its feed fills in; the page says so in words.
    const page = await readFile(join(out, 'advisories', ids.get('GO-2020-0006') ?? '', 'index.html'), 'utf8');
    expect(page).toMatch(
      /<dt>Modified<\/dt>\s*<dd><time datetime="0001-01-01T00:00:00\.000Z">Not recorded<\/time>/,
    );
  }, 300_000);

  test('every CSAF document of the imported records passes the strict schema and every mandatory test', async () => {
    // Runs after the build above; withdrawn records modified after their withdrawal are among them.
    const tests = [csaf_2_0_strict, ...Object.values(mandatoryTests)];
    const documents = (await readdir(join(out, '.well-known', 'csaf', 'white'), { recursive: true }))
      .filter((file) => file.endsWith('.json'))
      .sort();
    expect(documents.length).toBe(records.length);
    const failed: string[] = [];
    for (const file of documents) {
      const document = JSON.parse(
        await readFile(join(out, '.well-known', 'csaf', 'white', file), 'utf8'),
      ) as object;
      const result = await validateStrict(tests, document);
      for (const t of result.tests.filter((t) => !t.isValid))
        failed.push(`${file}: ${t.name}: ${JSON.stringify(t.errors).slice(0, 300)}`);
    }
    expect(failed).toEqual([]);
  }, 600_000);

  test('search is handed each page of them so that Pagefind indexes it as it would the whole page', async () => {
    // Runs after the build above. Search is handed the page without what Pagefind ignores (see
    // searchPage): imported Markdown, with its own HTML, must not change what Pagefind finds.
    const pages: { url: string; html: string }[] = [];
    for (const file of await readdir(out, { recursive: true })) {
      if (!file.endsWith('index.html') || file.startsWith('pagefind')) continue;
      const html = await readFile(join(out, file), 'utf8');
      if (html.includes('data-pagefind-body'))
        pages.push({ url: `/${file.slice(0, -'index.html'.length)}`, html });
    }
    expect(pages.length).toBeGreaterThan(records.length);
    const whole = await pagefindFragments(pages);
    const handed = await pagefindFragments(
      pages.map((page) => ({ ...page, html: searchPage(page.html) ?? '' })),
    );
    expect(whole.size).toBe(pages.length);
    const different = [...whole]
      .filter(([url, fragment]) => handed.get(url) !== fragment)
      .map(([url]) => url);
    expect(different).toEqual([]);
  }, 300_000);

  /** How many of the content's advisories the build cache gives checked front matter for. */
  async function checkedFromCache(): Promise<number> {
    const [file = ''] = (await readdir(cache)).filter((name) => /^front-matter\.\w+\.jsonl$/.test(name));
    const checked = new FrontMatterCache(cache, file.split('.')[1] ?? '');
    const loaded = await loadContent(content, { checked });
    return loaded.content?.advisories.filter((a) => a.source.checked !== undefined).length ?? 0;
  }

  /** Builds `content` with the cache, and a copy of it from scratch; returns what the first said once both sites are equal. */
  async function buildBothWays(): Promise<string> {
    const incremental = await buildSite(content, out, {
      DISCLOSE_NOW: NOW,
      DISCLOSE_CACHE: cache,
      DISCLOSE_LAYOUT: 'wait',
    });
    expect(incremental.code, incremental.output).toBe(0);
    // Into the site laid out after the build before it, with its search shards.
    expect(incremental.output).toContain('into the site laid out after the last build');
    expect(incremental.output).toMatch(/from the build cache, \d+ of them laid out after the last build/);
    const copy = join(scratch, 'from-scratch');
    await rm(copy, { recursive: true, force: true });
    await cp(content, join(copy, 'content'), { recursive: true });
    const full = await buildSite(join(copy, 'content'), join(copy, 'out'), {
      DISCLOSE_NOW: NOW,
      DISCLOSE_CACHE: 'off',
    });
    expect(full.code, full.output).toBe(0);
    expect([...(await siteHashes(out))]).toEqual([...(await siteHashes(join(copy, 'out')))]);
    return incremental.output;
  }

  test('an incremental build equals a build from scratch, byte for byte, when a record goes and is imported again', async () => {
    // Runs after the build above, whose cache it takes. The record modified last: it is in the
    // site's feed and its project's, and on the first page of each listing it joins.
    const files = (await readdir(join(content, 'advisories'), { recursive: true })).filter((f) =>
      f.endsWith('.md'),
    );
    let file = '';
    for (const name of files)
      if ((await readFile(join(content, 'advisories', name), 'utf8')).includes('from: RUSTSEC-2026-0266\n'))
        file = join(content, 'advisories', name);
    expect(file).not.toBe('');
    await rename(file, join(scratch, 'held.md'));
    expect(await buildBothWays()).toContain(
      `build cache: ${records.length - 1} of ${records.length - 1} advisories unchanged, 0 to render`,
    );
    const again = await importAgain();
    expect(again.code, again.err).toBe(0);
    // Back as a new advisory, under the next free id.
    expect(again.err).toContain(`imported 1 advisory; left ${records.length - 1} unchanged.`);
    expect(await buildBothWays()).toContain(
      `build cache: ${records.length - 1} of ${records.length} advisories unchanged, 1 to render`,
    );
    // The new advisory's front matter, checked afresh, was stored at the end of the build.
    expect(await checkedFromCache()).toBe(records.length);
  }, 600_000);
});
