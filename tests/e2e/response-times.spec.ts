import { siteUrl } from './sites.ts';
import { expect, tableCells, test } from './test.ts';

const demo = (path = '') => new URL(path, siteUrl('demo')).href;

// The demo advisories record their response dates (content/advisories/); the expected values
// below are worked out by hand from those dates and content/timeline.yaml (Europe/Berlin).

test.describe('an advisory page', () => {
  test('shows each step against its target: met, missed by how much, and the disclosure window', async ({
    page,
  }) => {
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const table = page.getByRole('table', { name: "Response steps against the policy's targets" });
    expect(await tableCells(table)).toEqual([
      ['Step', 'Target', 'Done', 'Took', 'Result'],
      ['Report received', '—', '2026-01-20 09:00 CET', '—', '—'],
      ['Acknowledgment', '24 hours (due 2026-01-21 09:00 CET)', '2026-01-20 15:30 CET', '6.5 hours', 'Met'],
      [
        'Severity assessment',
        '48 hours (due 2026-01-22 09:00 CET)',
        '2026-01-23 10:00 CET',
        '73 hours',
        'Missed by 25 hours',
      ],
      ['Fix developed', '7 days (due 2026-01-27 09:00 CET)', '2026-01-26 18:00 CET', '6.4 days', 'Met'],
      [
        'Patched release',
        'Within 48 hours of the fix (due 2026-01-28 18:00 CET)',
        '2026-01-28 12:00 CET',
        '42 hours',
        'Met',
      ],
      [
        'Published',
        'Within 90 days of the report',
        '2026-02-10 16:00 CET',
        '21.3 days',
        'Within the 90-day window',
      ],
    ]);
  });

  test('counts days across a daylight-saving change in the team time zone', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2026-0002/'));
    const rows = await tableCells(
      page.getByRole('table', { name: "Response steps against the policy's targets" }),
    );
    // Reported on Friday 27 March 17:00 CET; seven days later is 3 April 17:00 CEST, 167 hours on.
    expect(rows[4]).toEqual([
      'Fix developed',
      '7 days (due 2026-04-03 17:00 CEST)',
      '2026-04-01 12:00 CEST',
      '4.8 days',
      'Met',
    ]);
    expect(rows[3]?.[4]).toBe('Missed by 15 hours');
  });

  test('counts business days without holidays, says what is not recorded, and a window that passed', async ({
    page,
  }) => {
    await page.goto(demo('advisories/LANTERN-2025-0007/'));
    const rows = await tableCells(
      page.getByRole('table', { name: "Response steps against the policy's targets" }),
    );
    // Thursday 14 August; Friday 15 August is a holiday, so five business days end on Friday 22 August.
    expect(rows[3]).toEqual([
      'Severity assessment',
      '5 business days (due 2025-08-22 16:00 CEST)',
      '2025-08-22 09:00 CEST',
      '7.7 days',
      'Met',
    ]);
    expect(rows[4]?.[4]).toBe('Not recorded');
    expect(rows[5]?.[4]).toBe('Not measured (the target is a commitment, not a duration)');
    expect(rows[6]).toEqual([
      'Published',
      'Within 90 days of the report',
      '2025-11-18 09:00 CET',
      '95.8 days',
      '5.8 days over the 90-day window',
    ]);
  });

  test('the timeline chart is static, with a legend and a text equivalent', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2026-0001/'));
    const figure = page.getByRole('figure', {
      name: /^Reported 2026-01-20 09:00 CET, published 21\.3 days later; 3 of 4 measured targets met; within the 90-day window\./,
    });
    await expect(figure).toBeVisible();
    await expect(figure.locator('.timeline-step.step-missed')).toHaveCount(1);
    await expect(figure.locator('.timeline-step.step-met')).toHaveCount(3);
    await expect(figure.locator('.chart-legend li')).toHaveText([
      'Step within its target',
      'Step past its target',
      'Deadline',
      'Published',
    ]);
  });

  test('an advisory without response dates has no response section', async ({ page }) => {
    await page.goto(demo('advisories/LANTERN-2025-0003/'));
    await expect(page.getByRole('heading', { name: 'Response timeline' })).toHaveCount(0);
  });
});

