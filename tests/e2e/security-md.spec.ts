import { createHash } from 'node:crypto';
import { markdownTable } from '../support/markdown.ts';
import { SITES, siteUrl, type SiteName } from './sites.ts';
import { expect, tableCells, test } from './test.ts';

interface Manifest {
  files: { path: string; sha256: string; bytes: number }[];
}

for (const site of Object.keys(SITES) as SiteName[]) {
  test.describe(`${site}: SECURITY.md`, () => {
    test('every project has one, listed in the manifest with its sha256, and its tables match the site', async ({
      page,
      request,
    }) => {
      const base = siteUrl(site);
      const manifest = (await (
        await request.get(new URL('disclose-manifest.json', base).href)
      ).json()) as Manifest;
      const files = manifest.files.filter((file) => file.path.endsWith('/SECURITY.md'));

      await page.goto(new URL('projects/', base).href);
      const projectLinks = await page.getByRole('main').getByRole('listitem').getByRole('link').count();
      expect(files).toHaveLength(projectLinks);

      for (const file of files) {
        const response = await request.get(new URL(file.path.slice(1), base).href);
        expect(response.headers()['content-type']).toContain('text/markdown');
        const bytes = await response.body();
        expect(createHash('sha256').update(bytes).digest('hex'), file.path).toBe(file.sha256);
        const markdown = bytes.toString('utf8');

        // The project page and the SECURITY.md are built from the same content: their tables agree cell for cell.
        await page.goto(new URL(file.path.slice(1).replace(/SECURITY\.md$/, ''), base).href);
        const html = await tableCells(page.getByRole('table', { name: /Response timeline/ }));
        expect(markdownTable(markdown, 'Phase'), `${file.path} timeline`).toEqual(html);

        const supported = page.getByRole('table', { name: /^Supported versions of/ });
        if ((await supported.count()) > 0) {
          expect(markdownTable(markdown, 'Version'), `${file.path} versions`).toEqual(
            await tableCells(supported),
          );
        } else {
          expect(markdown).not.toContain('## Supported versions');
        }
      }
    });

    test('the severity table in SECURITY.md matches the policy page', async ({ page, request }) => {
      const base = siteUrl(site);
      await page.goto(base);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link').nth(1).click();
      const severity = page.getByRole('table', { name: 'Severity classification' });
      const manifest = (await (
        await request.get(new URL('disclose-manifest.json', base).href)
      ).json()) as Manifest;
      const first = manifest.files.find((file) => file.path.endsWith('/SECURITY.md'))!;
      const markdown = await (await request.get(new URL(first.path.slice(1), base).href)).text();
      if ((await severity.count()) === 0) {
        expect(markdown).not.toContain('## Severity');
        return;
      }
      expect(markdownTable(markdown, 'Severity')).toEqual(await tableCells(severity));
    });
  });
}
