import { cp, mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { buildSite } from '../support/build-site.ts';
import { disclose as run } from '../support/cli.ts';

// One rule for which files are content, and one reader of front matter: the checker and the build
// agree on every file, and an advisory is either everywhere or nowhere.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-rules-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const MINIMAL_ORGANISATION = await readFile('tests/fixtures/minimal/organisation.yaml', 'utf8');

let count = 0;
/** A fresh copy of the minimal content set, with the given files added (paths under it). */
async function contentWith(files: Record<string, string | Buffer> = {}): Promise<string> {
  const dir = join(scratch, `content-${++count}`);
  await cp('tests/fixtures/minimal', dir, { recursive: true });
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

function advisory(id: string, extra = '', body = 'Details.\n'): string {
  return `---
id: ${id}
summary: Something is wrong in alpha
published: 2026-03-01T10:00:00Z
severity: high
affected:
  - project: alpha
    ranges:
      - events:
          - introduced: '0'
          - fixed: 1.0.1
${extra}---

${body}`;
}

async function problems(dir: string | { content: string; private?: string }): Promise<string[]> {
  const shown = (text: string) =>
    text.replaceAll(`${relative(process.cwd(), typeof dir === 'string' ? dir : dir.content)}/`, '');
  return (await loadContent(dir)).problems.map((p) => shown(formatProblem(p)));
}

describe('which files are content', () => {
  test.each([
    [
      'a hidden folder',
      'advisories/.wip/MIN-2026-0002.md',
      'advisories/.wip: (file): is a hidden folder, which Disclose does not read',
    ],
    [
      'a hidden file',
      'advisories/.MIN-2026-0002.md',
      'advisories/.MIN-2026-0002.md: (file): is a hidden file, which Disclose does not read',
    ],
    [
      'an upper-case extension',
      'advisories/MIN-2026-0002.MD',
      'advisories/MIN-2026-0002.MD: (file): is not read: files in advisories/ must end in .md',
    ],
    [
      'a .markdown file',
      'advisories/MIN-2026-0002.markdown',
      'advisories/MIN-2026-0002.markdown: (file): is not read',
    ],
    [
      'an .mdx advisory',
      'advisories/2026/MIN-2026-0002.mdx',
      'advisories/2026/MIN-2026-0002.mdx: (file): is not read',
    ],
    [
      'a project in a sub-folder',
      'projects/more/beta.md',
      'projects/more: (file): is a sub-folder, which Disclose does not read in projects/',
    ],
  ])('%s that looks like content is an error, not silence', async (_, path, message) => {
    const dir = await contentWith({ [path]: advisory('MIN-2026-0002') });
    expect((await problems(dir)).join('\n')).toContain(message);
  });

  test('a symbolic link to an advisory is an error, whether it points at a file or a folder', async () => {
    const dir = await contentWith({ 'elsewhere/MIN-2026-0002.md': advisory('MIN-2026-0002') });
    await mkdir(join(dir, 'advisories'), { recursive: true });
    await symlink(join(dir, 'elsewhere', 'MIN-2026-0002.md'), join(dir, 'advisories', 'MIN-2026-0002.md'));
    await symlink(join(dir, 'elsewhere'), join(dir, 'advisories', 'linked'));
    const found = await problems(dir);
    expect(found).toContainEqual(
      expect.stringContaining('advisories/MIN-2026-0002.md: (file): is a symbolic link'),
    );
    expect(found).toContainEqual(expect.stringContaining('advisories/linked: (file): is a symbolic link'));
  });

  test('ordinary hidden files that are not content (.gitkeep, .DS_Store) are left alone', async () => {
    const dir = await contentWith({ 'advisories/.gitkeep': '', 'advisories/.DS_Store': 'x' });
    expect(await problems(dir)).toEqual([]);
  });

  test('an advisory in a hidden folder fails the build and reaches no output', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001'),
      'advisories/.wip/MIN-2026-0002.md': advisory('MIN-2026-0002', '', 'HIDDENCANARY\n'),
    });
    const out = join(scratch, 'hidden-out');
    const { code, output } = await buildSite(dir, out, { DISCLOSE_NOW: '2026-06-01T00:00:00Z' });
    expect(code).not.toBe(0);
    expect(output).toContain('is a hidden folder');
    expect(existsSync(out)).toBe(false);
  });
});

