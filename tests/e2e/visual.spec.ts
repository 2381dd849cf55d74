import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { siteUrl } from './sites.ts';
import { expect, test } from './test.ts';

// Every kind of page a reader meets, at a desktop's and a phone's width, light and dark: compared
// with the screenshots committed under tests/e2e/__screenshots__ (regenerate them with
// `npm run test:screenshots`), checked with axe, and never wider than the screen.

const demo = (path = '') => new URL(path, siteUrl('demo')).href;
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface State {
  name: string;
  path: string;
  /** Waits until the page is as a reader sees it. */
  ready?: (page: Page) => Promise<void>;
  /** A page that answers 404 on purpose. */
  notFound?: boolean;
}

/**
 * Pagefind lists results as grey placeholders first and fills each once its page's data arrives;
 * a busy machine is slow to fill them. Waits for the list, then for every placeholder to be filled,
 * then for every filter the demo has: each index shard's filters arrive on their own, so the panel
 * can show some before the others.
 */
const resultsLoaded = async (page: Page) => {
  await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('.pagefind-ui__loading')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.locator('.pagefind-ui__filter-panel .pagefind-ui__filter-name')).toHaveText(
    ['Project', 'Severity', 'Status', 'Year'],
    { timeout: 15_000 },
  );
};

const searchResults = async (page: Page) => {
  await resultsLoaded(page);
  await expect(page.locator('.pagefind-ui__result-excerpt').first()).not.toBeEmpty();
};

const STATES: State[] = [
  { name: 'home', path: '' },
  { name: 'policy', path: 'policy/security-policy/' },
  { name: 'project', path: 'projects/beacon/' },
  { name: 'listing', path: 'advisories/' },
  { name: 'advisory-fixed', path: 'advisories/LANTERN-2026-0001/' },
  { name: 'advisory-no-fix', path: 'advisories/LANTERN-2025-0007/' },
  { name: 'advisory-withdrawn', path: 'advisories/LANTERN-2025-0003/' },
  { name: 'search-results', path: 'search/?q=signature', ready: searchResults },
  {
    name: 'search-none',
    path: 'search/?q=CVE-2026-49001',
    ready: async (page) => {
      await expect(page.locator('#id-notice')).toContainText('No advisory on this site mentions');
      await expect(page.locator('.pagefind-ui__message')).toBeVisible({ timeout: 15_000 });
      await resultsLoaded(page);
    },
  },
  { name: 'response-times', path: 'transparency/' },
  { name: 'not-found', path: 'no-such-page/', notFound: true },
];

const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 900 },
  { name: 'phone', width: 390, height: 844 },
] as const;

for (const state of STATES) {
  for (const viewport of VIEWPORTS) {
    for (const colorScheme of ['light', 'dark'] as const) {
      test(`${state.name} at ${viewport.width} px, ${colorScheme}: looks as committed, passes WCAG 2.2 AA and never scrolls sideways`, async ({
        page,
        consoleErrors,
      }) => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.emulateMedia({ colorScheme, reducedMotion: 'reduce' });
        const response = await page.goto(demo(state.path));
        expect(response?.status()).toBe(state.notFound ? 404 : 200);
        if (state.notFound) consoleErrors.splice(0); // the browser logs the 404 it was asked for
        await state.ready?.(page);

        const [scroll, client] = await page.evaluate(() => [
          document.documentElement.scrollWidth,
          document.documentElement.clientWidth,
        ]);
        expect(scroll, 'the page is no wider than the screen').toBeLessThanOrEqual(client);

        const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
        ).toEqual([]);

        await expect(page).toHaveScreenshot(`${state.name}-${viewport.name}-${colorScheme}.png`, {
          fullPage: true,
        });
      });
    }
  }
}
