import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { buildSite, siteHashes as hashes } from '../support/build-site.ts';

const scratch = await mkdtemp(join(tmpdir(), 'disclose-build-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('astro build', () => {
  test('fails on invalid content, lists every problem, and writes no site', async () => {
    const out = join(scratch, 'invalid');
    const { code, output } = await buildSite('tests/fixtures/invalid-fields', out);
    expect(code).not.toBe(0);
    expect(output).toContain('The content has 11 problems:');
    expect(output).toContain(
      'tests/fixtures/invalid-fields/projects/alpha.md:5: status: expected one of active, deprecated, archived; got "retired"',
    );
    expect(output).toContain('tests/fixtures/invalid-fields/organisation.yaml:6: reporting.email:');
    expect(existsSync(out)).toBe(false);
  });

  test('fails on a broken reference, which Astro alone would only log', async () => {
    const out = join(scratch, 'broken');
    const { code, output } = await buildSite('tests/fixtures/broken-reference', out);
    expect(code).not.toBe(0);
    expect(output).toContain('projects/alpha.md:5: related[0]: unknown project "omega"');
    expect(existsSync(out)).toBe(false);
  });

  test('builds valid content, with a manifest that hashes each SECURITY.md', async () => {
    const out = join(scratch, 'minimal');
    const { code, output } = await buildSite('tests/fixtures/minimal', out);
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    const manifest = JSON.parse(await readFile(join(out, 'disclose-manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string }[];
    };
    expect(manifest.files.map((f) => f.path)).toContain('/projects/alpha/SECURITY.md');
  });

  test("keeps an advisory's quotes and dashes as written, without a warning from Astro about Disclose's settings", async () => {
    const content = join(scratch, 'quoting-content');
    await cp('tests/fixtures/minimal', content, { recursive: true });
    await mkdir(join(content, 'advisories'));
    await writeFile(
      join(content, 'advisories', 'MIN-2026-0100.md'),
      [
        '---',
        'id: MIN-2026-0100',
        'summary: The "fetch" command follows redirects -- to any host',
        'published: 2026-01-05T00:00:00Z',
        'severity: high',
        'affected:',
        '  - project: alpha',
        '    ranges:',
        '      - events:',
        '          - introduced: 1.0.0',
        '          - fixed: 1.2.0',
        '---',
        '',
        `Run "alpha fetch --max-redirects=0" until you upgrade -- it's the project's advice.`,
        '',
      ].join('\n'),
    );
    const out = join(scratch, 'quoting');
    const { code, output } = await buildSite(content, out);
    expect(code, output).toBe(0);
    expect(output).not.toMatch(/deprecated/i);
    const page = await readFile(join(out, 'advisories', 'MIN-2026-0100', 'index.html'), 'utf8');
    // The body as Markdown renders it, and the summary as the page's heading.
    expect(page).toContain(
      `<p>Run "alpha fetch --max-redirects=0" until you upgrade -- it's the project's advice.</p>`,
    );
    expect(page).toContain('The &quot;fetch&quot; command follows redirects -- to any host</span></h1>');
  });

  test('two builds of the same content are byte-identical, and the manifest hashes every machine-readable file', async () => {
    const env = { DISCLOSE_NOW: '2026-11-01T00:00:00Z' };
    const [first, second] = [join(scratch, 'first'), join(scratch, 'second')];
    for (const out of [first, second]) {
      const { code, output } = await buildSite('content', out, env);
      expect(output).not.toContain('[ERROR]');
      expect(code).toBe(0);
    }
    const [a, b] = await Promise.all([hashes(first), hashes(second)]);
    expect([...a.keys()].length).toBeGreaterThan(50);
    expect([...b.keys()]).toEqual([...a.keys()]);
    const differing = [...a].filter(([path, hash]) => b.get(path) !== hash).map(([path]) => path);
    expect(differing).toEqual([]);

    const manifest = JSON.parse(await readFile(join(first, 'disclose-manifest.json'), 'utf8')) as {
      files: { path: string; sha256: string }[];
    };
    const listed = new Map(manifest.files.map((f) => [f.path, f.sha256]));
    // Every machine-readable file on the site, each with its hash, whether written, rendered or
    // taken from the cache (the second build takes everything from it).
    const onDisk = [...b.keys()]
      .filter(
        (path) =>
          /\.(?:md|json|xml|txt|csv)$/.test(path) &&
          !path.startsWith('/pagefind/') &&
          path !== '/disclose-manifest.json',
      )
      .sort();
    expect(onDisk.length).toBeGreaterThan(20);
    for (const out of [first, second]) {
      const { files } = JSON.parse(await readFile(join(out, 'disclose-manifest.json'), 'utf8')) as {
        files: { path: string; sha256: string }[];
      };
      expect(files.map((f) => f.path).sort()).toEqual(onDisk);
      expect(files.filter((f) => f.sha256 !== b.get(f.path)).map((f) => f.path)).toEqual([]);
    }
    for (const path of [
      '/osv/all.json',
      '/osv/x_LANTERN-2026-0001.json',
      '/advisories/feed.xml',
      '/advisories/feed.json',
      '/.well-known/security.txt',
      '/.well-known/csaf/provider-metadata.json',
      '/advisories/LANTERN-2026-0001/announcement.md',
      '/projects/beacon/SECURITY.md',
      '/sitemap-index.xml',
    ]) {
      expect(listed.get(path), path).toBe(a.get(path));
    }
  });
});