describe('one reader of front matter', () => {
  test('a byte-order mark and blank lines before the front matter read the same in check and build', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': `\uFEFF\n\n${advisory('MIN-2026-0001', '', 'BOMCANARY details.\n')}`,
    });
    expect(await problems(dir)).toEqual([]);
    const out = join(scratch, 'bom-out');
    const { code, output } = await buildSite(dir, out, { DISCLOSE_NOW: '2026-06-01T00:00:00Z' });
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    expect(await readFile(join(out, 'advisories', 'MIN-2026-0001', 'index.html'), 'utf8')).toContain(
      'BOMCANARY',
    );
    const osv = JSON.parse(await readFile(join(out, 'osv', 'x_MIN-2026-0001.json'), 'utf8')) as {
      details: string;
    };
    expect(osv.details).toContain('BOMCANARY');
  });

  test('TOML front matter is named, and the line of a problem counts the blank lines before it', async () => {
    const toml = await contentWith({ 'advisories/MIN-2026-0001.md': '+++\nid = "MIN-2026-0001"\n+++\n' });
    expect(await problems(toml)).toContainEqual(
      expect.stringContaining(
        'MIN-2026-0001.md:1: (file): has TOML front matter (+++), which Disclose does not read',
      ),
    );
    const shifted = await contentWith({
      'advisories/MIN-2026-0001.md': `\n\n${advisory('MIN-2026-0001').replace('severity: high', 'severity: urgent')}`,
    });
    expect(await problems(shifted)).toContainEqual(
      expect.stringMatching(/MIN-2026-0001\.md:7: severity: unknown severity "urgent"/),
    );
  });

  test('bytes that are not UTF-8 are an error naming the file and the line', async () => {
    const text = Buffer.from(advisory('MIN-2026-0001', '', 'Fine.\nCaf\xe9 latin-1 here.\n'), 'latin1');
    const dir = await contentWith({ 'advisories/MIN-2026-0001.md': text });
    expect(await problems(dir)).toEqual([
      'advisories/MIN-2026-0001.md:15: (file): is not UTF-8 text; save the file as UTF-8 in your editor',
    ]);
  });

  test('files of every size read whole, one after another: a long body, one too long, and short ones', async () => {
    // Each file is read into a buffer the next one reuses: bodies across its first size (64 KiB)
    // and many times it, among ordinary files, must each read as written.
    const long = `${'Ünïcödé détails, line after line. '.repeat(2500)}\n`;
    const tooLong = `${'x'.repeat(1 << 20)}\n`;
    const dir = await contentWith({
      'advisories/MIN-2026-0002.md': advisory('MIN-2026-0002', '', long),
      'advisories/MIN-2026-0003.md': advisory('MIN-2026-0003', '', tooLong),
      'advisories/MIN-2026-0004.md': advisory('MIN-2026-0004', '', 'Short.\n'),
    });
    const { problems: found, content } = await loadContent(dir);
    expect(found.map((p) => formatProblem(p).replaceAll(`${relative(process.cwd(), dir)}/`, ''))).toEqual([
      'advisories/MIN-2026-0003.md:13: (body): is 1049 kB of Markdown, more than the 200 kB an advisory may have; link to long material instead',
    ]);
    expect(content).toBeUndefined();
    const clean = await contentWith({
      'advisories/MIN-2026-0002.md': advisory('MIN-2026-0002', '', long),
      'advisories/MIN-2026-0004.md': advisory('MIN-2026-0004', '', 'Short.\n'),
    });
    const read = (await loadContent(clean)).content?.advisories;
    expect(read?.find((a) => a.data.id === 'MIN-2026-0002')?.source.body).toBe(`\n${long}`);
    expect(read?.find((a) => a.data.id === 'MIN-2026-0004')?.source.body).toBe('\nShort.\n');
  });

  test('check compiles MDX policy pages: a syntax error has its file and line', async () => {
    const dir = await contentWith({
      'policy/broken.mdx':
        '---\ntitle: Broken\ndescription: A page that does not compile.\n---\n\nFine line.\n\n<Roles\n\nand {an unclosed expression\n',
    });
    const found = await problems(dir);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatch(/^policy\/broken\.mdx:\d+: \(body\): is not valid MDX: /);
  });
});

