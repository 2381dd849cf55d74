import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { SITEMAP_LIMIT, writeSitemap } from '../../src/integration/sitemap.ts';

// Disclose writes the sitemap itself (@astrojs/sitemap took half a second of every large build).
// The demo's and the examples' sitemaps are checked in the browser tests; these are the cases
// their sites are too small or too plain for.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-sitemap-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((match) => match[1]);

describe('the sitemap', () => {
  test('lists rendered and cached pages once each, in order, without status pages, under the base path', async () => {
    const dir = await mkdtemp(join(scratch, 'base-'));
    const written = writeSitemap(
      dir,
      'https://example.github.io',
      '/security',
      [{ pathname: '' }, { pathname: 'advisories/10/' }, { pathname: '404/' }, { pathname: 'advisories/9/' }],
      [
        'https://example.github.io/security/advisories/9/',
        'https://example.github.io/security/advisories/100/',
      ],
    );
    expect(written).toEqual(['sitemap-0.xml', 'sitemap-index.xml']);
    expect(locs(await readFile(join(dir, 'sitemap-0.xml'), 'utf8'))).toEqual([
      'https://example.github.io/security/',
      'https://example.github.io/security/advisories/9/',
      'https://example.github.io/security/advisories/10/',
      'https://example.github.io/security/advisories/100/',
    ]);
    expect(await readFile(join(dir, 'sitemap-index.xml'), 'utf8')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>https://example.github.io/security/sitemap-0.xml</loc></sitemap></sitemapindex>',
    );
  });

  test('a URL with characters XML reserves is escaped', async () => {
    const dir = await mkdtemp(join(scratch, 'escape-'));
    writeSitemap(dir, 'https://example.org', '/', [{ pathname: 'advisories/a&b/' }], []);
    const xml = await readFile(join(dir, 'sitemap-0.xml'), 'utf8');
    expect(locs(xml)).toEqual(['https://example.org/advisories/a&amp;b/']);
  });

  test(`a site of more than ${SITEMAP_LIMIT} pages is split into files the index names`, async () => {
    const dir = await mkdtemp(join(scratch, 'split-'));
    const pages = Array.from({ length: SITEMAP_LIMIT + 5 }, (_, n) => ({ pathname: `advisories/${n + 1}/` }));
    expect(writeSitemap(dir, 'https://example.org', '/', pages, [])).toEqual([
      'sitemap-0.xml',
      'sitemap-1.xml',
      'sitemap-index.xml',
    ]);
    const first = locs(await readFile(join(dir, 'sitemap-0.xml'), 'utf8'));
    const second = locs(await readFile(join(dir, 'sitemap-1.xml'), 'utf8'));
    expect([first.length, second.length]).toEqual([SITEMAP_LIMIT, 5]);
    expect(second.at(-1)).toBe(`https://example.org/advisories/${SITEMAP_LIMIT + 5}/`);
    expect(locs(await readFile(join(dir, 'sitemap-index.xml'), 'utf8'))).toEqual([
      'https://example.org/sitemap-0.xml',
      'https://example.org/sitemap-1.xml',
    ]);
  });
});
