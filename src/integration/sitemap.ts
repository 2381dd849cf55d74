import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** URLs per sitemap file, as @astrojs/sitemap writes them (the protocol allows 50,000). */
export const SITEMAP_LIMIT = 45_000;

const URLSET =
  '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1" xmlns:video="http://www.google.com/schemas/sitemap-video/1.1">';
const XML = '<?xml version="1.0" encoding="UTF-8"?>';

/** The URL a page has in the sitemap, from its path on the site (`/advisories/7/`), under the site's URL and base path. */
export function sitemapUrl(site: string, path: string): string {
  const base = new URL(site);
  const folder = base.pathname.endsWith('/') ? base.pathname : `${base.pathname}/`;
  return new URL(`${folder}${path.slice(1)}`, base).href;
}

/** Status pages (404, 500) are no page to list. */
const STATUS_PAGE = /^\/?(?:404|500)\/?$/;

const byNumber = new Intl.Collator('en', { numeric: true });

/** Text as XML character data: what a URL's href can hold that XML cannot, escaped. */
const xmlText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/**
 * Writes the site's sitemap into `dir`: `sitemap-index.xml`, naming `sitemap-0.xml` and as many
 * more as 45,000 URLs a file need, sorted, in the format @astrojs/sitemap writes with its default
 * options (which Disclose added until it wrote its own: it took about half a second of every build
 * at 20,000 advisories, this a few hundredths). `pages` are the paths of the pages Astro rendered,
 * as its `astro:build:done` hook gives them (`advisories/7/`), `cached` the URLs of the pages the
 * build cache gave. A site that adds @astrojs/sitemap itself gets that one instead.
 * Returns the names of the files written.
 */
export function writeSitemap(
  dir: string,
  site: string,
  base: string,
  pages: readonly { pathname: string }[],
  cached: readonly string[],
): string[] {
  const root = new URL(base, site).href;
  const urls = [
    ...new Set([
      ...pages
        .filter((page) => !STATUS_PAGE.test(page.pathname))
        .map((page) => sitemapUrl(root, `/${page.pathname.replace(/^\//, '')}`)),
      ...cached,
    ]),
  ].sort(byNumber.compare);
  if (urls.length === 0) return [];
  const files: string[] = [];
  const index: string[] = [];
  for (let n = 0; n * SITEMAP_LIMIT < urls.length; n++) {
    const name = `sitemap-${n}.xml`;
    const entries = urls
      .slice(n * SITEMAP_LIMIT, (n + 1) * SITEMAP_LIMIT)
      .map((url) => `<url><loc>${xmlText(url)}</loc></url>`);
    writeFileSync(join(dir, name), `${XML}${URLSET}${entries.join('')}</urlset>`);
    files.push(name);
    index.push(`<sitemap><loc>${xmlText(sitemapUrl(root, `/${name}`))}</loc></sitemap>`);
  }
  writeFileSync(
    join(dir, 'sitemap-index.xml'),
    `${XML}<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${index.join('')}</sitemapindex>`,
  );
  return [...files, 'sitemap-index.xml'];
}