test.describe('the response-times page', () => {
  test('gives median and 90th percentile per severity and year, and the share of targets met', async ({
    page,
  }) => {
    await page.goto(demo());
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Response times' })
      .click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Response times');
    expect(
      await tableCells(
        page.getByRole('table', { name: 'Response figures by severity and year of publication' }),
      ),
    ).toEqual([
      [
        'Severity',
        'Year',
        'Advisories',
        'With report date',
        'To acknowledge',
        'To fix',
        'To publish',
        'Targets met',
        'Window kept',
      ],
      [
        'Critical',
        '2026',
        '1',
        '1',
        '6.5 / 6.5 hours',
        '6.4 / 6.4 days',
        '21.3 / 21.3 days',
        '3 of 4 (75%)',
        '1 of 1 (100%)',
      ],
      [
        'High',
        '2026',
        '1',
        '1',
        '17 / 17 hours',
        '4.8 / 4.8 days',
        '5.8 / 5.8 days',
        '3 of 4 (75%)',
        '1 of 1 (100%)',
      ],
      [
        'Medium',
        '2025',
        '1',
        '1',
        '19 / 19 hours',
        'n/a',
        '95.8 / 95.8 days',
        '2 of 2 (100%)',
        '0 of 1 (0%)',
      ],
    ]);
  });

  test('its charts are static, labelled in words at the page size, with a legend, a caption and the table as text equivalent, and no script', async ({
    page,
  }) => {
    await page.goto(demo('transparency/'));
    const charts = page.locator('figure.bar-chart');
    await expect(charts).toHaveCount(2);
    for (const chart of await charts.all()) {
      await expect(chart).toHaveAttribute('aria-describedby', 'response-figures');
      await expect(chart.locator('figcaption')).toContainText('The table below gives every figure.');
    }
    await expect(page.locator('#response-figures')).toBeVisible();
    const publish = page.getByRole('list', { name: /^By severity and year of publication/ });
    await expect(publish.getByRole('listitem')).toHaveText([
      'Critical 202621.3 days',
      'High 20265.8 days',
      'Medium 202595.8 days',
    ]);
    await expect(charts.first().locator('.chart-legend li')).toHaveText([
      'Median, coloured by severity',
      '90th percentile',
      '90-day disclosure window',
    ]);
    await expect(
      page
        .getByRole('list', { name: /^Share of the response targets met/ })
        .getByRole('listitem')
        .first(),
    ).toContainText('75% (3 of 4)');
    await expect(page.locator('main script')).toHaveCount(0);
  });

  test('chart labels keep a readable size on a 390 px phone', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(demo('transparency/'));
    // Every word the charts show: drawn text shrinks with a scaled drawing, so the rendered height counts.
    const labels = await page.locator('.bar-chart :is(.chart-label, .chart-value, text)').all();
    expect(labels.length).toBeGreaterThanOrEqual(6);
    for (const label of labels) expect((await label.boundingBox())?.height ?? 0).toBeGreaterThanOrEqual(14);
  });

  test('a project page shows the same figures for its own advisories', async ({ page }) => {
    await page.goto(demo('projects/beacon/'));
    const rows = await tableCells(
      page.getByRole('table', { name: 'Response figures for beacon by severity and year' }),
    );
    expect(rows.slice(1).map((row) => [row[0], row[1], row[7]])).toEqual([
      ['Critical', '2026', '3 of 4 (75%)'],
    ]);
    await page.goto(demo('projects/lumen/'));
    const lumen = await tableCells(
      page.getByRole('table', { name: 'Response figures for lumen by severity and year' }),
    );
    expect(lumen.slice(1).map((row) => [row[0], row[1], row[6]])).toEqual([
      ['High', '2026', '5.8 / 5.8 days'],
    ]);
  });
});
