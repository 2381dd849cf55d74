import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import type { Page } from '@playwright/test';
import { HOSTILE } from './sites.ts';
import { expect, test } from './test.ts';

// Every page built from content with script in every field and body (tests/support/hostile-content.ts)
// is opened in a real browser. No dialog may open, no request may leave the site's origin, and no
// element may carry an inline event handler or a javascript: URL.

function site(): { url: string; out: string } {
  const url = process.env[HOSTILE.env];
  const out = process.env[HOSTILE.outEnv];
  if (!url || !out) throw new Error(`${HOSTILE.env} is not set; run the tests through "playwright test".`);
  return { url, out };
}

/** Every HTML file the build wrote, as site paths. */
function pages(out: string): string[] {
  return readdirSync(out, { recursive: true, withFileTypes: true })
    .filter((d) => d.isFile() && d.name.endsWith('.html'))
    .map((d) => relative(out, join(d.parentPath, d.name)).split(sep).join('/'))
    .map((path) => path.replace(/index\.html$/, ''))
    .sort();
}

/** Fails the test on a dialog or a request to another origin; returns what it saw. */
function watch(page: Page, origin: string): { dialogs: string[]; offsite: string[]; missing: string[] } {
  const seen = { dialogs: [] as string[], offsite: [] as string[], missing: [] as string[] };
  page.on('response', (response) => {
    if (response.status() === 404 && !response.url().endsWith('/404.html')) seen.missing.push(response.url());
  });
  page.on('dialog', (dialog) => {
    seen.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.protocol !== 'data:' && url.protocol !== 'blob:' && url.origin !== origin)
      seen.offsite.push(request.url());
  });
  return seen;
}

/** Elements with an inline handler, a script URL, a frame, or script the site did not ship. */
async function scriptInDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    for (const element of document.querySelectorAll('*')) {
      for (const attribute of element.attributes) {
        if (/^on/i.test(attribute.name))
          found.push(`${element.tagName} ${attribute.name}="${attribute.value}"`);
        const own =
          // The site's own icon (an image, never script), and the search form Pagefind's UI draws: neither comes from content.
          (element.tagName === 'LINK' &&
            element.getAttribute('rel') === 'icon' &&
            /^data:(?:,|image\/)/.test(attribute.value)) ||
          (element.classList.contains('pagefind-ui__form') && attribute.value === 'javascript:void(0);');
        if (
          !own &&
          /^\s*(?:javascript|data|vbscript):/i.test(attribute.value) &&
          /href|src|action|formaction|xlink:href/i.test(attribute.name)
        )
          found.push(`${element.tagName} ${attribute.name}="${attribute.value}"`);
      }
      if (['IFRAME', 'FRAME', 'OBJECT', 'EMBED'].includes(element.tagName))
        found.push(element.outerHTML.slice(0, 120));
      if (element.tagName === 'SCRIPT' && /alert\(/.test(element.textContent))
        found.push(element.outerHTML.slice(0, 120));
    }
    return found;
  });
}

test.describe('content with script in every field', () => {
  test('the hostile content set builds into a full site, its payloads visible as text', async ({ page }) => {
    const { url } = site();
    await page.goto(new URL('advisories/', url).href);
    await expect(page.getByRole('main')).toContainText(`onerror=alert('field')`);
  });

  test('no page runs any of it: no dialog, no request off the site, no inline handler', async ({
    page,
    browser,
  }) => {
    test.setTimeout(120_000);
    const { url, out } = site();
    const origin = new URL(url).origin;
    const seen = watch(page, origin);
    const paths = pages(out);
    expect(paths.length).toBeGreaterThan(20);
    for (const path of paths) {
      // The not-found page answers 404, which the browser reports; it gets a page of its own.
      const tab = path === '404.html' ? await browser.newPage() : page;
      const own = tab === page ? seen : watch(tab, origin);
      await tab.goto(new URL(path, url).href);
      expect(await scriptInDom(tab), path).toEqual([]);
      if (tab !== page) {
        expect([...own.dialogs, ...own.offsite], path).toEqual([]);
        await tab.close();
      }
    }
    expect(seen.dialogs).toEqual([]);
    expect(seen.offsite).toEqual([]);
    expect(seen.missing).toEqual([]);
  });

  test('every page carries a Content-Security-Policy that refuses inline script', async ({ browser }) => {
    const { url } = site();
    // A page of its own: the browser's report of the refused script is expected here.
    const page = await browser.newPage();
    await page.goto(new URL('advisories/', url).href);
    const policy = await page.locator('meta[http-equiv="content-security-policy"]').getAttribute('content');
    expect(policy).toMatch(/script-src 'self'/);
    expect(policy).not.toContain("'unsafe-inline' ");
    expect(policy).toMatch(/object-src 'none'/);
    // A script injected past every other defence is still refused by the browser.
    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const script = document.createElement('script');
      script.textContent = 'window.injected = true';
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 50));
      return w.injected === true;
    });
    expect(ran).toBe(false);
    await page.close();
  });

  test.describe('search', () => {
    // Pagefind's UI now and then draws no filter list on a first load (see advisories.spec.ts).
    test.describe.configure({ retries: 2 });
    test('search shows hostile project names and severities as text in its filters and results', async ({
      page,
    }) => {
      const { url } = site();
      const seen = watch(page, new URL(url).origin);
      await page.goto(new URL('search/?q=imported', url).href);
      await expect(page.locator('.pagefind-ui__result').first()).toBeVisible({ timeout: 15_000 });
      const filters = page.locator('.pagefind-ui__filter-panel');
      // Shown as the text it is (with full-width angle brackets, which no browser reads as a tag).
      await expect(filters).toContainText(`\uff1cimg src=x onerror=alert('field')\uff1e`, {
        timeout: 15_000,
      });
      for (const details of await page.locator('.pagefind-ui__filter-block').all())
        await details.evaluate((d) => d.setAttribute('open', ''));
      expect(await scriptInDom(page)).toEqual([]);
      expect(seen.dialogs).toEqual([]);
      expect(seen.offsite).toEqual([]);
    });
  });
});
