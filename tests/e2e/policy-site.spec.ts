import { siteUrl } from './sites.ts';
import { expect, tableCells, test } from './test.ts';

const demo = (path = '') => new URL(path, siteUrl('demo')).href;

test.describe('home page', () => {
  test('says what the policy covers, how to report, and lists the projects with their status', async ({
    page,
  }) => {
    await page.goto(demo());
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Lanternfish Labs security');
    const report = page.getByRole('region', { name: 'How to report a vulnerability' });
    await expect(report.getByRole('link', { name: 'security@lanternfish.example' })).toHaveAttribute(
      'href',
      'mailto:security@lanternfish.example',
    );
    await expect(report).toContainText('Do not open a public issue');
    await expect(report).toContainText('3A1F 9C2B 77D0 4E15 A6B8 0C93 5D21 E7F4 8B60 C1A2');
    const scope = page.getByRole('region', { name: 'What this policy covers' });
    for (const name of ['beacon', 'lumen', 'ember', 'glimmer']) {
      await expect(scope.getByRole('link', { name, exact: true })).toBeVisible();
    }
    await expect(scope.getByRole('listitem').filter({ hasText: 'ember' })).toContainText('Deprecated');
    await expect(scope.getByRole('listitem').filter({ hasText: 'glimmer' })).toContainText('Archived');
  });

  test('has a skip link that moves focus to the main content', async ({ page }) => {
    await page.goto(demo());
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(skip).toBeFocused();
    await skip.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
  });
});

test.describe('policy page', () => {
  test('shows the severity table from severities.yaml', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    const cells = await tableCells(page.getByRole('table', { name: 'Severity classification' }));
    expect(cells[0]).toEqual(['Severity', 'Definition', 'Examples', 'CVSS']);
    expect(cells.map((row) => row[0])).toEqual(['Severity', 'Critical', 'High', 'Medium', 'Low']);
    expect(cells[1]).toEqual([
      'Critical',
      'Remote exploitation without authentication, or a bypass of signature validation.',
      'Signature verification skipped for crafted manifests; Remote code execution through the plugin loader',
      '9.0–10.0',
    ]);
    expect(cells[4]?.[2]).toContain('A crash on malformed input in `--debug` mode | only when run by hand');
  });

  test('shows the response timeline with every target in words', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    const table = page.getByRole('table', { name: /Response timeline/ });
    expect(await tableCells(table)).toEqual([
      ['Phase', 'Critical / High', 'Medium / Low'],
      ['Acknowledgment', '24 hours', '48 hours'],
      ['Severity assessment', '48 hours', '5 business days'],
      ['Fix developed', '7 days', '30 days'],
      ['Patched release', 'Within 48 hours of the fix', 'Next scheduled release'],
    ]);
    await expect(page.getByText('Business days are Monday to Friday.')).toBeVisible();
    await expect(page.getByText('We acknowledge critical and high reports within 24 hours.')).toBeVisible();
  });

  test('states the disclosure window, advance notice and roles from organisation.yaml', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    const article = page.getByRole('article');
    await expect(article).toContainText('90-day disclosure window');
    await expect(article).toContainText(
      'About 7 days before public disclosure, we send advance notice to operating-system vendors and other distributors of our packages.',
    );
    for (const role of ['Triage', 'Infrastructure', 'Disclosure', 'Release']) {
      await expect(article.getByRole('term').filter({ hasText: role })).toBeVisible();
    }
  });

  test('lists the supported versions of every project', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    const beacon = await tableCells(page.getByRole('table', { name: 'Supported versions of beacon' }));
    expect(beacon.map((row) => row.slice(0, 2))).toEqual([
      ['Version', 'Supported'],
      ['main', 'Yes'],
      ['3.2.1', 'Yes'],
      ['3.1.4', 'Yes'],
      ['3.0.9', 'No'],
      ['2.8.0', 'No'],
    ]);
    await expect(page.getByRole('table', { name: 'Supported versions of lumen' })).toContainText(
      'Critical and high fixes until 2027-06-30',
    );
  });

  test('marks the current page in the navigation', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    await expect(
      page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }),
    ).toHaveAttribute('aria-current', 'page');
  });
});

test.describe('project pages', () => {
  test('show status, packages, supported versions, timeline, own sections and the SECURITY.md link', async ({
    page,
  }) => {
    await page.goto(demo('projects/beacon/'));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('beacon');
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Active');
    await expect(page.getByText('@lanternfish/beacon')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'report a vulnerability in beacon privately' }),
    ).toHaveAttribute('href', 'https://github.com/lanternfish-labs/beacon/security/advisories/new');
    await expect(page.getByText('We support the main branch and the 2 most recent releases.')).toBeVisible();
    await expect(page.getByRole('table', { name: /Response timeline/ })).toContainText(
      'Within 48 hours of the fix',
    );
    await expect(page.getByRole('heading', { name: 'Static-analysis suppressions' })).toBeVisible();
    await expect(
      page.getByRole('region', { name: 'Related projects' }).getByRole('link', { name: 'lumen' }),
    ).toBeVisible();

    const response = await page.request.get(
      new URL(
        (await page.getByRole('link', { name: /Generated SECURITY\.md/ }).getAttribute('href'))!,
        page.url(),
      ).href,
    );
    expect(response.ok()).toBe(true);
    expect(await response.text()).toContain('# Security policy for beacon');
  });

  test('an archived project shows its note and says it states no supported versions', async ({ page }) => {
    await page.goto(demo('projects/glimmer/'));
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Archived');
    await expect(page.getByRole('note')).toHaveText(
      'Archived on 2025-07-23 and read-only; it receives no fixes. Do not use it in production.',
    );
    await expect(page.getByText('glimmer does not state its supported versions')).toBeVisible();
  });
});

test.describe('reading', () => {
  test('every table and link is there without JavaScript', async ({ browser }) => {
    const context = await browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(demo('policy/security-policy/'));
    await expect(page.getByRole('table')).toHaveCount(2 + 4 - 1);
    await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText([
      'Home',
      'Policy',
      'Safe harbor',
      'Projects',
      'Advisories',
      'Response times',
      'Acknowledgments',
    ]);
    await context.close();
  });

  test('follows a dark colour scheme', async ({ browser }) => {
    const background = async (colorScheme: 'light' | 'dark') => {
      const context = await browser.newContext({ colorScheme });
      const page = await context.newPage();
      await page.goto(demo());
      const color = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
      await context.close();
      return color;
    };
    expect(await background('light')).toBe('rgb(255, 255, 255)');
    expect(await background('dark')).toBe('rgb(13, 17, 23)');
  });

  test('prints without navigation and with link targets spelled out', async ({ page }) => {
    await page.goto(demo('policy/security-policy/'));
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Main' })).toBeHidden();
    const after = await page
      .getByRole('article')
      .getByRole('link', { name: 'hello@lanternfish.example' })
      .evaluate((link) => getComputedStyle(link, '::after').content);
    expect(after).toContain('mailto:hello@lanternfish.example');
  });

  test('fits a phone screen without horizontal scrolling of the page', async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await page.goto(demo('projects/beacon/'));
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});