describe('publication rules that cannot surprise', () => {
  const NOW = { DISCLOSE_NOW: '2026-06-01T00:00:00Z' };
  const withNow = async <T>(fn: () => Promise<T>): Promise<T> => {
    process.env['DISCLOSE_NOW'] = NOW.DISCLOSE_NOW;
    try {
      return await fn();
    } finally {
      delete process.env['DISCLOSE_NOW'];
    }
  };
  const privateVisibility = {
    'organisation.yaml': `${MINIMAL_ORGANISATION}contentVisibility: private\n`,
  };

  test('a public advisory that names a draft, embargoed or missing advisory of ours is an error', async () => {
    const dir = await contentWith({
      ...privateVisibility,
      'advisories/MIN-2026-0001.md': advisory(
        'MIN-2026-0001',
        'aliases: [CVE-2026-1111]\nrelated: [MIN-2026-0002, x_MIN-2026-0003, MIN-2026-0009, GHSA-2222-3333-4444]\n',
      ),
      'advisories/MIN-2026-0002.md': advisory('MIN-2026-0002', 'draft: true\n'),
      'advisories/MIN-2026-0003.md': advisory('MIN-2026-0003', 'embargo: 2026-09-01T00:00:00Z\n'),
    });
    const found = await withNow(() => problems(dir));
    expect(found).toEqual([
      expect.stringContaining(
        'MIN-2026-0001.md:13: related[0]: names MIN-2026-0002, which is a draft; a public advisory would reveal it',
      ),
      expect.stringContaining(
        'MIN-2026-0001.md:13: related[1]: names x_MIN-2026-0003, which is still embargoed',
      ),
      expect.stringContaining(
        'MIN-2026-0001.md:13: related[2]: names MIN-2026-0009, but there is no advisory MIN-2026-0009',
      ),
    ]);
  });

  test('published in the future without an embargo is an error that says to use embargo', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001').replace(
        '2026-03-01T10:00:00Z',
        '2026-07-01T10:00:00Z',
      ),
    });
    expect(await withNow(() => problems(dir))).toEqual([
      'advisories/MIN-2026-0001.md:4: published: 2026-07-01T10:00:00Z is in the future; to publish at a set time, add embargo: 2026-07-01T10:00:00Z (with its time zone), which keeps it out of every build until then',
    ]);
  });

  test.each([
    ['a date without a time', '2026-09-01', '"2026-09-01" must be a date-time with a time zone'],
    [
      'a time without a zone',
      '2026-09-01T10:00:00',
      '"2026-09-01T10:00:00" must be a date-time with a time zone',
    ],
    ['30 February', '2026-02-30T10:00:00Z', 'is not a real date-time'],
  ])('an embargo with %s is an error', async (_, embargo, message) => {
    const dir = await contentWith({
      ...privateVisibility,
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001', `embargo: ${embargo}\n`),
    });
    expect((await withNow(() => problems(dir))).join('\n')).toContain(`embargo: ${message}`);
  });

  test('two ids with the same number are duplicates', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001'),
      'advisories/MIN-2026-00001.md': advisory('MIN-2026-00001'),
    });
    expect(await withNow(() => problems(dir))).toContainEqual(
      expect.stringContaining('id: "MIN-2026-0001" has the same number as "MIN-2026-00001"'),
    );
  });

  test('a placeholder spelled with YAML escapes is still a placeholder', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001', 'credits:\n  - name: "\\x54ODO"\n'),
    });
    expect(await withNow(() => problems(dir))).toContainEqual(
      expect.stringContaining('credits[0].name: still holds the TODO placeholder'),
    );
  });

  test('a placeholder in the body is named at its line; the word inside another is not one', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001', '', 'Details.\n\nThe fix: TODO.\n'),
      'advisories/MIN-2026-0002.md': advisory('MIN-2026-0002', '', 'Details.\n\nSee TODOS and todo.\n'),
    });
    const found = (await withNow(() => problems(dir))).filter((p) => p.includes('(body)'));
    expect(found).toEqual([
      'advisories/MIN-2026-0001.md:16: (body): still holds the TODO placeholder from disclose new; write the text',
    ]);
  });

  test('DISCLOSE_NOW without a zone, or not a date, stops the build with one clear line', async () => {
    const dir = await contentWith();
    for (const [now, message] of [
      ['2026-06-01T00:00:00', 'DISCLOSE_NOW="2026-06-01T00:00:00" has no time zone'],
      ['next tuesday', 'DISCLOSE_NOW="next tuesday" is not a date-time with a time zone'],
    ] as const) {
      const { code, output } = await buildSite(dir, join(scratch, 'clock-out'), { DISCLOSE_NOW: now });
      expect(code).not.toBe(0);
      expect(output).toContain(message);
      expect(output).not.toMatch(/\n\s+at /);
    }
    const ok = await buildSite(dir, join(scratch, 'clock-out'), {
      DISCLOSE_NOW: '2026-06-01T02:00:00+02:00',
    });
    expect(ok.code).toBe(0);
    expect(ok.output).toContain('building as of 2026-06-01T00:00:00.000Z (DISCLOSE_NOW)');
  });
});

