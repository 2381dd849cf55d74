import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { Plugin, ViteDevServer } from 'vite';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';

/** What pages and the content collections learn from the integration's options. */
export interface ResolvedConfig {
  /** Absolute path of the content folder. */
  content: string;
  /** Absolute path of the private content folder, if any. */
  privateContent: string | undefined;
  /** Which optional pages are built, so navigation and the header link only to those. */
  pages: { search: boolean; transparency: boolean; acknowledgments: boolean };
  /** The accent colours, when the site sets them. */
  accent: { light: string | undefined; dark: string | undefined };
  /** The logo's path on the site (under the base path), when the site has one. */
  logo: string | undefined;
}

const CONFIG_ID = 'virtual:disclose/config';

/**
 * Hands the validated options to pages and to the content collections as a virtual module, the
 * way Starlight does, instead of environment variables read from deep inside; and puts a user's
 * component in place of one of Disclose's wherever Disclose imports it. `bundledConfig`, in an
 * installed package, is the content config bundled into one module (build/content-config.mjs),
 * which Vite's module runner loads in place of the config's source when Astro syncs the content
 * (and on the dev server): one module instead of twenty, loaded and transformed one by one, about
 * 0.2 s of every build. A production build bundles the source as it does every page.
 */
export function disclosePlugin(
  config: ResolvedConfig,
  overrides: Record<string, string>,
  packageSrc: string,
  bundledConfig?: string,
): Plugin {
  const contentConfig = join(packageSrc, 'content.config.ts').replaceAll('\\', '/');
  const replaced = new Map(
    Object.entries(overrides).flatMap(([name, file]) =>
      ['components', 'layouts'].map((folder) => [join(packageSrc, folder, `${name}.astro`), file] as const),
    ),
  );
  const users = new Set(replaced.values());
  return {
    name: 'disclose',
    enforce: 'pre',
    async resolveId(source, importer, options) {
      if (source === CONFIG_ID) return `\0${CONFIG_ID}`;
      if (replaced.size === 0 || !source.endsWith('.astro')) return undefined;
      // The replacement itself may import the original, to wrap it.
      if (importer && users.has(importer)) return undefined;
      const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
      const file = resolved && replaced.get(resolved.id);
      return file ?? undefined;
    },
    load(id) {
      if (id === `\0${CONFIG_ID}`) return `export default ${JSON.stringify(config)};`;
      // With an empty source map: the bundle is the source, so Vite makes and combines no map
      // of its own for it (about 40 ms of every build's content sync at 78 KB).
      if (bundledConfig && id === contentConfig && this.environment.mode !== 'build')
        return { code: readFileSync(bundledConfig, 'utf8'), map: { mappings: '' } };
      return undefined;
    },
    configureServer(server) {
      validateOnSave(server, config);
    },
  };
}

/**
 * On the dev server, every save in the content folders runs the checker again: the problems show
 * in the terminal and in Astro's error overlay in the browser, as they would stop a build.
 */
function validateOnSave(server: ViteDevServer, config: ResolvedConfig): void {
  const roots = [config.content, config.privateContent].filter((dir): dir is string => Boolean(dir));
  server.watcher.add(roots);
  let timer: NodeJS.Timeout | undefined;
  let failing: string | undefined;
  const show = (message: string) =>
    server.ws.send({ type: 'error', err: { message, stack: '', plugin: 'astro-disclose', id: '' } });
  // A page that reloads (the content changed) reconnects: it is shown the problems again.
  server.ws.on('connection', () => {
    if (failing) show(failing);
  });
  server.watcher.on('all', (_event, path) => {
    if (!roots.some((root) => path.startsWith(root))) return;
    clearTimeout(timer);
    timer = setTimeout(() => {
      void loadContent({ content: config.content, private: config.privateContent }).then(({ problems }) => {
        if (problems.length === 0) {
          if (failing) server.config.logger.info('[astro-disclose] the content is valid again');
          failing = undefined;
          return;
        }
        failing = formatProblems(problems);
        server.config.logger.error(`[astro-disclose] ${failing}`);
        show(failing);
      });
    }, 150);
  });
}

/** Absolute paths of the replacement files; a missing one is an error naming the option. */
export function overrideFiles(
  root: string,
  components: Record<string, string>,
  known: readonly string[],
): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [name, path] of Object.entries(components)) {
    if (!known.includes(name))
      throw new Error(
        `components.${name}: Disclose has no component ${name}; replaceable ones are ${known.join(', ')}`,
      );
    const file = resolve(root, path);
    if (!existsSync(file)) throw new Error(`components.${name}: ${path} does not exist (looked for ${file})`);
    files[name] = file;
  }
  return files;
}
