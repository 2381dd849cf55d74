import { factsOf, REAL_POLICIES } from '../support/real-policies.ts';
import { realPolicyEnv, siteUrl } from './sites.ts';
import { expect, test } from './test.ts';

// Each example written from a real policy shows every fact of its fact list to a reader: on the
// home page, the policy pages or the project pages. SECURITY.md is checked in the unit tests.

function urlOf(name: string): string {
  const url = process.env[realPolicyEnv(name)];
  if (!url) throw new Error(`${realPolicyEnv(name)} is not set; run the tests through "playwright test".`);
  return url;
}

for (const name of REAL_POLICIES) {
  test(`${name}: every fact of the real policy is on the site`, async ({ page }) => {
    const base = urlOf(name);
    await page.goto(base);
    let text = await page.getByRole('main').innerText();
    const links = page.getByRole('navigation', { name: 'Main' }).getByRole('link');
    const pages = new Set<string>();
    for (const link of await links.all()) {
      const href = await link.getAttribute('href');
      if (href && /\/(?:policy|projects)\//.test(href)) pages.add(new URL(href, base).href);
    }
    await page.goto(new URL('projects/', base).href);
    for (const link of await page.getByRole('main').getByRole('link').all()) {
      const href = await link.getAttribute('href');
      if (href && /\/projects\/[^/]+\/$/.test(href)) pages.add(new URL(href, base).href);
    }
    for (const url of pages) {
      await page.goto(url);
      text += `\n${await page.getByRole('main').innerText()}`;
    }
    for (const fact of factsOf(name).facts) expect(text, fact.fact).toContain(fact.site);
  });
}

test('a policy that takes no e-mail offers none: the footer points to its own channel', async ({ page }) => {
  await page.goto(urlOf('electron'));
  const footer = page.getByRole('contentinfo');
  await expect(footer.getByRole('link', { name: 'GitHub Security Advisory' })).toHaveAttribute(
    'href',
    'https://github.com/electron/electron/security/advisories/new',
  );
  expect(await page.locator('a[href^="mailto:"]').count()).toBe(0);
});

test('a URL in a text field is a link on the site', async ({ page }) => {
  await page.goto(new URL('policy/security/', urlOf('envoy')).href);
  const threatModel = 'https://www.envoyproxy.io/docs/envoy/latest/intro/arch_overview/security/threat_model';
  await expect(page.getByRole('main').getByRole('link', { name: threatModel })).toHaveAttribute(
    'href',
    threatModel,
  );
});

test('links between pages in policy prose get the base path of a site that has one', async ({ page }) => {
  // The solo-maintainer example is published at https://ckotzbauer.github.io/security.
  await page.goto(siteUrl('solo-maintainer'));
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link').nth(1).click();
  const main = page.getByRole('main');
  await expect(main.getByRole('link', { name: 'advisories page' })).toHaveAttribute(
    'href',
    '/security/advisories/',
  );
  await expect(main.getByRole('link', { name: 'list of projects' })).toHaveAttribute(
    'href',
    '/security/projects/',
  );
  await main.getByRole('link', { name: 'advisories page' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/advisories/i);
});
