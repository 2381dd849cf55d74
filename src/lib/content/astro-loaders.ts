import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import { sanitizeHtml, type HeadingOptions } from '../sanitize.ts';
import { contentFiles, MARKDOWN_COLLECTIONS, type ContentFolders, type MarkdownCollection } from './content-files.ts';
import { mapLimit } from './map-limit.ts';
import { formatProblems, type Problem } from './problems.ts';
import { parseYaml, readSourceFile } from './source-file.ts';

/**
 * Astro loaders for the Markdown collections. They list files by the same rule as the checker
 * (`contentFiles`) and parse them with the same reader (`readSourceFile`), so the site and
 * `disclose check` can never disagree about what is content. Bodies are rendered by Astro's
 * Markdown processor and then sanitised: no Markdown body can carry script onto a page.
 */
export function markdownLoader(options: {
  name: string;
  folders: ContentFolders;
  collection: MarkdownCollection;
  /** Which entries reach the store (advisories: only public ones, outside the dev server). */
  keep?: (data: Record<string, unknown>) => boolean;
  /** Whether the Markdown source stays in the store beside the HTML (SECURITY.md quotes project bodies). Default: true. */
  retainBody?: boolean;
  /** How the body's headings fit under the page's own (advisories: below the Details heading). Default: as written. */
  headings?: HeadingOptions;
  /** Front-matter fields written in Markdown, rendered and sanitised like the body into `rendered.metadata.fields`. */
  markdownFields?: readonly string[];
  /**
   * Asked at the start of each load: which entries to leave out of the store (advisories whose
   * page an incremental build takes from its cache, where only Disclose's own pages read them).
   * The store, and the work of writing, bundling and loading it, stays small.
   */
  leaveOut?: () => ((id: string) => boolean) | undefined;
}): Loader {
  const load = async (context: LoaderContext): Promise<void> => {
    const ids = await loadMarkdown(context, options);
    for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
    watch(context, collectionFolders(options.folders, options.collection), load);
  };
  return { name: options.name, load };
}

/**
 * Policy pages: `.md` rendered and sanitised here like every other collection, `.mdx` left for
 * Astro's MDX renderer, because MDX is maintainer code (it may use the policy components). An MDX
 * page is stored as Astro's glob loader stores one (its front matter and body, marked for deferred
 * rendering, with the file as a module for the build to compile), without importing Astro's
 * loaders: Vite would load their 40 modules one by one for the content config in every build.
 */
export function policyLoader(folders: ContentFolders): Loader {
  const load = async (context: LoaderContext): Promise<void> => {
    const ids = await loadMarkdown(context, { folders, collection: 'policy' });
    for (const id of context.store.keys()) if (!ids.has(id)) context.store.delete(id);
    watch(context, collectionFolders(folders, 'policy'), load);
  };
  return { name: 'disclose-policy', load };
}

/**
 * A YAML file holding one document, stored as the single entry `id` (its data as `wrap` gives
 * it), as Astro's file loader does, without importing astro/loaders (see policyLoader). Parsed as
 * every reader of content parses YAML (see parseYaml); the checker has already read and validated it.
 */
export function yamlLoader(path: string, id: string, wrap: (data: unknown) => unknown): Loader {
  const load = async (context: LoaderContext): Promise<void> => {
    context.store.clear();
    if (existsSync(path)) {
      const text = readFileSync(path, 'utf8');
      const filePath = relative(process.cwd(), path);
      const data = await context.parseData({ id, data: wrap(parseYaml(text)) as Record<string, unknown>, filePath });
      context.store.set({ id, data, filePath, digest: context.generateDigest(text) });
    }
    watch(context, [path], load);
  };
  return { name: 'disclose-yaml', load };
}

