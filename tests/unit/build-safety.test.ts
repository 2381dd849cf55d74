import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { removeLeftovers, swapIn } from '../../src/integration/output-folder.ts';
import { buildSite } from '../support/build-site.ts';

// A build never destroys anything: an output folder that would hold the content or the repository
// is refused before anything is deleted, and a build that fails leaves the previous site as it was.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-safety-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

async function content(name: string): Promise<string> {
  const dir = join(scratch, name, 'content');
  await cp('tests/fixtures/minimal', dir, { recursive: true });
  return dir;
}

/** Every file under a folder with its sha256, for byte-for-byte comparison. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    files[path.slice(dir.length)] = createHash('sha256')
      .update(await readFile(path))
      .digest('hex');
  }
  return files;
}

describe('the output folder', () => {
  test.each([
    ['is the content folder', (dir: string) => dir],
    ['contains the content folder', (dir: string) => join(dir, '..')],
    ['is inside the content folder', (dir: string) => join(dir, 'site')],
  ])('is refused when it %s, and nothing is deleted', async (what, out) => {
    const dir = await content(`refuse-${what.replaceAll(' ', '-')}`);
    const before = await snapshot(join(dir, '..'));
    const { code, output } = await buildSite(dir, out(dir));
    expect(code).not.toBe(0);
    expect(output).toContain('Refusing to build into');
    expect(output).toContain('Point DISCLOSE_OUT (or outDir) at a folder of its own');
    expect(await snapshot(join(dir, '..'))).toEqual(before);
  });

  test.each([
    ['the repository', '.'],
    ['a parent of the repository', '..'],
  ])('is refused when it is %s', async (_, out) => {
    const dir = await content(`refuse-repository-${out.length}`);
    const { code, output } = await buildSite(dir, out);
    expect(code).not.toBe(0);
    expect(output).toMatch(
      /Refusing to build into .*: .* (?:is|contains) the (?:content folder|project folder|repository|working directory)/,
    );
    expect(existsSync('package.json') && existsSync('.git')).toBe(true);
  });

  test.each([
    ['is the content folder', (dir: string) => dir],
    ['holds the content folder', (dir: string) => join(dir, '..')],
    ['is the output folder', (dir: string) => join(dir, '..', 'dist')],
    ['is inside the output folder', (dir: string) => join(dir, '..', 'dist', 'cache')],
  ])('the build cache is refused when it %s, and nothing is deleted', async (what, cache) => {
    const dir = await content(`refuse-cache-${what.replaceAll(' ', '-')}`);
    const out = join(dir, '..', 'dist');
    expect((await buildSite(dir, out, { DISCLOSE_CACHE: 'off' })).code).toBe(0);
    const before = await snapshot(join(dir, '..'));
    const { code, output } = await buildSite(dir, out, { DISCLOSE_CACHE: cache(dir) });
    expect(code).not.toBe(0);
    expect(output).toContain('Refusing to keep the build cache in');
    expect(output).toContain('Point DISCLOSE_CACHE at a folder of its own');
    expect(await snapshot(join(dir, '..'))).toEqual(before);
  });

  test('a build that fails while rendering leaves the previous site byte for byte', async () => {
    const dir = await content('failing-render');
    const out = join(scratch, 'failing-render', 'dist');
    const first = await buildSite(dir, out);
    expect(first.code).toBe(0);
    const before = await snapshot(out);
    expect(Object.keys(before).length).toBeGreaterThan(10);
    // Valid MDX that throws when it renders: check cannot know, the build finds out half-way.
    await writeFile(
      join(dir, 'policy', 'extra.mdx'),
      '---\ntitle: Extra\ndescription: A page that throws while it renders.\n---\n\nThe value is {notDefinedAnywhere.value}.\n',
    );
    const failed = await buildSite(dir, out);
    expect(failed.code).not.toBe(0);
    expect(await snapshot(out)).toEqual(before);
    // Nothing of the failed attempt is left beside it for long: the next build clears it, and
    // the site that build replaced is removed by a process of its own, which outlives the build.
    await rm(join(dir, 'policy', 'extra.mdx'));
    expect((await buildSite(dir, out)).code).toBe(0);
    const siblings = async () =>
      (await readdir(join(out, '..'))).filter((name) => name.includes('.disclose-'));
    await expect.poll(siblings, { timeout: 30_000 }).toEqual([]);
    expect(Object.keys(await snapshot(out)).length).toBeGreaterThan(10);
  });

  test('a build whose content fails its checks leaves the site as it was and nothing beside it, though its build cache is warm', async () => {
    const dir = join(scratch, 'failing-check', 'content');
    await cp('tests/fixtures/outputs', dir, { recursive: true });
    // A name of its own, so that what the build leaves is told from what other builds leave.
    const out = join(scratch, 'failing-check', 'failing-check-site');
    const env = { DISCLOSE_CACHE: join(scratch, 'failing-check', 'cache') };
    expect((await buildSite(dir, out, env)).code).toBe(0);
    const before = await snapshot(out);
    // While the content is checked, the outputs worker lays out the last build's site from the
    // cache: 3,000 more (embargoed) advisories to check give it the time to, before one that
    // fails stops the build.
    const embargoed = await readFile(join(dir, 'advisories', 'CURL-2026-0003.md'), 'utf8');
    for (let n = 1000; n < 4000; n++)
      await writeFile(
        join(dir, 'advisories', `CURL-2026-${n}.md`),
        embargoed.replace('id: CURL-2026-0003', `id: CURL-2026-${n}`),
      );
    await writeFile(
      join(dir, 'advisories', 'BROKEN-1.md'),
      '---\nid: BROKEN-1\n---\n\nNo summary, no dates.\n',
    );
    const failed = await buildSite(dir, out, env);
    expect(failed.code).not.toBe(0);
    expect(failed.output).toContain('BROKEN-1.md');
    expect(await snapshot(out)).toEqual(before);
    const store = join('node_modules', '.astro');
    const hashed = join(store, createHash('sha256').update(dir).digest('hex').slice(0, 12));
    const left = async () =>
      (
        await Promise.all(
          [join(out, '..'), store, hashed].map((folder) => readdir(folder).catch(() => [] as string[])),
        )
      )
        .flat()
        .filter((name) => name.startsWith('.failing-check-site.disclose-'));
    await expect.poll(left, { timeout: 30_000 }).toEqual([]);
  });

  test('an output folder on another file system builds', async () => {
    const other = '/dev/shm';
    const here = await stat(scratch);
    const there = await stat(other).catch(() => undefined);
    // Only meaningful where a second file system is at hand (a tmpfs on Linux).
    if (!there || there.dev === here.dev) return;
    const out = join(other, `disclose-test-${process.pid}`, 'dist');
    await mkdir(join(out, '..'), { recursive: true });
    try {
      const { code, output } = await buildSite(await content('cross-device'), out);
      expect(output).not.toContain('EXDEV');
      expect(code).toBe(0);
      expect(existsSync(join(out, 'projects', 'alpha', 'SECURITY.md'))).toBe(true);
      expect(existsSync(join(out, 'disclose-manifest.json'))).toBe(true);
    } finally {
      await rm(join(out, '..'), { recursive: true, force: true });
    }
  });

  test('the site a build replaces is removed after it, and a remover that was stopped leaves nothing for long', async () => {
    const parent = join(scratch, 'replaced');
    const out = join(parent, 'dist');
    const site = async (name: string, files: number) => {
      const dir = join(parent, name);
      for (let n = 0; n < files; n++) {
        await mkdir(join(dir, 'advisories', String(n)), { recursive: true });
        await writeFile(join(dir, 'advisories', String(n), 'index.html'), `${name} ${n}`);
      }
      return dir;
    };
    swapIn(await site('first', 3), out);
    swapIn(await site('second', 200), out);
    // The new site is whole at once; the old one goes in the background.
    expect(Object.keys(await snapshot(out))).toHaveLength(200);
    expect(await readFile(join(out, 'advisories', '7', 'index.html'), 'utf8')).toBe('second 7');
    swapIn(await site('third', 1), out);
    const beside = async () => (await readdir(parent)).filter((name) => name !== 'dist');
    await expect.poll(beside, { timeout: 30_000 }).toEqual([]);
    expect(Object.keys(await snapshot(out))).toEqual(['/advisories/0/index.html']);
    // A remover stopped half-way (its process is gone) leaves a folder the next build clears.
    const stopped = join(parent, '.dist.disclose-999999999-replaced');
    await mkdir(join(stopped, 'advisories'), { recursive: true });
    removeLeftovers(out, join(parent, 'cache'));
    expect(await beside()).toEqual([]);
  });

  test('what a killed build left in the cache folder is cleared by the next build of any output folder; beside the output, only its own', async () => {
    const parent = join(scratch, 'killed');
    const cache = join(parent, 'node_modules', '.astro');
    // A build into a folder outside the project stages its site in the cache folder; one killed
    // (its process is gone) leaves up to 100,000 files there, whatever folder the next build is for.
    const leftovers = [
      join(cache, '.o-elsewhere.disclose-999999999-site'),
      join(cache, '.o-elsewhere.disclose-999999999-outputs'),
      join(parent, '.dist.disclose-999999999-site'),
    ];
    const running = join(cache, `.o-other.disclose-${process.pid}-site`);
    const others = join(parent, '.docs.disclose-999999999-site');
    for (const folder of [...leftovers, running, others]) {
      await mkdir(join(folder, 'advisories', 'A-1'), { recursive: true });
      await writeFile(join(folder, 'advisories', 'A-1', 'index.html'), 'left');
    }
    removeLeftovers(join(parent, 'dist'), cache);
    for (const folder of leftovers) expect(existsSync(folder), folder).toBe(false);
    // A build still running keeps its folder, and beside the output, another output folder's is not this build's to judge.
    expect(existsSync(running)).toBe(true);
    expect(existsSync(others)).toBe(true);
  });
});
