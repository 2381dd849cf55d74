import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { basename, join } from 'node:path';
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { codeFolders, codeKey } from '../../src/integration/build-cache.ts';
import { FrontMatterCache } from '../../src/lib/content/front-matter-cache.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';

// An incremental build takes each unchanged advisory's front matter as the last build checked it
// from the build cache, instead of parsing and validating the YAML again: the content must check
// exactly as it does without the cache, the first time and every time after.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-front-matter-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const CODE = 'a'.repeat(64);
/** A key as the cache makes them, from a YAML text. */
const k = (yaml: string) => FrontMatterCache.key(yaml);
const cacheFile = (dir: string) => join(dir, `front-matter.${CODE.slice(0, 16)}.jsonl`);

/** Every content folder of the repository: the demo, the examples and the test fixtures. */
const contentFolders = (
  await Promise.all(
    ['content', 'examples', 'tests/fixtures'].map(async (root) =>
      (await readdir(root, { recursive: true }))
        .filter((name) => name === 'organisation.yaml' || name.endsWith('/organisation.yaml'))
        .map((name) => join(root, name, '..')),
    ),
  )
).flat();

/** The keys of the advisories that checked, as the integration passes those of public advisories. */
const keysOf = (content: Awaited<ReturnType<typeof loadContent>>['content']) =>
  new Set(content?.advisories.flatMap((a) => (a.source.checkedAs ? [a.source.checkedAs] : [])) ?? []);

/**
 * What a build does once the checks pass: records the front matter checked afresh, and writes it,
 * with what the advisories' checks depended on.
 */
function saveChecked(
  checked: FrontMatterCache,
  { content, checks }: Awaited<ReturnType<typeof loadContent>>,
) {
  for (const advisory of content?.advisories ?? [])
    if (advisory.source.checkedAs !== undefined && advisory.source.checked === undefined)
      checked.set(advisory.source.checkedAs, advisory.data);
  checked.save(keysOf(content), checks);
}

/** The content as checked, in a form that tells dates, key order and absent values apart. */
const shown = (result: Awaited<ReturnType<typeof loadContent>>) => ({
  problems: result.problems,
  advisories: result.content?.advisories.map((a) => ({
    json: JSON.stringify(a.data),
    data: a.data,
    private: a.private,
    body: a.source.body,
  })),
});

