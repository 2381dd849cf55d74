import AxeBuilder from '@axe-core/playwright';
import { siteUrl } from './sites.ts';
import { expect, test } from './test.ts';

// What readers found broken on the search and advisory pages, each checked as a reader meets it.

const demo = (path = '') => new URL(path, siteUrl('demo')).href;
const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

test.describe('search results', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`with a query typed, pass WCAG 2.2 AA in ${colorScheme} mode`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      await page.goto(demo('search/?q=signature'));
      await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
      const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    });
  }

  test('do not scroll sideways on a 390 px phone, however long a CVSS vector is', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(demo('search/?q=cvss'));
    await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
    const [scroll, client] = await page.evaluate(() => [
      document.documentElement.scrollWidth,
      document.documentElement.clientWidth,
    ]);
    expect(scroll).toBeLessThanOrEqual(client);
  });

  test('show excerpts in words, not fields run together', async ({ page }) => {
    await page.goto(demo('search/?q=signature'));
    const excerpt = page.locator('.pagefind-ui__result-excerpt').first();
    // Pagefind shows a placeholder until the excerpt has loaded: wait for the words.
    await expect(excerpt).toContainText('Also known as CVE-2026-31337', { timeout: 15_000 });
    const text = await excerpt.innerText();
    for (const runTogether of [
      'CVSS 3.19.8',
      'WeaknessCWE',
      'Published2026',
      'SeverityCritical',
      'PackageAffected',
    ])
      expect(text).not.toContain(runTogether);
  });
});

test.describe('searching for an id', () => {
  test('the site does not have says so plainly, above the pages that match its words', async ({ page }) => {
    await page.goto(demo('search/?q=CVE-2026-49001'));
    const notice = page.locator('#id-notice');
    await expect(notice).toContainText('No advisory on this site mentions CVE-2026-49001.');
    await expect(notice.locator('hr')).toHaveCount(1);
    await expect(notice).toContainText('Pages that match the words of your query');
  });

  test('with a prefix the site has never seen says so too, without a failing request', async ({ page }) => {
    await page.goto(demo('search/?q=PYSEC-2021-19'));
    await expect(page.locator('#id-notice')).toContainText(
      'No advisory on this site mentions PYSEC-2021-19.',
    );
  });

  test('the site has puts its advisory first, whatever the case', async ({ page }) => {
    await page.goto(demo('search/?q=ghsa-4f8p-mq2r-7x9c'));
    const link = page.locator('#id-notice').getByRole('link', { name: 'LANTERN-2026-0001' });
    await expect(link).toBeVisible();
    await expect(page.locator('#id-notice')).toContainText(
      'ghsa-4f8p-mq2r-7x9c is covered by LANTERN-2026-0001',
    );
    await link.click();
    await expect(page).toHaveURL(/\/advisories\/LANTERN-2026-0001\/$/);
  });

  test('words that are not an id show no notice', async ({ page }) => {
    await page.goto(demo('search/?q=signature'));
    await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
    await expect(page.locator('#id-notice')).toBeEmpty();
  });
});

test.describe('advisory page', () => {
  test('renders the fields documented as Markdown as Markdown', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const mitigation = page.getByRole('region', { name: 'Mitigation' });
    await expect(mitigation.locator('strong')).toHaveText('64 KiB');
    await expect(mitigation.locator('code')).toHaveText('client_max_body_size 64k;');
    await expect(mitigation).not.toContainText('**');
  });
});

