import AxeBuilder from '@axe-core/playwright';
import { SITES, siteUrl, type SiteName } from './sites.ts';
import { expect, test } from './test.ts';

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every page of a built site, from its sitemap, as URLs on the local server. */
async function pagesOf(
  site: SiteName,
  request: import('@playwright/test').APIRequestContext,
): Promise<string[]> {
  const base = siteUrl(site);
  const sitemap = await (await request.get(new URL('sitemap-0.xml', base).href)).text();
  const published = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]!);
  expect(published.length).toBeGreaterThan(2);
  const publishedBase = published.reduce((a, b) => (a.length <= b.length ? a : b));
  return published.map((url) => new URL(url.slice(publishedBase.length), base).href);
}

/** Each site's pages are checked in a few groups, so no one test runs long on a loaded machine. */
const GROUPS = 4;

for (const site of Object.keys(SITES) as SiteName[]) {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (let group = 0; group < GROUPS; group++) {
      test(`${site}: pages of group ${group + 1} of ${GROUPS} have no WCAG 2.2 AA violations in ${colorScheme} mode`, async ({
        page,
        request,
      }) => {
        const urls = (await pagesOf(site, request)).filter((_, i) => i % GROUPS === group);
        expect(urls.length).toBeGreaterThan(0);
        // The budget grows with the pages a group holds: axe takes seconds a page on a loaded
        // machine, and the demo site's groups hold more pages than the examples'.
        test.setTimeout(30_000 + urls.length * 10_000);
        await page.emulateMedia({ colorScheme });
        for (const url of urls) {
          await page.goto(url);
          const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
          const violations = results.violations.map(
            (v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
          );
          expect(violations, `${url} (${colorScheme})`).toEqual([]);
        }
      });
    }
  }
}

test('the 404 page is a real page with a way home', async ({ page, consoleErrors }) => {
  const response = await page.goto(new URL('no-such-page/', siteUrl('demo')).href);
  expect(response?.status()).toBe(404);
  // The browser logs the 404 status itself; that one is expected here.
  expect(consoleErrors.splice(0)).toEqual([
    'Failed to load resource: the server responded with a status of 404 (Not Found)',
  ]);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Page not found');
  await expect(page.getByRole('main').getByRole('link', { name: 'home page' })).toBeVisible();
});