async function loadMarkdown(
  context: LoaderContext,
  options: {
    folders: ContentFolders;
    collection: MarkdownCollection;
    keep?: (data: Record<string, unknown>) => boolean;
    retainBody?: boolean;
    markdownFields?: readonly string[];
    headings?: HeadingOptions;
    leaveOut?: () => ((id: string) => boolean) | undefined;
  },
): Promise<Set<string>> {
  const leaveOut = options.leaveOut?.();
  const { files } = contentFiles(options.folders, options.collection);
  const ids = new Set<string>();
  // Read, parse and render in parallel (thousands of advisories), then store in file order, so
  // the store is the same whatever order the work finished in.
  const entries = await mapLimit(files, 16, async (file) => {
    const id = file.name;
    // Not read at all; left out of the ids, so a stored entry of it goes.
    if (leaveOut?.(id)) return { id, keep: false };
    // The digest is of the file as written: an unchanged file (kept in the store by the last
    // build) is not parsed or rendered again, only asked again whether it is public.
    const bytes = createHash('sha256').update(readFileSync(file.path)).digest('hex');
    const digest = context.generateDigest(`${file.private ? 'private' : 'public'}\n${bytes}`);
    const existing = context.store.get(id);
    if (existing?.digest === digest) {
      // Set again, not stored again: the build compiles the module of each MDX page it lists.
      if (existing.deferredRender && existing.filePath) context.store.addModuleImport(existing.filePath);
      return { id, keep: !options.keep || options.keep(existing.data) };
    }
    const problems: Problem[] = [];
    const source = readSourceFile(file.path, problems);
    // The checker has run before the loaders; reaching this means a file changed under the dev server.
    if (!source) throw new Error(formatProblems(problems));
    const filePath = relative(process.cwd(), file.path);
    const data = await context.parseData({ id, data: source.data as Record<string, unknown>, filePath });
    if (options.keep && !options.keep(data)) return { id, keep: false };
    if (file.extension === '.mdx') {
      // Rendered by Astro's MDX integration when a page renders it, from the module at filePath
      // (relative to the site's root, with forward slashes, as Vite resolves it).
      const fromRoot = relative(fileURLToPath(context.config.root), file.path).split(sep).join('/');
      return {
        id,
        keep: true,
        entry: { id, data, filePath: fromRoot, digest, body: source.body, deferredRender: true },
      };
    }
    // An empty front matter first, so a body that opens with a `---` rule is never read as one.
    const rendered = await context.renderMarkdown(`---\n---\n${source.body}`);
    const fields: Record<string, string> = {};
    for (const field of options.markdownFields ?? []) {
      const value = data[field];
      if (typeof value === 'string')
        fields[field] = sanitizeHtml((await context.renderMarkdown(`---\n---\n${value}`)).html, {
          ...(options.headings?.topLevel && { topLevel: options.headings.topLevel }),
        });
    }
    return {
      id,
      keep: true,
      entry: {
        id,
        data,
        filePath,
        digest,
        ...(options.retainBody === false ? {} : { body: source.body }),
        rendered: {
          ...rendered,
          html: sanitizeHtml(rendered.html, options.headings),
          metadata: { ...rendered.metadata, fields },
        },
      },
    };
  });
  for (const { id, keep, entry } of entries) {
    if (entry) context.store.set(entry);
    if (keep) ids.add(id);
  }
  return ids;
}

const watched = new WeakSet<object>();

/** On the dev server, any change under a collection's folders loads it again. */
/** A Markdown collection's folders: in the content folder, and in the private one if there is one. */
function collectionFolders(folders: ContentFolders, collection: MarkdownCollection): string[] {
  return [folders.content, folders.private]
    .filter((dir): dir is string => Boolean(dir))
    .map((dir) => join(dir, MARKDOWN_COLLECTIONS[collection].folder));
}

function watch(context: LoaderContext, roots: readonly string[], load: (context: LoaderContext) => Promise<void>): void {
  const watcher = context.watcher;
  if (!watcher || watched.has(context.store)) return;
  watched.add(context.store);
  for (const root of roots) watcher.add(root);
  watcher.on('all', (_event, path) => {
    if (!roots.some((root) => path.startsWith(root))) return;
    load(context).catch((error: unknown) => context.logger.error(String(error)));
  });
}
