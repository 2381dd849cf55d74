import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { extraAdvisory, generateContent } from '../../scripts/generate-content.ts';
import { PAGE_SIZE, stablePages } from '../../src/lib/listing.ts';
import { buildSite } from '../support/build-site.ts';

const scratch = await mkdtemp(join(tmpdir(), 'disclose-listings-'));
const content = join(scratch, 'content');
const out = join(scratch, 'dist');
afterAll(() => rm(scratch, { recursive: true, force: true }));

const page = (path: string, site = out) => readFile(join(site, path, 'index.html'), 'utf8');
const items = (html: string) =>
  [...html.matchAll(/class="advisory-id" href="\/advisories\/([^/]+)\/"/g)].map((m) => m[1]);

async function build(into: string) {
  const { code, output } = await buildSite(content, into, { DISCLOSE_CACHE: 'off' });
  expect(output).not.toContain('[ERROR]');
  expect(code).toBe(0);
}

describe('listings at scale', () => {
  beforeAll(async () => {
    await generateContent(content, 120, 3);
    await build(out);
  });

  test('show the newest advisories first, and older ones on pages of a fixed size', async () => {
    const first = items(await page('advisories'));
    const oldest = items(await page('advisories/1'));
    // 120 advisories: the first page holds the newest 70, page 1 the oldest 50.
    expect(first).toHaveLength(120 - PAGE_SIZE);
    expect(oldest).toHaveLength(PAGE_SIZE);
    expect(first[0]).toBe('LANTERN-2025-0012');
    expect(oldest.at(-1)).toBe('LANTERN-2016-0001');
    expect(new Set([...first, ...oldest]).size).toBe(120);
    expect(await page('advisories')).toContain('href="/advisories/1/" rel="next"');
    expect(await page('advisories/1')).toContain('href="/advisories/" rel="prev"');
    expect(await page('advisories/1')).not.toContain('rel="next"');
    expect(await page('advisories/1')).toMatch(
      /<title>Security advisories, 2016-\d\d-\d\d to 20\d\d-\d\d-\d\d/,
    );
  });

  test('per project, severity and year pages hold only their own advisories', async () => {
    expect(items(await page('projects/project-0/advisories'))).toHaveLength(40);
    expect(items(await page('advisories/severity/critical'))).toHaveLength(30);
    expect(items(await page('advisories/year/2016'))).toHaveLength(12);
  });

  test('a project page lists only its latest advisories, not all of them', async () => {
    const html = await page('projects/project-1');
    expect(items(html)).toHaveLength(5);
    expect(html).toContain('All 40 advisories for project-1');
  });

  test('a new advisory leaves the older pages as they were, so links to them keep their advisories', async () => {
    await writeFile(
      join(content, 'advisories', 'LANTERN-2025-0013.md'),
      extraAdvisory('LANTERN-2025-0013', ['summary: One more', 'published: 2025-12-31T12:00:00Z'], 'More.'),
    );
    const again = join(scratch, 'again');
    await build(again);
    expect(items(await page('advisories', again))[0]).toBe('LANTERN-2025-0013');
    expect(items(await page('advisories', again))).toHaveLength(121 - PAGE_SIZE);
    for (const older of ['advisories/1', 'advisories/severity/critical', 'advisories/year/2016'])
      expect((await page(older, again)) === (await page(older)), `${older} changed`).toBe(true);
  });
});

describe('stable pages', () => {
  const numbers = (n: number) => Array.from({ length: n }, (_, i) => n - i);

  test('keep every page but the first full, and number them from the oldest', () => {
    expect(stablePages(numbers(0), '/a/', 10).map((p) => p.advisories.length)).toEqual([0]);
    expect(stablePages(numbers(19), '/a/', 10).map((p) => p.advisories.length)).toEqual([19]);
    const pages = stablePages(numbers(35), '/a/', 10);
    expect(pages.map((p) => [p.url, p.advisories.length, p.newer, p.older])).toEqual([
      ['/a/', 15, undefined, '/a/2/'],
      ['/a/2/', 10, '/a/', '/a/1/'],
      ['/a/1/', 10, '/a/2/', undefined],
    ]);
    expect(pages.at(-1)?.advisories).toEqual(numbers(10));
  });

  test('a page once full never changes as newer advisories arrive', () => {
    const before = stablePages(numbers(35), '/a/', 10);
    for (let n = 36; n <= 60; n++) {
      const after = stablePages(numbers(n), '/a/', 10);
      for (const old of before.slice(1))
        expect(after.find((p) => p.url === old.url)?.advisories).toEqual(old.advisories);
    }
  });
});