describe('undisclosed advisories stay out of public repositories', () => {
  test('a draft or embargoed advisory in a public content folder is an error check reports in words', async () => {
    const dir = await contentWith({
      'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001', 'draft: true\n'),
      'advisories/MIN-2026-0002.md': advisory('MIN-2026-0002', 'embargo: 2099-01-01T00:00:00Z\n'),
    });
    const result = await run('check', '--content', dir, '--undisclosed');
    expect(result.code).toBe(1);
    expect(result.err).toContain('MIN-2026-0001.md:');
    expect(result.err).toContain(
      'draft: is a draft, but it is in the public content folder: anyone can read it the moment it is pushed',
    );
    expect(result.err).toContain(
      'embargo: is embargoed until 2099-01-01T00:00:00Z, but it is in the public content folder',
    );
  });

  test('the same advisories in the private content folder build, and reach no file of the site', async () => {
    const dir = await contentWith({ 'advisories/MIN-2026-0001.md': advisory('MIN-2026-0001') });
    const secret = join(scratch, 'private');
    await mkdir(join(secret, 'advisories'), { recursive: true });
    await writeFile(
      join(secret, 'advisories', 'MIN-2026-0002.md'),
      advisory('MIN-2026-0002', 'embargo: 2099-01-01T00:00:00Z\n', 'PRIVATECANARY\n'),
    );
    await writeFile(
      join(secret, 'advisories', 'MIN-2026-0003.md'),
      advisory('MIN-2026-0003', '', 'LIFTEDCANARY\n'),
    );
    expect((await run('check', '--content', dir, '--private', secret)).code).toBe(0);
    const out = join(scratch, 'private-out');
    const { code, output } = await buildSite(dir, out, {
      DISCLOSE_PRIVATE_CONTENT: secret,
      DISCLOSE_NOW: '2026-06-01T00:00:00Z',
    });
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    // The embargo of 0003 (none) has passed: published from the private folder, page and OSV alike.
    expect(await readFile(join(out, 'advisories', 'MIN-2026-0003', 'index.html'), 'utf8')).toContain(
      'LIFTEDCANARY',
    );
    expect(existsSync(join(out, 'osv', 'x_MIN-2026-0003.json'))).toBe(true);
    expect(existsSync(join(out, 'advisories', 'MIN-2026-0002'))).toBe(false);
    expect(existsSync(join(out, 'osv', 'x_MIN-2026-0002.json'))).toBe(false);
  });
});
