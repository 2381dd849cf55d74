import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoaderContext } from 'astro/loaders';
import { defineCollection } from 'astro/content/config';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, expect, test, vi } from 'vitest';
import { generateContent } from '../../scripts/generate-content.ts';
import { markdownLoader, policyLoader } from '../../src/lib/content/astro-loaders.ts';

vi.mock('virtual:disclose/config', () => ({ default: { content: 'content', privateContent: undefined } }));

// An incremental build keeps Astro's content store small: an advisory whose page comes from the
// build cache is left out of the store, without its file even being read. The moment a build needs
// that page again, the entry must be read and rendered again.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-store-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
await generateContent(scratch, 3, 1);

type Entry = {
  id: string;
  data: Record<string, unknown>;
  digest?: string;
  rendered?: { html: string };
  filePath?: string;
  deferredRender?: boolean;
};

/** A loader context as Astro gives one, over a store that survives from one load to the next. */
function context(
  store: Map<string, Entry>,
  rendered: string[],
  modules: string[] = [],
  root = scratch,
): LoaderContext {
  return {
    config: { root: pathToFileURL(`${root}/`) },
    store: {
      get: (id: string) => store.get(id),
      // As Astro's store: an entry marked for deferred rendering has its file compiled as a module.
      set: (entry: Entry) => {
        if (entry.deferredRender && entry.filePath) modules.push(entry.filePath);
        store.set(entry.id, entry);
      },
      keys: () => [...store.keys()],
      delete: (id: string) => store.delete(id),
      addModuleImport: (file: string) => modules.push(file),
    },
    generateDigest: (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16),
    parseData: ({ data }: { data: Record<string, unknown> }) => Promise.resolve(data),
    renderMarkdown: (markdown: string) => {
      rendered.push(markdown);
      return Promise.resolve({ html: `<p>${markdown.length}</p>`, metadata: {} });
    },
  } as unknown as LoaderContext;
}

test('an advisory whose page comes from the cache is left out of the store, and read and rendered again once its page is needed', async () => {
  const store = new Map<string, Entry>();
  let cachedPage = new Set<string>();
  const loader = markdownLoader({
    name: 'test-advisories',
    folders: { content: scratch },
    collection: 'advisories',
    leaveOut: () => (id) => cachedPage.has(id),
  });
  const load = async () => {
    const rendered: string[] = [];
    await loader.load(context(store, rendered));
    return rendered.length;
  };
  const ids = () => [...store.keys()].sort();

  // A full build renders every advisory.
  expect(await load()).toBe(3);
  const [first, second, third] = ids();
  if (!first || !second || !third) throw new Error('the generated content has three advisories');
  expect(ids().every((id) => store.get(id)?.rendered?.html)).toBe(true);

  // The next build takes two pages from its cache: their entries leave the store, and nothing is
  // rendered again.
  cachedPage = new Set([first, second]);
  expect(await load()).toBe(0);
  expect(ids()).toEqual([third]);
  expect(store.get(third)?.rendered?.html).toBeTruthy();

  // A build that renders the first page again (its project was edited, say) stores it rendered.
  cachedPage = new Set([second]);
  expect(await load()).toBe(1);
  expect(ids()).toEqual([first, third]);
  expect(store.get(first)?.rendered?.html).toBeTruthy();
  expect(store.get(first)?.data['id']).toBe(first);

  // A full build: every advisory is stored with its rendered Markdown again.
  cachedPage = new Set();
  expect(await load()).toBe(1);
  expect(ids()).toEqual([first, second, third]);
  expect(ids().every((id) => store.get(id)?.rendered?.html)).toBe(true);
});

test('an MDX policy page is stored for the MDX renderer, as a module in every build, and a Markdown one rendered', async () => {
  // The demo's policy pages: security-policy.mdx uses the policy components, safe-harbor.md is Markdown.
  const root = fileURLToPath(new URL('../../', import.meta.url));
  const store = new Map<string, Entry>();
  const loader = policyLoader({ content: join(root, 'content') });
  for (const build of ['first', 'unchanged']) {
    const rendered: string[] = [];
    const modules: string[] = [];
    await loader.load(context(store, rendered, modules, root));
    expect([...store.keys()].sort(), build).toEqual(['safe-harbor', 'security-policy']);
    // The module path is relative to the site's root, with forward slashes, as Vite resolves it.
    expect(modules, build).toEqual(['content/policy/security-policy.mdx']);
    expect(store.get('security-policy'), build).toMatchObject({
      data: { title: 'Security policy', order: 1 },
      filePath: 'content/policy/security-policy.mdx',
      deferredRender: true,
    });
    expect(store.get('security-policy')?.rendered, build).toBeUndefined();
    expect(store.get('safe-harbor')?.rendered?.html, build).toBeTruthy();
    // Rendered in the first build only: the second finds both files unchanged in the store.
    expect(rendered.length, build).toBe(build === 'first' ? 1 : 0);
  }
});

test('the content collections are what defineCollection makes of them', async () => {
  const { collections } = await import('../../src/content.config.ts');
  for (const [name, collection] of Object.entries(collections)) {
    const { loader, schema } = collection;
    expect(collection, name).toEqual(defineCollection({ loader, schema }));
  }
});

test('the bundled content config an installed site loads has the same collections, and stores the same content', async () => {
  const source = await import('../../src/content.config.ts');
  // Written by the prepare script (npm install), as the package ships it.
  const bundled = (await import(pathToFileURL('build/content-config.mjs').href)) as typeof source;
  expect(Object.keys(bundled.collections)).toEqual(Object.keys(source.collections));
  for (const [name, collection] of Object.entries(bundled.collections)) {
    const { loader, schema } = collection;
    expect(collection, name).toEqual(defineCollection({ loader, schema }));
    expect(loader.name, name).toBe(source.collections[name as keyof typeof source.collections].loader.name);
  }
  // Each loads the demo's projects into a store of its own: the same entries.
  const load = async (config: typeof source) => {
    const store = new Map<string, Entry>();
    const rendered: string[] = [];
    await config.collections.projects.loader.load(context(store, rendered, [], process.cwd()));
    return { entries: [...store.values()], rendered };
  };
  const fromSource = await load(source);
  expect(fromSource.entries.length).toBeGreaterThan(1);
  expect(await load(bundled)).toEqual(fromSource);
});
