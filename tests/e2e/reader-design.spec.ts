import { siteUrl } from './sites.ts';
import { expect, test } from './test.ts';

// The reader's site as designed: a phone reader learns from an advisory page alone whether they are
// affected and what to do; the header stays small; long pages have contents; nothing is said twice.

const demo = (path = '') => new URL(path, siteUrl('demo')).href;
const PHONE = { width: 390, height: 844 };

test.describe('an advisory page on a phone answers the first questions above the fold', () => {
  test('with a fix: severity and score, the package and its ecosystem, the patched versions, what to do', async ({
    page,
  }) => {
    await page.setViewportSize(PHONE);
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const glance = page.getByRole('region', { name: 'At a glance' });
    await expect(glance).toContainText('Critical');
    await expect(glance).toContainText('9.8 / 10 · CVSS 3.1');
    await expect(glance).toContainText('beacon-client (crates.io)');
    await expect(glance.locator('dl')).toContainText(
      'Affected>= 2.4.0, < 2.8.1; >= 3.0.0, < 3.2.1Patched2.8.1, 3.2.1',
    );
    await expect(glance).toContainText("cargo update --package 'beacon-client' --precise '3.2.1'");
    await expect(glance).toContainText('What to do: upgrade to a patched version.');
    const box = await glance.boundingBox();
    expect((box?.y ?? Infinity) + (box?.height ?? 0)).toBeLessThanOrEqual(PHONE.height);
  });

  test('without a fix: a prominent "No fix yet" and the mitigation', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await page.goto(demo('advisories/LANTERN-2025-0007/'));
    const glance = page.getByRole('region', { name: 'At a glance' });
    const noFix = glance.getByText('No fix yet', { exact: true });
    await expect(noFix).toBeInViewport();
    expect(await noFix.evaluate((element) => getComputedStyle(element).fontWeight)).toBe('700');
    await expect(glance).toContainText(
      'What to do: no patched version exists yet; apply the mitigation below',
    );
  });

  test('withdrawn: says there is nothing to do and offers no upgrade command', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2025-0003/'));
    const glance = page.getByRole('region', { name: 'At a glance' });
    await expect(glance).toContainText('What to do: nothing: this advisory was withdrawn.');
    await expect(glance.locator('code')).toHaveCount(0);
  });
});

test('the header keeps one shape on a phone, under a fifth of the screen, on every page type', async ({
  page,
}) => {
  await page.setViewportSize(PHONE);
  for (const path of ['', 'policy/security-policy/', 'advisories/', 'search/', 'transparency/']) {
    await page.goto(demo(path));
    const header = await page.locator('header.site-header').boundingBox();
    expect(header?.height ?? Infinity, path || 'home').toBeLessThanOrEqual(PHONE.height / 5);
    // Every navigation item stays reachable: the row scrolls rather than wraps or hides.
    const nav = page.getByRole('navigation', { name: 'Main' });
    const last = nav.getByRole('link').last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
  }
});

test('the search page has one search box', async ({ page }) => {
  await page.goto(demo('search/?q=beacon'));
  await expect(page.locator('.pagefind-ui__search-input')).toBeVisible({ timeout: 15_000 });
  await expect(page.locator('input[type="search"], input[type="text"]')).toHaveCount(1);
});

test('a long policy page has a table of contents whose links reach their sections', async ({ page }) => {
  await page.goto(demo('policy/security-policy/'));
  const contents = page.getByRole('navigation', { name: 'On this page' });
  const links = contents.getByRole('link');
  await expect(links.first()).toHaveText('Scope');
  expect(await links.count()).toBeGreaterThanOrEqual(8);
  for (const link of await links.all()) {
    const target = (await link.getAttribute('href')) ?? '';
    await expect(page.locator(target), target).toHaveCount(1);
  }
  await contents.getByRole('link', { name: 'Supported versions' }).click();
  await expect(page.getByRole('heading', { name: 'Supported versions', level: 2 })).toBeInViewport();
});

test('no heading is followed by a caption that repeats it', async ({ page, request }) => {
  const sitemap = await (await request.get(demo('sitemap-0.xml'))).text();
  const origin = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]!);
  const site = origin.reduce((a, b) => (a.length <= b.length ? a : b));
  const repeated: string[] = [];
  for (const url of origin) {
    await page.goto(demo(url.slice(site.length)));
    repeated.push(
      ...(await page.evaluate(() => {
        const found: string[] = [];
        const visible = (element: Element) => {
          const box = element.getBoundingClientRect();
          return box.width > 1 && box.height > 1;
        };
        for (const caption of document.querySelectorAll('caption, figcaption')) {
          if (!visible(caption)) continue;
          const headings = [...document.querySelectorAll('h1, h2, h3, h4')].filter(
            (h) => h.compareDocumentPosition(caption) & Node.DOCUMENT_POSITION_FOLLOWING,
          );
          const heading = headings.at(-1)?.textContent?.trim().toLowerCase() ?? '';
          // What a sighted reader sees: words kept for screen readers only do not count.
          const shown = caption.cloneNode(true) as Element;
          shown.querySelectorAll('.visually-hidden').forEach((hidden) => hidden.remove());
          const text = shown.textContent?.trim().toLowerCase() ?? '';
          if (heading && text.startsWith(heading))
            found.push(`${location.pathname}: "${text}" after "${heading}"`);
        }
        return found;
      })),
    );
  }
  expect(repeated).toEqual([]);
});
