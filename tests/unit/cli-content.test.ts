import { spawn } from 'node:child_process';
import { copyFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disclose as run } from '../support/cli.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { outputInput, writeOutputs } from '../../src/lib/outputs/write-outputs.ts';
import { GENERATED_MARKER as RENDERER_MARKER } from '../../src/lib/security-md/render.ts';
import { GENERATED_MARKER } from '../../sync/disclose-sync.mjs';
import { buildSite } from '../support/build-site.ts';
import { serveStatic } from '../support/static-server.ts';

const scratch = await mkdtemp(join(tmpdir(), 'disclose-cli-content-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('disclose check', () => {
  test('reports every problem of the invalid fixtures, exactly as the build does, and exits 1', async () => {
    const { problems } = await loadContent('tests/fixtures/invalid-advisories');
    const result = await run('check', '--content', 'tests/fixtures/invalid-advisories');
    expect(result.code).toBe(1);
    const listed = result.err
      .split('\n')
      .filter((line) => line.startsWith('  - '))
      .map((line) => line.slice(4));
    expect(listed).toEqual(problems.map(formatProblem));
    expect(listed).toContain(
      'tests/fixtures/invalid-advisories/advisories/MIN-2025-0006.md:7: severity: unknown severity "urgent"; expected one of high, low (tests/fixtures/invalid-advisories/severities.yaml)',
    );
  });

  test('--format json and --format github give the same problems to machines', async () => {
    const json = await run('check', '--content', 'tests/fixtures/invalid-fields', '--format', 'json');
    expect(json.code).toBe(1);
    const report = JSON.parse(json.out) as {
      valid: boolean;
      problems: { file: string; line?: number; field: string; message: string }[];
    };
    expect(report.valid).toBe(false);
    expect(report.problems).toContainEqual({
      file: 'tests/fixtures/invalid-fields/projects/alpha.md',
      line: 5,
      field: 'status',
      message: 'expected one of active, deprecated, archived; got "retired"',
    });
    const github = await run('check', '--content', 'tests/fixtures/invalid-fields', '--format', 'github');
    expect(github.out.split('\n').filter(Boolean)).toHaveLength(report.problems.length);
    expect(github.out).toContain(
      '::error file=tests/fixtures/invalid-fields/projects/alpha.md,line=5,title=status::tests/fixtures/invalid-fields/projects/alpha.md:5: status: expected one of active, deprecated, archived; got "retired"',
    );
  });

  test('valid content exits 0 and says what it holds', async () => {
    const result = await run('check', '--content', 'content', '--private', 'examples/private-content');
    expect(result.code).toBe(0);
    expect(result.err).toContain(
      'content is valid: 4 project(s), 2 policy page(s), 6 advisories (4 public).',
    );
  });

  test('an unknown option is a usage error with the help', async () => {
    const result = await run('check', '--colour');
    expect(result.code).toBe(2);
    expect(result.err).toContain('Usage: disclose check');
  });
});

