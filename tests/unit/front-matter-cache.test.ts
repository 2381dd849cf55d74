import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { codeKey } from '../../src/integration/build-cache.ts';
import { FrontMatterCache } from '../../src/lib/content/front-matter-cache.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { readSourceFile } from '../../src/lib/content/source-file.ts';

// An incremental build takes the front matter it parsed last time from the build cache instead of
// parsing the YAML again; what it reads must be what the YAML says, whatever the file holds.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-front-matter-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const CODE = 'a'.repeat(64);

/** Every content file of the demo, the examples and the test fixtures: real front matter of every shape, and broken ones. */
const advisoryFiles = (
  await Promise.all(
    ['content', 'examples', 'tests/fixtures'].map(async (root) =>
      (await readdir(root, { recursive: true }))
        .filter((name) => /\.(?:md|ya?ml)$/.test(name) && !name.includes('osv-corpus'))
        .map((name) => join(root, name)),
    ),
  )
).flat();

/** The keys of what was read, as the integration passes those of public advisories. */
const keysOf = (sources: ({ parsedAs?: string } | undefined)[]) =>
  new Set(sources.flatMap((source) => (source?.parsedAs ? [source.parsedAs] : [])));

describe('front matter from the build cache', () => {
  test('gives back exactly what parsing the YAML gives, for every real content file', async () => {
    const dir = await mkdtemp(join(scratch, 'real-'));
    expect(advisoryFiles.length).toBeGreaterThan(100);
    const first = new FrontMatterCache(dir, CODE);
    const sources = advisoryFiles.map((file) => readSourceFile(file, [], first));
    const parsed = sources.map((source) => source?.data);
    first.save(keysOf(sources));
    const again = new FrontMatterCache(dir, CODE);
    for (const [i, file] of advisoryFiles.entries()) {
      const fromCache = readSourceFile(file, [], again)?.data;
      expect(fromCache, file).toEqual(parsed[i]);
      // The same key order too: the build cache's keys are made from the data as written.
      expect(JSON.stringify(fromCache), file).toBe(JSON.stringify(readSourceFile(file, [])?.data));
    }
    // Nothing new was parsed the second time, so nothing was written.
    const before = await readFile(join(dir, `front-matter.${CODE.slice(0, 16)}.jsonl`), 'utf8');
    again.save(keysOf(sources));
    expect(await readFile(join(dir, `front-matter.${CODE.slice(0, 16)}.jsonl`), 'utf8')).toBe(before);
  });

  test('a whole content set checks the same with it, the first time and the next', async () => {
    const dir = await mkdtemp(join(scratch, 'content-'));
    const plain = await loadContent('content');
    for (let build = 0; build < 2; build++) {
      const parsed = new FrontMatterCache(dir, CODE);
      const cached = await loadContent('content', { parsed });
      parsed.save(keysOf(cached.content?.advisories.map((a) => a.source) ?? []));
      expect(cached.problems).toEqual(plain.problems);
      expect(cached.content?.advisories.map((a) => a.data)).toEqual(
        plain.content?.advisories.map((a) => a.data),
      );
    }
  });

  test('values JSON cannot carry are parsed each time, and a line cut short is skipped', async () => {
    const dir = await mkdtemp(join(scratch, 'odd-'));
    const file = join(dir, 'odd.md');
    await writeFile(file, '---\nid: ODD-1\nscore: .nan\nlimit: .inf\n---\nBody\n');
    const normal = join(dir, 'normal.md');
    await writeFile(normal, '---\nid: ODD-2\nsummary: Fine\n---\nBody\n');
    const first = new FrontMatterCache(dir, CODE);
    first.save(keysOf([readSourceFile(file, [], first), readSourceFile(normal, [], first)]));
    const cacheFile = join(dir, `front-matter.${CODE.slice(0, 16)}.jsonl`);
    const lines = (await readFile(cacheFile, 'utf8')).split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    // What a build killed while appending leaves.
    await appendFile(cacheFile, '{"h":"abc","d":{"id":');
    const again = new FrontMatterCache(dir, CODE);
    const odd = readSourceFile(file, [], again)?.data as { score: number; limit: number };
    expect(Number.isNaN(odd.score)).toBe(true);
    expect(odd.limit).toBe(Number.POSITIVE_INFINITY);
    expect(readSourceFile(normal, [], again)?.data).toEqual({ id: 'ODD-2', summary: 'Fine' });
  });

  test('only the front matter it is told is public is written', async () => {
    const dir = await mkdtemp(join(scratch, 'public-'));
    const parsed = new FrontMatterCache(dir, CODE);
    const read = async (name: string, summary: string) => {
      await writeFile(join(dir, name), `---\nid: ${name}\nsummary: ${summary}\n---\n`);
      return readSourceFile(join(dir, name), [], parsed);
    };
    const published = await read('A-1.md', 'PUBLISHEDSUMMARY');
    await read('A-2.md', 'EMBARGOEDSUMMARY');
    parsed.save(keysOf([published]));
    const written = await readFile(join(dir, `front-matter.${CODE.slice(0, 16)}.jsonl`), 'utf8');
    expect(written).toContain('PUBLISHEDSUMMARY');
    expect(written).not.toContain('EMBARGOEDSUMMARY');
  });

  test('front matter no file has any more is dropped once it outnumbers the rest, and other code’s file goes', async () => {
    const dir = await mkdtemp(join(scratch, 'compact-'));
    const other = join(dir, `front-matter.${'b'.repeat(16)}.jsonl`);
    await writeFile(other, '{"h":"x","d":{}}\n');
    const file = join(dir, 'a.md');
    for (let edit = 0; edit < 4; edit++) {
      await writeFile(file, `---\nid: EDIT-1\nsummary: Edit ${edit}\n---\n`);
      const parsed = new FrontMatterCache(dir, CODE);
      parsed.save(keysOf([readSourceFile(file, [], parsed)]));
    }
    expect(await readdir(dir)).not.toContain(`front-matter.${'b'.repeat(16)}.jsonl`);
    const lines = (await readFile(join(dir, `front-matter.${CODE.slice(0, 16)}.jsonl`), 'utf8'))
      .split('\n')
      .filter(Boolean);
    // Never more than twice what is live: here one entry, and at most one left over from an edit.
    expect(lines.length).toBeLessThanOrEqual(2);
    expect(lines.at(-1)).toContain('Edit 3');
  });
});

describe('the key it is kept under', () => {
  test('changes with the YAML parser’s version, so an upgrade of js-yaml parses every front matter again', async () => {
    const root = await mkdtemp(join(scratch, 'root-'));
    const src = join(root, 'src');
    await mkdir(src);
    await writeFile(join(src, 'index.ts'), 'export {};\n');
    const keyWith = async (version: string) => {
      await mkdir(join(root, 'node_modules', 'js-yaml'), { recursive: true });
      await writeFile(join(root, 'node_modules', 'js-yaml', 'package.json'), JSON.stringify({ version }));
      return codeKey(src, root);
    };
    const before = await keyWith('4.1.0');
    expect(await keyWith('4.1.0')).toBe(before);
    expect(await keyWith('4.2.0')).not.toBe(before);
  });
});
