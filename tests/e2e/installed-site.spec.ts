import { readdirSync } from 'node:fs';
import { appendFile, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runCommand } from '../support/build-site.ts';
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

  test('renders everything again when the installed package’s bundled code changes under the same version', async () => {
    test.setTimeout(180_000);
    // Into a folder of its own, so the site the other specs read stays; the build cache is the site’s own.
    const out = `${INSTALLED_FOLDER}-rebuilt`;
    const build = async () => {
      const { code, output } = await runCommand(
        process.execPath,
        [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build'],
        {
          cwd: INSTALLED_FOLDER,
          env: { DISCLOSE_CONTENT: '', DISCLOSE_OUT: out, DISCLOSE_PRIVATE_CONTENT: '' },
        },
      );
      expect(code, output).toBe(0);
      return /build cache: [^\n]*/.exec(output)?.[0];
    };
    // The outputs worker writes every machine-readable file: a patched copy of it, as from a fork.
    const worker = join(INSTALLED_FOLDER, 'node_modules', 'astro-disclose', 'build', 'outputs-worker.mjs');
    const original = await readFile(worker);
    try {
      expect(await build()).toMatch(/advisories unchanged, 0 to render; (\d+) of \1 listing pages/);
      await appendFile(worker, '\n// patched\n');
      expect(await build()).toBe('build cache: empty or out of date, so every page is rendered');
    } finally {
      await writeFile(worker, original);
      await rm(out, { recursive: true, force: true });
    }
  });
});