describe('checked front matter from the build cache', () => {
  test('every content folder of the repository checks the same with it as without, the first time and the next', async () => {
    expect(contentFolders.length).toBeGreaterThan(5);
    for (const folder of contentFolders) {
      const dir = await mkdtemp(join(scratch, 'real-'));
      const plain = shown(await loadContent(folder));
      for (let build = 0; build < 2; build++) {
        const checked = new FrontMatterCache(dir, CODE);
        const result = await loadContent(folder, { checked });
        saveChecked(checked, result);
        expect(shown(result), folder).toEqual(plain);
        // The second time, every advisory comes from the cache, and passed its checks in the last build.
        if (build === 1) {
          const passed =
            result.checks && checked.passedChecks(result.checks.context, new Date(result.checks.at));
          for (const advisory of result.content?.advisories ?? []) {
            expect(advisory.source.checked, advisory.source.path).toBe(advisory.data);
            expect(passed?.has(advisory.source.checkedAs ?? ''), advisory.source.path).toBe(true);
          }
        }
      }
    }
  });

  test('gives the value without parsing the YAML, which is parsed only if asked for', async () => {
    const dir = await mkdtemp(join(scratch, 'lazy-'));
    const content = join(dir, 'content');
    await cp('tests/fixtures/outputs', content, { recursive: true });
    const first = new FrontMatterCache(dir, CODE);
    saveChecked(first, await loadContent(content, { checked: first }));
    const again = await loadContent(content, { checked: new FrontMatterCache(dir, CODE) });
    const advisory = again.content?.advisories[0];
    expect(advisory?.source.checked).toBe(advisory?.data);
    // As written: the YAML's text, where the checked value has dates.
    const written = advisory?.source.data as { id?: unknown; published?: unknown } | undefined;
    expect(written?.id).toBe(advisory?.data.id);
    expect(typeof written?.published).toBe('string');
    expect(advisory?.data.published).toBeInstanceOf(Date);
  });

  test('values keep their type; values it cannot give back are checked each time; a line cut short is skipped', async () => {
    const dir = await mkdtemp(join(scratch, 'odd-'));
    const first = new FrontMatterCache(dir, CODE);
    const value = {
      at: new Date('2026-01-02T03:04:05.678Z'),
      dates: [new Date(0)],
      nested: { list: [1, 'two', null, true], text: 'line\nbreak \u2028 "quoted"' },
    };
    first.set(k('k1'), value);
    const refused = {
      k2: new Map([['a', 1]]),
      k3: Object.assign(Object.create({ inherited: true }) as object, { own: 1 }),
      k4: { score: Number.NaN },
      k5: { none: undefined },
      k6: JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
      k7: { when: new Date(Number.NaN) },
      k8: { '\u0000date': 5 },
      k9: { zero: -0 },
    };
    for (const [name, odd] of Object.entries(refused)) first.set(k(name), odd);
    first.save(new Set([k('k1'), ...Object.keys(refused).map(k)]));
    const again = new FrontMatterCache(dir, CODE);
    expect(again.get(k('k1'))).toStrictEqual(value);
    expect(new FrontMatterCache(dir, CODE).get(k('k1'))).toStrictEqual(value);
    for (const name of Object.keys(refused)) expect(again.get(k(name)), name).toBeUndefined();
    // What a build killed while appending leaves: the whole lines still read, and the file is
    // written again, whole, by the next build.
    await appendFile(cacheFile(dir), `{"h":"${k('k10')}","d":12345`);
    const cut = new FrontMatterCache(dir, CODE);
    expect(cut.get(k('k10'))).toBeUndefined();
    expect(cut.get(k('k1'))).toStrictEqual(value);
    cut.set(k('k11'), { fine: true });
    cut.save(new Set([k('k1'), k('k10'), k('k11')]));
    const mended = new FrontMatterCache(dir, CODE);
    expect(mended.get(k('k1'))).toStrictEqual(value);
    expect(mended.get(k('k11'))).toEqual({ fine: true });
    expect((await readFile(cacheFile(dir), 'utf8')).endsWith('}\n')).toBe(true);
  });

  test('only the front matter it is told is public is written', async () => {
    const dir = await mkdtemp(join(scratch, 'public-'));
    const checked = new FrontMatterCache(dir, CODE);
    checked.set(k('published'), { id: 'A-1', summary: 'PUBLISHEDSUMMARY' });
    checked.set(k('embargoed'), { id: 'A-2', summary: 'EMBARGOEDSUMMARY' });
    checked.save(new Set([k('published')]));
    const written = await readFile(cacheFile(dir), 'utf8');
    expect(written).toContain('PUBLISHEDSUMMARY');
    expect(written).not.toContain('EMBARGOEDSUMMARY');
  });

  test('front matter no file has any more is dropped once it outnumbers the rest, and other code’s file goes', async () => {
    const dir = await mkdtemp(join(scratch, 'compact-'));
    await writeFile(join(dir, `front-matter.${'b'.repeat(16)}.v8`), 'x');
    await writeFile(join(dir, `front-matter.${'c'.repeat(16)}.jsonl`), '{"h":"x","d":{}}\n');
    const sizes: number[] = [];
    for (let edit = 0; edit < 6; edit++) {
      const checked = new FrontMatterCache(dir, CODE);
      checked.set(k(`edit-${edit}`), { summary: `Edit ${edit}`, padding: 'x'.repeat(1000) });
      checked.save(new Set([k(`edit-${edit}`)]));
      sizes.push((await stat(cacheFile(dir))).size);
    }
    expect(await readdir(dir)).toEqual([`front-matter.${CODE.slice(0, 16)}.jsonl`]);
    // Never more than twice what is live: here one entry, and at most one left over from an edit.
    expect(Math.max(...sizes)).toBeLessThan(3 * sizes[0]!);
    const last = new FrontMatterCache(dir, CODE);
    expect(last.get(k('edit-5'))).toMatchObject({ summary: 'Edit 5' });
    expect(last.get(k('edit-0'))).toBeUndefined();
  });
});

