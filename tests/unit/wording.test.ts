import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../support/build-site.ts';

// Words a reader sees run together or miscounted, checked in the text of a built site with one advisory.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-wording-'));
const out = join(scratch, 'dist');
afterAll(() => rm(scratch, { recursive: true, force: true }));

/** A page's text as a reader reads it: tags gone, white space folded. */
async function text(path: string): Promise<string> {
  const html = await readFile(join(out, path), 'utf8');
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/g, '')
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ');
}

beforeAll(async () => {
  const content = join(scratch, 'content');
  await cp('tests/fixtures/minimal', content, { recursive: true });
  await mkdir(join(content, 'advisories'));
  await writeFile(
    join(content, 'advisories', 'MIN-2026-0001.md'),
    '---\nid: MIN-2026-0001\nsummary: Something is wrong in alpha\npublished: 2026-03-01\nseverity: high\naffected:\n  - project: alpha\n    versions: [1.0.0]\n---\n\nDetails.\n',
  );
  const { code, output } = await buildSite(content, out, { DISCLOSE_NOW: '2026-06-01T00:00:00Z' });
  expect(output).not.toContain('[ERROR]');
  expect(code).toBe(0);
});

describe('words on the page', () => {
  test('one advisory is not "All 1 advisories"', async () => {
    const home = await text('index.html');
    expect(home).not.toContain('All 1 advisories');
    expect(home).toContain('The one advisory');
  });

  test('links keep the spaces around them', async () => {
    expect(await text('advisories/index.html')).toContain('Subscribe: Atom feed · JSON Feed');
    expect(await text('advisories/MIN-2026-0001/index.html')).toContain(
      'Copy it, or download announcement.md.',
    );
  });
});
