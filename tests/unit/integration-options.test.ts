import { cp, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { astroBuild } from '../support/build-site.ts';

// The integration's options, as a site's astro.config.mjs gives them: a page left out, a page and
// a component replaced by the site's own files, and options that cannot work refused in words.

// Inside the repository (ignored by git), so the site resolves astro from its node_modules.
const root = resolve('.disclose-test', 'options-sites');
afterAll(() => rm(root, { recursive: true, force: true }));

async function site(name: string, options: string, files: Record<string, string> = {}): Promise<string> {
  const dir = join(root, name);
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await cp('tests/fixtures/outputs', join(dir, 'content'), { recursive: true });
  await writeFile(
    join(dir, 'astro.config.mjs'),
    `import { defineConfig } from 'astro/config';\nimport disclose from '${resolve('src/integration/index.ts')}';\nexport default defineConfig({ integrations: [disclose(${options})] });\n`,
  );
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  return dir;
}

function build(dir: string): ReturnType<typeof astroBuild> {
  return astroBuild(dir, { DISCLOSE_CONTENT: '', DISCLOSE_OUT: '', DISCLOSE_NOW: '2026-09-01T00:00:00Z' });
}

/** A site whose severity badge is replaced by one that shows a label imported from `from`; words/label.ts holds it. */
async function badgeSite(name: string, from: string, files: Record<string, string>): Promise<string> {
  const dir = await site(name, `{ components: { SeverityBadge: './OurBadge.astro' } }`, {
    'OurBadge.astro': `---\nimport Original from 'astro-disclose/components/SeverityBadge.astro';\nimport { label } from '${from}';\n---\n<span class="our-badge">{label}: <Original {...Astro.props} /></span>\n`,
    ...files,
  });
  await mkdir(join(dir, 'words'));
  return dir;
}

/** Builds a badgeSite, edits its label, and builds again: every page, the cache's too, shows the new one. */
async function expectRelabelled(dir: string): Promise<void> {
  const label = (text: string) =>
    writeFile(join(dir, 'words', 'label.ts'), `export const label = ${JSON.stringify(text)};\n`);
  const advisory = () => readFile(join(dir, 'dist', 'advisories', 'CURL-2026-0001', 'index.html'), 'utf8');
  await label('Rated');
  const first = await build(dir);
  expect(first.code, first.output).toBe(0);
  expect(await advisory()).toContain('<span class="our-badge">Rated: ');
  await label('Severity');
  const second = await build(dir);
  expect(second.code, second.output).toBe(0);
  expect(second.output).toContain('build cache: empty or out of date, so every page is rendered');
  expect(await advisory()).toContain('<span class="our-badge">Severity: ');
}

describe('the options of disclose()', () => {
  test('leave a page out, replace a page, and replace a component that wraps the original', async () => {
    const dir = await site(
      'options',
      `{ pages: { acknowledgments: false, transparency: './OurTransparency.astro' }, components: { SeverityBadge: './OurBadge.astro' } }`,
      {
        'OurTransparency.astro': `---\nimport Base from 'astro-disclose/layouts/Base.astro';\n---\n<Base title="Our response times"><h1>Our own response times page</h1></Base>\n`,
        'OurBadge.astro': `---\nimport Original from 'astro-disclose/components/SeverityBadge.astro';\n---\n<span class="our-badge">Rated: <Original {...Astro.props} /></span>\n`,
      },
    );
    const { code, output } = await build(dir);
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    const out = join(dir, 'dist');
    expect(existsSync(join(out, 'acknowledgments'))).toBe(false);
    const home = await readFile(join(out, 'index.html'), 'utf8');
    expect(home).not.toContain('>Acknowledgments<');
    expect(await readFile(join(out, '.well-known', 'security.txt'), 'utf8')).not.toContain(
      'Acknowledgments:',
    );
    expect(await readFile(join(out, 'transparency', 'index.html'), 'utf8')).toContain(
      'Our own response times page',
    );
    const advisory = await readFile(join(out, 'advisories', 'CURL-2026-0001', 'index.html'), 'utf8');
    expect(advisory).toMatch(/<span class="our-badge"[^>]*>Rated: <span class="badge severity-high">High/);
  });

  test("a replaced page that renders every advisory's details shows them all when the build cache gives the advisory pages", async () => {
    const dir = await site('own-page-reads-advisories', `{ pages: { transparency: './AllDetails.astro' } }`, {
      'AllDetails.astro': [
        '---',
        "import { getCollection, render } from 'astro:content';",
        "import Base from 'astro-disclose/layouts/Base.astro';",
        "const entries = (await getCollection('advisories')).sort((a, b) => (a.id < b.id ? -1 : 1));",
        'const details = await Promise.all(entries.map(async (entry) => ({ id: entry.id, ...(await render(entry)) })));',
        '---',
        '<Base title="Every advisory in full"><h1>Every advisory in full</h1>{details.map(({ id, Content }) => <section id={id}><Content /></section>)}</Base>',
        '',
      ].join('\n'),
    });
    const page = () => readFile(join(dir, 'dist', 'transparency', 'index.html'), 'utf8');
    const first = await build(dir);
    expect(first.code, first.output).toBe(0);
    const full = await page();
    expect(full).toContain('<section id="CURL-2026-0001"><p>');
    // The second build takes every advisory page from its cache; the site's own page still
    // renders each advisory's Markdown, so the content store must still hold it.
    const second = await build(dir);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toMatch(/build cache: (\d+) of \1 advisories unchanged, 0 to render/);
    expect(await page()).toBe(full);
  });

  test('a replaced component’s helper module edited renders the pages that show it again, cached ones too', async () => {
    // Two imports away from the component the options name.
    const dir = await badgeSite('component-helper', './badge-words.js', {
      'badge-words.ts': `export { label } from './words/label.ts';\n`,
    });
    await expectRelabelled(dir);
    const third = await build(dir);
    expect(third.output).toMatch(/build cache: (\d+) of \1 advisories unchanged, 0 to render/);
  });

  test('a replaced component that imports through a tsconfig.json path alias renders the cached pages again once that file is edited', async () => {
    const dir = await badgeSite('component-alias', '@words/label', {
      'tsconfig.json': `{\n  // As Astro's docs write aliases.\n  "compilerOptions": { "baseUrl": ".", "paths": { "@words/*": ["words/*"] } },\n}\n`,
    });
    await expectRelabelled(dir);
  });

  test('an accent colour and a logo from public/ reach every page', async () => {
    const dir = await site('brand', `{ accent: '#0b5fff', accentDark: '#7fb0ff', logo: 'public/logo.svg' }`);
    await mkdir(join(dir, 'public'));
    await writeFile(
      join(dir, 'public', 'logo.svg'),
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 1 1"/>',
    );
    const { code, output } = await build(dir);
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    const home = await readFile(join(dir, 'dist', 'index.html'), 'utf8');
    expect(home).toContain('style="--brand-light: #0b5fff; --brand-dark: #7fb0ff"');
    expect(home).toMatch(/<img class="site-logo" src="\/logo\.svg"/);
  });

  test.each([
    [`{ accent: '#7fb0ff' }`, 'accent: #7fb0ff has a contrast of 2.'],
    [`{ accentDark: '#0b3fa0' }`, 'accentDark: #0b3fa0 has a contrast of'],
    [`{ logo: 'logo.svg' }`, 'logo: logo.svg does not exist'],
    [
      `{ pages: { advisory: false } }`,
      'pages.advisory: the advisory page cannot be left out, because other pages link to it',
    ],
    [
      `{ components: { SeverityBadje: './x.astro' } }`,
      'components.SeverityBadje: Disclose has no component SeverityBadje; replaceable ones are Base, AdvanceNotice',
    ],
    [
      `{ components: { SeverityBadge: './missing.astro' } }`,
      'components.SeverityBadge: ./missing.astro does not exist',
    ],
    [`{ contnet: 'content' }`, 'The options of disclose() in astro.config.mjs are not valid'],
    [`{ accent: 'blue' }`, 'accent: must be a colour such as #0b5fff'],
  ])('%s is refused: %s', async (options, message) => {
    const dir = await site(`refused-${Math.random().toString(36).slice(2, 8)}`, options);
    const { code, output } = await build(dir);
    expect(code).not.toBe(0);
    expect(output).toContain(message);
    expect(existsSync(join(dir, 'dist'))).toBe(false);
  });
});
