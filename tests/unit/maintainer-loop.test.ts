import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { disclose as run } from '../support/cli.ts';
import { ASTRO_RANGE, PACKAGE_VERSION } from '../../src/cli/init.ts';

// What a maintainer meets while writing content: every problem in one run, messages that say
// what is wrong, and a new site from one command.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-loop-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

let count = 0;
async function minimalWith(files: Record<string, string>): Promise<string> {
  const dir = join(scratch, `content-${++count}`);
  await cp('tests/fixtures/minimal', dir, { recursive: true });
  await mkdir(join(dir, 'advisories'), { recursive: true });
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  return dir;
}

describe('disclose check reports every problem in one run', () => {
  test('a misspelt field no longer hides the same file unknown severity, bad CVSS and version order', async () => {
    const dir = await minimalWith({
      'advisories/MIN-2026-0001.md': `---
id: MIN-2026-0001
summry: Typo in the field name
published: 2026-03-01
severity: moderate
cvss:
  - CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
affected:
  - project: alpha
    ranges:
      - events:
          - introduced: 2.0.0
          - fixed: 1.0.0
---
Body.
`,
    });
    const result = await run('check', '--content', dir);
    expect(result.code).toBe(1);
    for (const expected of [
      'MIN-2026-0001.md:3: summry: unknown field "summry"; did you mean "summary"?',
      'MIN-2026-0001.md:5: severity: unknown severity "moderate"',
      'MIN-2026-0001.md:7: cvss[0]: "CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H" is not valid: AV has an unknown value X (allowed: N, A, L, P)',
      'MIN-2026-0001.md:13: affected[0].ranges[0].events[1]: fixed 1.0.0 is not after introduced 2.0.0',
    ])
      expect(result.err).toContain(expected);
  });

  test('a value holding ": " is told to be quoted, and an unclosed quote points at the line it opens on', async () => {
    const advisory = (id: string, summary: string) =>
      `---\nid: ${id}\nsummary: ${summary}\npublished: 2026-03-01\nseverity: high\naffected:\n  - project: alpha\n    versions: [1.0.0]\n---\nBody.\n`;
    const dir = await minimalWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001', 'Crash: when parsing'),
      'advisories/MIN-2026-0002.md': advisory('MIN-2026-0002', '"Crash when parsing'),
    });
    const result = await run('check', '--content', dir);
    expect(result.err).toContain(
      'MIN-2026-0001.md:3: summary: is not valid YAML: the value contains ": ", which YAML reads as a second field; put the value in quotes: summary: "Crash: when parsing"',
    );
    expect(result.err).toContain(
      'MIN-2026-0002.md:3: summary: is not valid YAML: the " opened on this line is never closed',
    );
  });
});

describe('disclose init', () => {
  const flags = [
    '--name',
    'Acme Corp',
    '--site',
    'https://acme.github.io/security',
    '--email',
    'security@acme.example',
    '--project',
    'rocket',
    '--repository',
    'https://github.com/acme/rocket',
  ];

  test('with no flags and no terminal, fails with the list of flags it needs', async () => {
    const result = await run('init', join(scratch, 'no-flags'));
    expect(result.code).toBe(2);
    for (const flag of ['--name', '--site', '--email', '--github-reporting', '--project', '--repository'])
      expect(result.err).toContain(flag);
    await expect(readdir(join(scratch, 'no-flags'))).rejects.toThrow();
  });

  test('writes a complete site whose content passes check, with the workflows and a README', async () => {
    const folder = join(scratch, 'acme');
    const result = await run('init', folder, ...flags);
    expect(result.code).toBe(0);
    const files = (await readdir(folder, { recursive: true })).sort();
    expect(files).toEqual(
      expect.arrayContaining([
        'astro.config.mjs',
        'package.json',
        'README.md',
        '.github/workflows/deploy.yml',
        '.github/workflows/pull-request.yml',
        'downstream/security-md.yml',
        'content/organisation.yaml',
        'content/policy/security-policy.mdx',
        'content/projects/rocket.md',
      ]),
    );
    expect(await readFile(join(folder, 'content', 'organisation.yaml'), 'utf8')).toContain('name: Acme Corp');
    const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(manifest.dependencies).toEqual({ astro: ASTRO_RANGE, 'astro-disclose': `^${PACKAGE_VERSION}` });
    const check = await run('check', '--content', join(folder, 'content'));
    expect(check.err).toContain('is valid: 1 project(s), 1 policy page(s), 0 advisories');
    expect(check.code).toBe(0);
  });

  test('refuses a folder that is not empty, and wrong answers with what to give instead', async () => {
    const taken = join(scratch, 'taken');
    await mkdir(taken);
    await writeFile(join(taken, 'notes.txt'), 'mine');
    const refused = await run('init', taken, ...flags);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is not empty');
    expect(await readdir(taken)).toEqual(['notes.txt']);
    const wrong = await run(
      'init',
      join(scratch, 'wrong'),
      ...flags.map((f) => (f === 'rocket' ? 'Rocket!' : f)),
    );
    expect(wrong.code).toBe(2);
    expect(wrong.err).toContain('--project: "Rocket!" is not a slug');
  });

  test('names the version of the package it is part of', async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as {
      version: string;
      peerDependencies: Record<string, string>;
    };
    expect(PACKAGE_VERSION).toBe(manifest.version);
    expect(ASTRO_RANGE).toBe(manifest.peerDependencies['astro']);
  });
});