describe('checks an advisory passed in the last build', () => {
  /** The conformance fixture, checked and saved once with the cache as a build does, then changed by `change`. */
  async function changedAfterABuild(
    change: (content: string) => Promise<void>,
    clock = '2026-09-01T00:00:00Z',
  ) {
    const dir = await mkdtemp(join(scratch, 'checks-'));
    const content = join(dir, 'content');
    await cp('tests/fixtures/outputs', content, { recursive: true });
    vi.stubEnv('DISCLOSE_NOW', clock);
    const first = new FrontMatterCache(dir, CODE);
    const built = await loadContent(content, { checked: first });
    expect(built.problems).toEqual([]);
    saveChecked(first, built);
    await change(content);
    return { dir, content };
  }
  afterEach(() => vi.unstubAllEnvs());

  /** Edits a file of the content folder. */
  const edit = async (file: string, from: string | RegExp, to: string) => {
    const text = await readFile(file, 'utf8');
    const changed = text.replace(from, to);
    expect(changed, file).not.toBe(text);
    await writeFile(file, changed);
  };

  test.each([
    [
      'a package of its project is renamed',
      (content: string) =>
        edit(
          join(content, 'projects', 'multi.md'),
          "name: '@conformance/multi'",
          "name: '@conformance/renamed'",
        ),
      'affected[0].package',
    ],
    [
      'its severity gets a CVSS band its score is outside',
      (content: string) =>
        edit(
          join(content, 'severities.yaml'),
          'definition: Bad.',
          'definition: Bad.\n  cvss: { min: 9.5, max: 10 }',
        ),
      'severity',
    ],
    [
      'the organisation names advisories otherwise',
      (content: string) =>
        edit(join(content, 'organisation.yaml'), 'advisoryPrefix: CURL', 'advisoryPrefix: OTHER'),
      'id',
    ],
  ])('the unchanged advisory is checked again when %s', async (_, change, field) => {
    const { dir, content } = await changedAfterABuild(change);
    const plain = await loadContent(content);
    const again = await loadContent(content, { checked: new FrontMatterCache(dir, CODE) });
    expect(again.problems).toEqual(plain.problems);
    expect(again.problems.map((p) => `${basename(p.file)} ${p.field}`)).toContain(
      `CURL-2026-0001.md ${field}`,
    );
  });

  test('a response date is checked again when the build’s clock is set before the last build’s', async () => {
    const { dir, content } = await changedAfterABuild(
      (content) =>
        edit(
          join(content, 'advisories', 'CURL-2026-0003.md'),
          /\n---\n/,
          '\ntimeline:\n  reported: 2026-02-20T00:00:00Z\n---\n',
        ),
      '2026-09-01T00:00:00Z',
    );
    // Checked with the timeline once, so that its front matter is the one the record names.
    const checked = new FrontMatterCache(dir, CODE);
    saveChecked(checked, await loadContent(content, { checked }));
    vi.stubEnv('DISCLOSE_NOW', '2026-02-10T00:00:00Z');
    const plain = await loadContent(content);
    const again = await loadContent(content, { checked: new FrontMatterCache(dir, CODE) });
    expect(again.problems).toEqual(plain.problems);
    expect(again.problems.map((p) => `${basename(p.file)} ${p.field}`)).toContain(
      'CURL-2026-0003.md timeline.reported',
    );
  });

  test('a second file with the id of an advisory that passed is still found', async () => {
    const { dir, content } = await changedAfterABuild(async (content) => {
      await mkdir(join(content, 'advisories', 'again'));
      await cp(
        join(content, 'advisories', 'CURL-2026-0001.md'),
        join(content, 'advisories', 'again', 'CURL-2026-0001.md'),
      );
    });
    const again = await loadContent(content, { checked: new FrontMatterCache(dir, CODE) });
    expect(again.problems).toEqual((await loadContent(content)).problems);
    expect(again.problems.map((p) => p.message).join('\n')).toMatch(/duplicate id "CURL-2026-0001"/);
  });

  test('a record of other code, or one that does not read, checks every advisory', async () => {
    const { dir } = await changedAfterABuild(async () => {});
    const record = join(dir, `checks.${CODE.slice(0, 16)}.json`);
    const { context, at } = JSON.parse(await readFile(record, 'utf8')) as { context: string; at: number };
    expect(new FrontMatterCache(dir, CODE).passedChecks(context, new Date(at))?.size).toBe(3);
    expect(new FrontMatterCache(dir, CODE).passedChecks('other', new Date(at))).toBeUndefined();
    expect(new FrontMatterCache(dir, CODE).passedChecks(context, new Date(at - 1))).toBeUndefined();
    expect(new FrontMatterCache(dir, 'b'.repeat(64)).passedChecks(context, new Date(at))).toBeUndefined();
    await writeFile(record, '{"context":');
    expect(new FrontMatterCache(dir, CODE).passedChecks(context, new Date(at))).toBeUndefined();
    // Saved without a record, the last one goes.
    new FrontMatterCache(dir, CODE).save(new Set());
    expect(await readdir(dir)).not.toContain(`checks.${CODE.slice(0, 16)}.json`);
  });
});