test.describe('on a 390 px phone', () => {
  test.beforeEach(async ({ page }) => page.setViewportSize({ width: 390, height: 844 }));

  /** How many lines each element's text takes. */
  const lines = (selector: string) => (page: import('@playwright/test').Page) =>
    page.locator(selector).evaluateAll((elements) =>
      elements.map((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
      }),
    );

  test('CVE and GHSA ids do not break at a hyphen', async ({ page }) => {
    for (const width of [390, 320]) {
      await page.setViewportSize({ width, height: 844 });
      for (const path of ['advisories/', 'advisories/LANTERN-2026-0001/']) {
        await page.goto(demo(path));
        // Every CVE or GHSA id in the page's reading text, and how many lines it is spread over.
        const ids = await page.evaluate(() => {
          const found: [string, number][] = [];
          const walker = document.createTreeWalker(
            document.querySelector('main') ?? document.body,
            NodeFilter.SHOW_TEXT,
          );
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            // Preformatted text (the announcement to copy) and URLs shown as links wrap as they must.
            if (node.parentElement?.closest('pre') || /^\s*https?:\/\//.test(node.textContent ?? ''))
              continue;
            for (const match of (node.textContent ?? '').matchAll(/CVE-\d{4}-\d+|GHSA(?:-[a-z0-9]{4}){3}/g)) {
              const range = document.createRange();
              range.setStart(node, match.index);
              range.setEnd(node, match.index + match[0].length);
              const rows = new Set([...range.getClientRects()].map((rect) => Math.round(rect.top)));
              found.push([match[0], rows.size]);
            }
          }
          return found;
        });
        expect(ids.length, path).toBeGreaterThan(1);
        for (const [id, rows] of ids) expect(rows, `${id} on ${path} at ${width} px`).toBe(1);
      }
    }
  });

  test('affected ranges read one range a line, and the version table does not scroll sideways', async ({
    page,
  }) => {
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const counts = await lines('.stack-on-phone li')(page);
    expect(counts.length).toBeGreaterThan(1);
    for (const count of counts) expect(count).toBe(1);
    const wrap = page.locator('#affected ~ .table-wrap');
    const [scroll, client] = await wrap.evaluate((element) => [element.scrollWidth, element.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
  });

  test('the response steps read as cards, each date and time on one line', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const region = page.getByRole('region', { name: 'Response steps' });
    const [scroll, client] = await region.evaluate((element) => [element.scrollWidth, element.clientWidth]);
    expect(scroll).toBeLessThanOrEqual(client);
    const counts = await lines('.response-table time')(page);
    expect(counts.length).toBeGreaterThan(3);
    for (const count of counts) expect(count).toBe(1);
  });

  test('CVSS bands in the severity table stay on one line', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    const counts = await lines('td.nowrap')(page);
    expect(counts.length).toBeGreaterThan(1);
    for (const count of counts) expect(count).toBe(1);
  });
});

test('the response-figures table fits a 1280 px screen', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(demo('transparency/'));
  const wrap = page.getByRole('region', { name: /Response figures/ });
  const [scroll, client] = await wrap.evaluate((element) => [element.scrollWidth, element.clientWidth]);
  expect(scroll).toBeLessThanOrEqual(client);
});

test.describe('the CSAF folder listings', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`pass WCAG 2.2 AA in ${colorScheme} mode, with no request that fails`, async ({ page }) => {
      await page.emulateMedia({ colorScheme });
      const failed: string[] = [];
      page.on('response', (response) => {
        if (response.status() >= 400) failed.push(response.url());
      });
      for (const path of ['.well-known/csaf/white/index.html', '.well-known/csaf/white/2026/index.html']) {
        await page.goto(demo(path));
        await expect(page.getByRole('heading', { level: 1 })).toContainText('Index of');
        const results = await new AxeBuilder({ page }).withTags(WCAG_22_AA).analyze();
        expect(
          results.violations.map((v) => `${v.id}: ${v.nodes.length}`),
          path,
        ).toEqual([]);
      }
      expect(failed).toEqual([]);
    });
  }
});

test.describe('link previews', () => {
  test('every page has OpenGraph and Twitter card tags, a favicon and a theme colour', async ({ page }) => {
    await page.goto(demo());
    const meta = (selector: string) => page.locator(`head meta[${selector}]`).first().getAttribute('content');
    expect(await meta('property="og:title"')).toBe('Lanternfish Labs');
    expect(await meta('property="og:site_name"')).toBe('Lanternfish Labs security');
    expect(await meta('property="og:type"')).toBe('website');
    expect(await meta('name="twitter:card"')).toBe('summary');
    expect(await meta('name="theme-color"')).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await page.locator('head link[rel="icon"]').getAttribute('href')).toMatch(
      /^data:image\/svg\+xml,/,
    );
  });

  test('an advisory preview says its severity and score with its summary', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const meta = (selector: string) => page.locator(`head meta[${selector}]`).first().getAttribute('content');
    expect(await meta('property="og:type"')).toBe('article');
    expect(await meta('property="og:description"')).toBe(
      'Critical severity · CVSS 9.8 · Signature check skipped for manifests with a duplicated header',
    );
    expect(await meta('property="og:url"')).toBe(
      'https://security.lanternfish.example/advisories/LANTERN-2026-0001/',
    );
  });
});