describe('disclose new', () => {
  let content: string;
  let privateContent: string;
  beforeAll(async () => {
    content = join(scratch, 'new-content');
    privateContent = join(scratch, 'new-private-content');
    await cp('content', content, { recursive: true });
    await cp('examples/private-content', privateContent, { recursive: true });
  });

  test('refuses to write a new advisory into a public content folder', async () => {
    const result = await run('new', 'advisory', '--project', 'beacon', '--content', content);
    expect(result.code).toBe(1);
    expect(result.err).toContain('describes an undisclosed vulnerability');
    expect(result.err).toContain('--private <folder>');
  });

  test('writes the next free id of this year as a draft that check accepts; published once filled in', async () => {
    process.env['DISCLOSE_NOW'] = '2026-11-23T10:00:00Z';
    process.env['DISCLOSE_PRIVATE_CONTENT'] = privateContent;
    try {
      const result = await run('new', 'advisory', '--project', 'beacon', '--content', content);
      expect(result.code).toBe(0);
      // The demo files advisories by year, so the new one goes into this year's folder.
      const path = join(privateContent, 'advisories', '2026', 'LANTERN-2026-0005.md');
      expect(result.out.trim()).toBe(relative(process.cwd(), path));
      const text = await readFile(path, 'utf8');
      expect(text).toContain('published: 2026-11-23');
      expect(text).toContain('  - project: beacon\n    package: "beacon-client"');
      expect(text).toContain('draft: true');
      expect(text).toMatch(/^severity: TODO # one of: critical, high, medium, low$/m);
      expect(text).toMatch(/^# timeline:/m);
      expect((await run('check', '--content', content)).code).toBe(0);

      // Remove draft but leave the placeholders: check names each one.
      await writeFile(path, text.replace(/^draft: true.*\n/m, ''));
      const unfilled = await run('check', '--content', content);
      expect(unfilled.code).toBe(1);
      expect(unfilled.err).toMatch(
        /LANTERN-2026-0005\.md:5: summary: still holds the TODO placeholder from disclose new/,
      );
      expect(unfilled.err).toMatch(/LANTERN-2026-0005\.md:\d+: \(body\): still holds the TODO placeholder/);
      expect(unfilled.err).toMatch(/LANTERN-2026-0005\.md:\d+: severity: still holds the TODO placeholder/);

      await writeFile(
        path,
        text
          .replace(/^draft: true.*\n/m, '')
          .replace("'TODO: one line saying what is wrong'", 'Crash on an empty manifest')
          .replace(/^severity: TODO.*$/m, 'severity: low')
          .replace(/^TODO:.*$/m, 'An empty manifest makes the client crash.'),
      );
      expect((await run('check', '--content', content)).err).toContain('7 advisories (5 public)');
      // The next one takes the next number; nothing is ever overwritten.
      const second = await run('new', 'advisory', '--project', 'lumen', '--content', content);
      expect(second.out).toContain('LANTERN-2026-0006.md');
    } finally {
      delete process.env['DISCLOSE_NOW'];
      delete process.env['DISCLOSE_PRIVATE_CONTENT'];
    }
  });

  test('refuses an unknown project with the closest match, and an existing project file', async () => {
    const unknown = await run('new', 'advisory', '--project', 'beakon', '--content', content);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown project "beakon"; did you mean "beacon"?');
    const existing = await run('new', 'project', 'beacon', '--content', content);
    expect(existing.code).toBe(1);
    expect(existing.err).toContain('beacon.md already exists; nothing was written');
  });

  test('new project writes a file check accepts once its placeholders are filled', async () => {
    const result = await run('new', 'project', 'spark', '--content', content);
    expect(result.code).toBe(0);
    const path = join(content, 'projects', 'spark.md');
    const before = await run('check', '--content', content);
    expect(before.code).toBe(1);
    expect(before.err).toContain('spark.md:4: summary: still holds the TODO placeholder');
    expect(before.err).toContain('spark.md:5: repository: still holds the TODO placeholder');
    const text = await readFile(path, 'utf8');
    await writeFile(
      path,
      text
        .replace("'TODO: one line saying what it is'", 'A spark plug')
        .replace('https://github.com/TODO/spark', 'https://github.com/lanternfish-labs/spark'),
    );
    const after = await run('check', '--content', content);
    expect(after.err).toContain('is valid: 5 project(s)');
    expect(after.code).toBe(0);
  });
});

describe('disclose import osv', () => {
  test('round-trips: records written as OSV, imported, then written again are the same records', async () => {
    // Emit the fixture's OSV, import it into the same content without its advisories, emit again.
    process.env['DISCLOSE_NOW'] = '2026-11-01T00:00:00Z';
    try {
      const original = await loadContent('tests/fixtures/outputs');
      if (!original.content) throw new Error('fixture did not load');
      const first = join(scratch, 'osv-first');
      writeOutputs(outputInput(original.content), first, new Date('2026-11-01T00:00:00Z'));

      const target = join(scratch, 'import-target');
      await cp('tests/fixtures/outputs', target, { recursive: true });
      await rm(join(target, 'advisories'), { recursive: true });
      const result = await run('import', 'osv', join(first, 'osv'), '--publish', '--content', target);
      expect(result.err).toContain('imported 2 advisories.');
      expect(result.code).toBe(0);
      expect(result.out).toContain(`CURL-2026-0001 -> `);

      const again = await loadContent(target);
      expect(again.problems.map(formatProblem)).toEqual([]);
      if (!again.content) throw new Error('imported content did not load');
      const second = join(scratch, 'osv-second');
      writeOutputs(outputInput(again.content), second, new Date('2026-11-01T00:00:00Z'));
      for (const name of ['CURL-2026-0001.json', 'CURL-2026-0002.json', 'all.json']) {
        expect(JSON.parse(await readFile(join(second, 'osv', name), 'utf8')), name).toEqual(
          JSON.parse(await readFile(join(first, 'osv', name), 'utf8')),
        );
      }
    } finally {
      delete process.env['DISCLOSE_NOW'];
    }
  });

  test('a foreign record gets the next free id, keeps its id as an alias, and keeps every field it has no place for', async () => {
    const target = join(scratch, 'import-foreign');
    await cp('tests/fixtures/outputs', target, { recursive: true });
    // A scale whose high answers to GitHub's MODERATE, and whose critical has a CVSS band.
    await writeFile(
      join(target, 'severities.yaml'),
      '- id: critical\n  label: Critical\n  definition: Worst.\n  cvss: { min: 9.0, max: 10.0 }\n' +
        '- id: high\n  label: High\n  definition: Bad.\n  matches: [MODERATE]\n' +
        '- id: low\n  label: Low\n  definition: Less bad.\n',
    );
    const timeline = join(target, 'timeline.yaml');
    await writeFile(
      timeline,
      (await readFile(timeline, 'utf8')).replace('severities: [high]', 'severities: [critical, high]'),
    );
    const file = join(scratch, 'foreign.json');
    await writeFile(
      file,
      JSON.stringify([
        GHSA,
        {
          ...GHSA,
          id: 'GHSA-2222-2222-2222',
          aliases: [],
          affected: [{ package: { ecosystem: 'PyPI', name: 'other' } }],
        },
      ]),
    );
    const result = await run('import', 'osv', file, '--publish', '--content', target);
    expect(result.code).toBe(1);
    expect(result.out).toContain(
      `GHSA-9x7c-4m5p-2q3r -> ${relative(process.cwd(), join(target, 'advisories', '2026', 'CURL-2026-0004.md'))}`,
    );
    expect(result.out).toContain(
      '  note: reference http://insecure.example/post is plain http; kept as it is',
    );
    expect(result.err).toContain(
      "(GHSA-2222-2222-2222): no project publishes PyPI package other; add the package to a project's packages, or import with --create-projects",
    );
    expect(result.err).toContain('imported 1 advisory; 1 could not be imported.');
    const { content, problems } = await loadContent(target);
    expect(problems.map(formatProblem)).toEqual([]);
    const imported = content?.advisories.find((a) => a.data.id === 'CURL-2026-0004')?.data;
    expect(imported?.aliases).toEqual(['GHSA-9x7c-4m5p-2q3r', 'CVE-2026-20001']);
    // GitHub's MODERATE is the scale's high (it lists the word), though the CVSS score falls in critical.
    expect(imported?.severity).toBe('high');
    expect(imported?.severityJustification).toBe(
      'The source database rates it MODERATE; its CVSS 3.1 score of 9.8 falls in Critical.',
    );
    expect(imported?.cwes).toEqual(['CWE-1321']);
    expect(imported?.affected[0]).toMatchObject({ project: 'multi', package: '@conformance/multi' });
    expect(imported?.references.map((r) => r.url)).toContain('http://insecure.example/post');
    expect(imported?.imported).toEqual({
      from: 'GHSA-9x7c-4m5p-2q3r',
      modified: '2026-06-02T00:00:00Z',
      osv: {
        schema_version: '1.6.0',
        database_specific: { severity: 'MODERATE', cwe_ids: ['CWE-1321'], github_reviewed: true },
        affected: [
          {
            database_specific: { source: 'https://github.com/advisories' },
            ecosystem_specific: { affected_functions: ['merge'] },
          },
        ],
      },
    });
  });

  test('imports drafts into the private folder, never into a public one', async () => {
    const target = join(scratch, 'import-drafts');
    await cp('tests/fixtures/minimal', target, { recursive: true });
    const file = join(scratch, 'draft.json');
    await writeFile(file, JSON.stringify(GHSA));
    const refused = await run('import', 'osv', file, '--create-projects', '--content', target);
    expect(refused.code).toBe(2);
    expect(refused.err).toContain('drafts stay out of a public content folder: set DISCLOSE_PRIVATE_CONTENT');
    const privateDir = join(scratch, 'import-drafts-private');
    await mkdir(privateDir, { recursive: true });
    process.env['DISCLOSE_PRIVATE_CONTENT'] = privateDir;
    try {
      const result = await run('import', 'osv', file, '--create-projects', '--content', target);
      expect(result.code).toBe(0);
      expect(result.out).toContain('created project conformance-multi for npm package @conformance/multi');
      const written = await readFile(join(privateDir, 'advisories', '2026', 'MIN-2026-0001.md'), 'utf8');
      expect(written).toContain('draft: true');
    } finally {
      delete process.env['DISCLOSE_PRIVATE_CONTENT'];
    }
  });

  test('--project never moves a package silently into a project that does not publish it', async () => {
    const target = join(scratch, 'import-project');
    await cp('tests/fixtures/outputs', target, { recursive: true });
    const file = join(scratch, 'other-project.json');
    await writeFile(file, JSON.stringify(GHSA));
    const result = await run('import', 'osv', file, '--publish', '--project', 'alpha', '--content', target);
    expect(result.code).toBe(1);
    expect(result.err).toContain('--project alpha does not publish npm package @conformance/multi');
    expect(result.err).toContain('imported 0 advisories; 1 could not be imported.');
  });

  test('a record already imported is left alone, or updated in place with --update when the source is newer', async () => {
    const target = join(scratch, 'import-update');
    await cp('tests/fixtures/outputs', target, { recursive: true });
    const file = join(scratch, 'update.json');
    await writeFile(file, JSON.stringify(GHSA));
    expect((await run('import', 'osv', file, '--publish', '--content', target)).code).toBe(0);
    const path = join(target, 'advisories', '2026', 'CURL-2026-0004.md');
    const first = await readFile(path, 'utf8');

    const again = await run('import', 'osv', file, '--publish', '--content', target);
    expect(again.out).toContain('GHSA-9x7c-4m5p-2q3r is already imported as CURL-2026-0004; unchanged');
    expect(await readFile(path, 'utf8')).toBe(first);

    // Found by its alias too, and newer: only --update takes it.
    const newer = {
      ...GHSA,
      id: 'GHSA-other-id',
      aliases: ['GHSA-9x7c-4m5p-2q3r'],
      modified: '2026-07-01T00:00:00Z',
      summary: 'Renamed',
    };
    await writeFile(file, JSON.stringify(newer));
    const without = await run('import', 'osv', file, '--publish', '--content', target);
    expect(without.out).toContain('is newer than CURL-2026-0004; pass --update to update it');
    expect(await readFile(path, 'utf8')).toBe(first);
    const updated = await run('import', 'osv', file, '--publish', '--update', '--content', target);
    expect(updated.out).toContain('(updated)');
    const text = await readFile(path, 'utf8');
    expect(text).toContain('id: CURL-2026-0004');
    expect(text).toContain('summary: Renamed');
    const { content } = await loadContent(target);
    expect(content?.advisories.filter((a) => a.data.imported)).toHaveLength(1);
  });
});

/** A GitHub advisory as its database publishes it, for a package of the outputs fixture. */
const GHSA = {
  schema_version: '1.6.0',
  id: 'GHSA-9x7c-4m5p-2q3r',
  modified: '2026-06-02T00:00:00Z',
  published: '2026-06-01T00:00:00Z',
  aliases: ['CVE-2026-20001'],
  summary: 'Prototype pollution in the options parser',
  details: 'Merging user options into defaults pollutes `Object.prototype`.',
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' }],
  affected: [
    {
      package: { ecosystem: 'npm', name: '@conformance/multi' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '1.0.9' }] }],
      database_specific: { source: 'https://github.com/advisories' },
      ecosystem_specific: { affected_functions: ['merge'] },
    },
  ],
  references: [
    { type: 'WEB', url: 'http://insecure.example/post' },
    { type: 'PACKAGE', url: 'https://www.npmjs.com/package/@conformance/multi' },
  ],
  database_specific: { severity: 'MODERATE', cwe_ids: ['CWE-1321'], github_reviewed: true },
};