describe('the key it is kept under', () => {
  test('changes with the YAML parser’s version, so an upgrade of js-yaml checks every front matter again', async () => {
    const root = await mkdtemp(join(scratch, 'root-'));
    const src = join(root, 'src');
    await mkdir(src);
    await writeFile(join(src, 'index.ts'), 'export {};\n');
    const keyWith = async (version: string) => {
      await mkdir(join(root, 'node_modules', 'js-yaml'), { recursive: true });
      await writeFile(join(root, 'node_modules', 'js-yaml', 'package.json'), JSON.stringify({ version }));
      return codeKey([src], root);
    };
    const before = await keyWith('4.1.0');
    expect(await keyWith('4.1.0')).toBe(before);
    expect(await keyWith('4.2.0')).not.toBe(before);
  });

  test('changes with the bundled code an installed package runs, under the same version', async () => {
    // An installed package: its src/, and build/ with the integration and the outputs worker, which writes every machine-readable file.
    const root = await mkdtemp(join(scratch, 'installed-'));
    const pkg = join(root, 'node_modules', 'astro-disclose');
    await mkdir(join(pkg, 'src'), { recursive: true });
    await mkdir(join(pkg, 'build'));
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ version: '1.0.0' }));
    await writeFile(join(pkg, 'src', 'content.config.ts'), 'export {};\n');
    await writeFile(join(pkg, 'build', 'outputs-worker.mjs'), 'export const osv = 1;\n');
    const integration = pathToFileURL(join(pkg, 'build', 'integration.mjs'));
    const folders = codeFolders(join(pkg, 'src'), integration, new URL('./outputs-worker.mjs', integration));
    expect(folders).toEqual([join(pkg, 'src'), join(pkg, 'build')]);
    const before = codeKey(folders, root);
    expect(codeKey(folders, root)).toBe(before);
    await writeFile(join(pkg, 'build', 'outputs-worker.mjs'), 'export const osv = 2;\n');
    expect(codeKey(folders, root)).not.toBe(before);
  });

  test('changes with the site’s lockfile and the version installed of each package Disclose renders with, so `npm update` renders everything again', async () => {
    const root = await mkdtemp(join(scratch, 'updated-'));
    const pkg = join(root, 'node_modules', 'astro-disclose');
    const sanitiser = join(root, 'node_modules', 'rehype-sanitize');
    await mkdir(join(pkg, 'src'), { recursive: true });
    await mkdir(sanitiser, { recursive: true });
    await writeFile(
      join(pkg, 'package.json'),
      JSON.stringify({ version: '1.0.0', dependencies: { 'rehype-sanitize': '^6.0.0' } }),
    );
    await writeFile(join(pkg, 'src', 'content.config.ts'), 'export {};\n');
    const installed = (version: string) =>
      writeFile(join(sanitiser, 'package.json'), JSON.stringify({ version }));
    const locked = (text: string) => writeFile(join(root, 'package-lock.json'), text);
    await installed('6.0.0');
    await locked(
      '{ "lockfileVersion": 3, "packages": { "node_modules/hast-util-sanitize": { "version": "5.0.1" } } }\n',
    );
    const key = () => codeKey([join(pkg, 'src')], root);
    const before = key();
    expect(key()).toBe(before);
    // A caret range moved: Disclose's version is the same, the sanitiser is not.
    await installed('6.0.1');
    expect(key()).not.toBe(before);
    await installed('6.0.0');
    expect(key()).toBe(before);
    // A package the sanitiser uses moved: only the lockfile says so.
    await locked(
      '{ "lockfileVersion": 3, "packages": { "node_modules/hast-util-sanitize": { "version": "5.0.2" } } }\n',
    );
    expect(key()).not.toBe(before);
  });

  test('changes with Astro and its validator where a site in a workspace resolves them, from the node_modules above it', async () => {
    // npm, pnpm and Yarn workspaces install the packages of the site in packages/site in the node_modules of the workspace.
    const workspace = await mkdtemp(join(scratch, 'workspace-'));
    const site = join(workspace, 'packages', 'site');
    const modules = join(workspace, 'node_modules');
    const pkg = join(modules, 'astro-disclose');
    await mkdir(join(pkg, 'src'), { recursive: true });
    await mkdir(site, { recursive: true });
    await writeFile(join(pkg, 'package.json'), JSON.stringify({ version: '1.0.0' }));
    await writeFile(join(pkg, 'src', 'content.config.ts'), 'export {};\n');
    const installed = async (path: string, version: string) => {
      await mkdir(join(modules, path), { recursive: true });
      await writeFile(join(modules, path, 'package.json'), JSON.stringify({ version }));
    };
    await installed('astro', '7.3.5');
    await installed('zod', '4.1.0');
    const key = () => codeKey([join(pkg, 'src')], site);
    const before = key();
    expect(key()).toBe(before);
    await installed('astro', '7.3.6');
    expect(key()).not.toBe(before);
    await installed('astro', '7.3.5');
    expect(key()).toBe(before);
    // Astro's own copy of the validator is the one that checks the front matter, not the workspace's.
    await installed('astro/node_modules/zod', '4.2.0');
    expect(key()).not.toBe(before);
  });

  test('is of src/ alone in a checkout, where the integration and its worker run from their TypeScript source', () => {
    const src = join(scratch, 'checkout', 'src');
    const integration = pathToFileURL(join(src, 'integration', 'index.ts'));
    expect(codeFolders(src, integration, new URL('./outputs-worker.ts', integration))).toEqual([src]);
    // Vite loads the integration's source from node_modules, and the worker then runs from the bundle.
    const installed = join(scratch, 'node_modules', 'astro-disclose');
    const source = pathToFileURL(join(installed, 'src', 'integration', 'index.ts'));
    expect(
      codeFolders(join(installed, 'src'), source, new URL('../../build/outputs-worker.mjs', source)),
    ).toEqual([join(installed, 'src'), join(installed, 'build')]);
  });
});
