import { readdirSync } from 'node:fs';
import { INSTALLED } from '../support/installed-site.ts';
import { INSTALLED_FOLDER, siteUrl } from './sites.ts';
import { expect, test } from './test.ts';

// The site `disclose init` wrote outside the repository, built with the packed package installed
// from its tarball (tests/support/installed-site.ts). Every spec that walks SITES runs on it too.

const site = (path = '') => new URL(path, siteUrl('installed')).href;

test.describe('a site created with disclose init and the installed package', () => {
  test('holds only its content, its config and its workflows: no copy of Disclose', () => {
    const files = readdirSync(INSTALLED_FOLDER).filter(
      (name) => !['node_modules', 'dist', '.astro', 'package-lock.json'].includes(name),
    );
    expect(files.sort()).toEqual([
      '.githooks',
      '.github',
      '.gitignore',
      'README.md',
      'astro.config.mjs',
      'content',
      'downstream',
      'package.json',
    ]);
  });

  test('publishes the policy written from the answers, with the organisation name and how to report', async ({
    page,
  }) => {
    await page.goto(site());
    await expect(page.getByRole('banner')).toContainText(`${INSTALLED.name} security`);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Policy' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Security policy');
    await expect(page.getByRole('main')).toContainText(INSTALLED.email);
    await expect(page.getByRole('table', { name: /severit/i })).toBeVisible();
  });

  test('writes the project page and its SECURITY.md', async ({ page, request }) => {
    await page.goto(site(`projects/${INSTALLED.project}/`));
    await expect(page.getByRole('heading', { level: 1 })).toContainText(INSTALLED.project);
    const md = await (await request.get(site(`projects/${INSTALLED.project}/SECURITY.md`))).text();
    expect(md).toContain(`# Security policy for ${INSTALLED.project}`);
    expect(md).toContain(INSTALLED.email);
  });

  test('has the machine-readable outputs and search of a full site', async ({ request }) => {
    expect((await request.get(site('disclose-manifest.json'))).ok()).toBe(true);
    expect((await request.get(site('osv/all.json'))).ok()).toBe(true);
    expect((await request.get(site('.well-known/security.txt'))).ok()).toBe(true);
    expect((await request.get(site('pagefind/shards.json'))).ok()).toBe(true);
  });
});