describe('disclose sync', () => {
  let site: string;
  let tamperedSite: string;
  let servers: Server[] = [];
  const repo = async (name: string) => {
    const dir = join(scratch, 'repos', name);
    await mkdir(dir, { recursive: true });
    return dir;
  };
  beforeAll(async () => {
    const out = join(scratch, 'site');
    const { code, output } = await buildSite('content', out);
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    const tampered = join(scratch, 'tampered');
    await cp(out, tampered, { recursive: true });
    const md = join(tampered, 'projects', 'beacon', 'SECURITY.md');
    await writeFile(md, `${await readFile(md, 'utf8')}\nReport to evil@example.org instead.\n`);
    const served = await Promise.all([serveStatic(out, '/'), serveStatic(tampered, '/')]);
    servers = served.map((s) => s.server);
    [site, tamperedSite] = served.map((s) => s.url) as [string, string];
  });
  afterAll(async () => {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  });

  test('the marker it looks for is the one the renderer writes', () => {
    expect(GENERATED_MARKER).toBe(RENDERER_MARKER);
  });

  test('writes a fresh copy, then finds it up to date; --check reports drift with a diff', async () => {
    const dir = await repo('fresh');
    const write = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir);
    expect(write.code).toBe(0);
    expect(write.err).toContain('wrote ');
    const upstream = await (await fetch(new URL('projects/beacon/SECURITY.md', site))).text();
    expect(await readFile(join(dir, 'SECURITY.md'), 'utf8')).toBe(upstream);

    const again = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir, '--check');
    expect(again.code).toBe(0);
    expect(again.err).toContain('is up to date');

    await writeFile(
      join(dir, 'SECURITY.md'),
      upstream.replace('## Supported versions', '## Versions we support'),
    );
    const drift = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir, '--check');
    expect(drift.code).toBe(1);
    expect(drift.out).toContain('-## Versions we support\n+## Supported versions');
    expect(drift.out).toMatch(/^--- a\/SECURITY\.md\n\+\+\+ b\/SECURITY\.md/);
    expect(drift.err).toContain('differs from');
    expect(await readFile(join(dir, 'SECURITY.md'), 'utf8')).toContain('## Versions we support');
  });

  test('keeps the file where GitHub already finds it', async () => {
    const dir = await repo('dotgithub');
    await mkdir(join(dir, '.github'));
    await writeFile(join(dir, '.github', 'SECURITY.md'), `<!-- ${GENERATED_MARKER}: old -->\nold\n`);
    const result = await run('sync', '--site', site, '--project', 'lumen', '--dir', dir);
    expect(result.code).toBe(0);
    expect(await readFile(join(dir, '.github', 'SECURITY.md'), 'utf8')).toContain('lumen');
    expect(await readdir(dir)).toEqual(['.github']);
  });

  test('refuses, writing nothing: unknown project, tampered checksum, hand-written file, unreachable site', async () => {
    const dir = await repo('refusals');
    const unknown = await run('sync', '--site', site, '--project', 'nope', '--dir', dir);
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('unknown project "nope": ');
    expect(unknown.err).toContain('publishes a SECURITY.md for beacon, ember, glimmer, lumen');

    const tampered = await run('sync', '--site', tamperedSite, '--project', 'beacon', '--dir', dir);
    expect(tampered.code).toBe(1);
    expect(tampered.err).toContain('checksum mismatch');

    const unreachable = await run(
      'sync',
      '--site',
      'http://127.0.0.1:9/',
      '--project',
      'beacon',
      '--dir',
      dir,
    );
    expect(unreachable.code).toBe(3);
    expect(unreachable.err).toContain('could not fetch http://127.0.0.1:9/disclose-manifest.json');
    expect(await readdir(dir)).toEqual([]);

    await writeFile(join(dir, 'SECURITY.md'), '# Our security policy\n\nMail us.\n');
    const handWritten = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir);
    expect(handWritten.code).toBe(1);
    expect(handWritten.err).toContain('is hand-written');
    expect(await readFile(join(dir, 'SECURITY.md'), 'utf8')).toBe('# Our security policy\n\nMail us.\n');
    const forced = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir, '--force');
    expect(forced.code).toBe(0);
    expect(await readFile(join(dir, 'SECURITY.md'), 'utf8')).toContain(GENERATED_MARKER);
  });

  test('runs with Node alone, from a folder with no dependencies installed', async () => {
    const alone = join(scratch, 'alone');
    await mkdir(alone);
    await copyFile('sync/disclose-sync.mjs', join(alone, 'disclose-sync.mjs'));
    const { code, output } = await new Promise<{ code: number | null; output: string }>((resolve) => {
      const child = spawn(process.execPath, ['disclose-sync.mjs', '--site', site, '--project', 'ember'], {
        cwd: alone,
      });
      let output = '';
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.on('close', (status) => resolve({ code: status, output }));
    });
    expect(output).toContain('wrote SECURITY.md');
    expect(code).toBe(0);
    expect(await readFile(join(alone, 'SECURITY.md'), 'utf8')).toContain('ember');
  });
});
