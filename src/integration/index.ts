import mdx from '@astrojs/mdx';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Worker } from 'node:worker_threads';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroConfig, AstroIntegration, AstroIntegrationLogger } from 'astro';
import { AstroError } from 'astro/errors';
import { FrontMatterCache, type ChecksRecord } from '../lib/content/front-matter-cache.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { parseYaml } from '../lib/content/source-file.ts';
import { outputInput, type WrittenFile } from '../lib/outputs/write-outputs.ts';
import { outlineOf } from '../lib/outputs/outline.ts';
import {
  assembleOutputs,
  manifestRecords,
  type JobAdvisory,
  ASIDE,
  linkGivenFiles,
  moveAside,
  type OutputsJob,
  type PageJob,
  pageClaims,
  posted,
  type PostedResult,
  type SiteManifestAnswer,
  type SiteManifestRequest,
} from './outputs-worker.ts';
import { buildTime, isPublic, parseClock, publicationState } from '../lib/publication.ts';
import type { ContentSet } from '../lib/content/load-content.ts';
import {
  advisoryKey,
  asideBy,
  BuildCache,
  astroSettings,
  codeFolders,
  codeKey,
  feedKeys,
  globalKey,
  siteAliases,
  isPage,
  type GivenFile,
  listingKeys,
  projectKeys,
  projectPageKeys,
  securityMdKeys,
} from './build-cache.ts';
import { accentProblem } from '../lib/contrast.ts';
import { handOver, type CachedPages } from '../lib/cached-pages.ts';
import { listingPageSize } from '../lib/listing.ts';
import { basePath, paths } from '../lib/urls.ts';
import { completeManifest, hashedFiles, knownManifest, siteFiles, type ManifestFile } from './manifest.ts';
import { DiscloseOptionsSchema, type DiscloseOptions, type DiscloseUserOptions } from './options.ts';
import {
  dangerousOutput,
  protectedFolders,
  removeInBackground,
  removeLeftovers,
  isRunning,
  moveInto,
  overlaps,
  stagingFolders,
  swapIn,
} from './output-folder.ts';
import { layoutSetting, putLayoutBack, startLayout, takeSearchLayout } from './layout.ts';
import { ROUTES, type RouteName } from './routes.ts';
import { Indexers, writeSearchIndex } from './search-index.ts';
import { sitemapUrl, writeSitemap } from './sitemap.ts';
import { disclosePlugin, overrideFiles, type ResolvedConfig } from './vite-plugin.ts';

export type { DiscloseUserOptions } from './options.ts';

/**
 * Whether this is build/integration.mjs, the integration bundled for an installed package (see
 * scripts/bundle-cli.ts), rather than its TypeScript source in a checkout of Disclose.
 */
const BUNDLED = import.meta.url.endsWith('/build/integration.mjs');

/** The package's src/ folder: its pages, components and content config, which Astro builds. */
const PACKAGE_SRC = fileURLToPath(new URL(BUNDLED ? '../src/' : '../', import.meta.url));

/**
 * How many front matters checked afresh the outputs worker stores in the build cache, after its
 * files, rather than the integration at the end of the build: a build that checks thousands
 * afresh renders as many pages, which leaves the worker time to spare, while encoding 20,000
 * took the end of a full build 0.5–1.3 s. A few are stored at the end, where the worker, which
 * would have to read the cache's file of them first, sets the pace of a build that changed few.
 */
const STORED_BY_WORKER = 1000;

/**
 * From how many advisories that came checked from the build cache (and are not outlined) the
 * outputs worker is sent their keys rather than their data, and reads the data from the cache's
 * file itself: copying 20,000 advisories' data took the main thread about 0.3 s, but reading that
 * file takes the worker, which sets the pace of a build that changed few, longer than copying a few.
 */
const SENT_BY_KEY = 1000;

/** The content config bundled beside the bundled integration (see disclosePlugin), where there is one. */
const BUNDLED_CONTENT_CONFIG = BUNDLED
  ? fileURLToPath(new URL('./content-config.mjs', import.meta.url))
  : undefined;

/** Components and layouts a site may replace by name (see the `components` option). */
const REPLACEABLE = ['Base', ...componentNames()];

/**
 * Disclose as an Astro integration: `integrations: [disclose()]` in astro.config.mjs, and a
 * content folder, is a whole security site. It injects the pages, adds MDX and the sitemap,
 * sets the site URL from organisation.yaml and a Content-Security-Policy, validates the content
 * before Astro writes anything, writes the machine-readable outputs, and swaps the finished
 * build into place only once everything succeeded.
 */
export default function disclose(userOptions: DiscloseUserOptions = {}): AstroIntegration {
  const parsed = DiscloseOptionsSchema.safeParse(userOptions);
  if (!parsed.success)
    fail(
      `The options of disclose() in astro.config.mjs are not valid:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.') || '(options)'}: ${i.message}`).join('\n')}`,
      'See "Options" in the README of astro-disclose.',
    );
  const options = parsed.data;
  const state: BuildState = { staging: undefined, site: undefined, written: [], given: [], cache: undefined };
  return {
    name: 'astro-disclose',
    hooks: {
      'astro:config:setup': async (setup) => {
        const { config, logger, updateConfig, injectRoute } = setup;
        const root = fileURLToPath(config.root);
        const folders = resolveFolders(root, options);
        const resolved: ResolvedConfig = {
          content: folders.content,
          privateContent: folders.private,
          pages: {
            search: options.pages.search !== false,
            transparency: options.pages.transparency !== false,
            acknowledgments: options.pages.acknowledgments !== false,
          },
          accent: { light: options.accent, dark: options.accentDark },
          logo: logoPath(root, fileURLToPath(config.publicDir), options.logo),
        };
        checkAccent(options);
        let overrides: Record<string, string>;
        try {
          overrides = overrideFiles(root, options.components, REPLACEABLE);
        } catch (error) {
          fail((error as Error).message, 'Fix the components option of disclose() in astro.config.mjs.');
        }
        updateConfig(siteConfig(config, root, folders.content, logger));
        updateConfig({
          vite: {
            plugins: [disclosePlugin(resolved, overrides, PACKAGE_SRC, BUNDLED_CONTENT_CONFIG)],
            build: {
              rollupOptions: { onwarn: quietDirectives },
              assetsInlineLimit: keepPreloadingScripts(config.vite.build?.assetsInlineLimit),
            },
          },
        });
        injectRoutes(root, options, injectRoute);
        const names = new Set(config.integrations.map((i) => i.name));
        // Pages come from the build cache only where Disclose renders them and lists them in the sitemap.
        const cacheable = !names.has('@astrojs/sitemap') && !options.pages.advisory;
        const cached = await prepare(setup, folders, state, {
          acknowledgmentsPage: resolved.pages.acknowledgments,
          cache: cacheable && {
            siteCode: [
              ...Object.values(options.components),
              ...Object.values(options.pages).filter((page) => typeof page === 'string'),
            ].map((path) => resolve(root, path)),
            siteFiles: resolved.logo ? [join(fileURLToPath(config.publicDir), resolved.logo)] : [],
            settings: { options, resolved: { ...resolved, content: '', privateContent: '' } },
          },
        });
        // The sitemap, unless the site added @astrojs/sitemap itself (see writeSitemap).
        if (!names.has('@astrojs/sitemap')) state.sitemap = { cached };
        // MDX for policy pages, unless the site added it itself; then the hooks that finish the
        // build, which must run after every other integration has written.
        updateConfig({
          integrations: [...(names.has('@astrojs/mdx') ? [] : [mdx()]), finish(state)],
        });
      },
    },
  };
}

export { disclose };

type InlineLimit = number | ((file: string, content: Buffer) => boolean | undefined) | undefined;

/**
 * The site's limit for inlining assets, except that a script with a dynamic import (the search
 * page's, which imports Pagefind) is never inlined: Astro inlines small scripts before Vite fills
 * in the list of what their imports preload, and the page would fail on `__VITE_PRELOAD__`.
 */
function keepPreloadingScripts(given: InlineLimit): (file: string, content: Buffer) => boolean | undefined {
  return (file, content) => {
    if (content.includes('__VITE_PRELOAD__')) return false;
    if (typeof given === 'function') return given(file, content);
    return given === undefined ? undefined : content.byteLength < given;
  };
}

/** The content folders: the options, with DISCLOSE_CONTENT and DISCLOSE_PRIVATE_CONTENT overriding them (for CI). */
function resolveFolders(
  root: string,
  options: DiscloseOptions,
): { content: string; private: string | undefined } {
  const content = process.env['DISCLOSE_CONTENT']
    ? resolve(process.env['DISCLOSE_CONTENT'])
    : resolve(root, options.content);
  const given = process.env['DISCLOSE_PRIVATE_CONTENT'];
  const privateContent = given
    ? resolve(given)
    : options.privateContent
      ? resolve(root, options.privateContent)
      : undefined;
  return { content, private: privateContent };
}

/**
 * What Disclose sets in Astro's config. The site URL (and with it the base path of a GitHub Pages
 * project site) comes from organisation.yaml unless astro.config sets it; the content collections
 * come from this package unless the site has its own src/content.config.ts.
 */
function siteConfig(
  config: AstroConfig,
  root: string,
  content: string,
  logger: AstroIntegrationLogger,
): Parameters<
  Parameters<NonNullable<AstroIntegration['hooks']['astro:config:setup']>>[0]['updateConfig']
>[0] {
  const site = config.site ?? organisationSite(content);
  const ownContentConfig = siteSource(config) !== undefined;
  if (!ownContentConfig && existsSync(new URL('pages/', config.srcDir)))
    logger.warn(
      `${relative(root, fileURLToPath(config.srcDir))}/pages is not read: add src/content.config.ts with "export { collections } from 'astro-disclose/content';" to keep your own pages beside Disclose's`,
    );
  const outDir = process.env['DISCLOSE_OUT']
    ? pathToFileURL(`${resolve(process.env['DISCLOSE_OUT'])}/`)
    : config.outDir;
  return {
    ...(site ? { site, base: basePath(site) } : {}),
    outDir,
    ...(ownContentConfig ? {} : { srcDir: pathToFileURL(PACKAGE_SRC) }),
    cacheDir: contentCacheDir(config, content),
    trailingSlash: 'ignore',
    // Code in policies is templates and commands; theme colours failed contrast checks, the site's own palette passes.
    markdown: {
      syntaxHighlight: false,
      ...(plainPunctuation(config.markdown.processor) ? {} : { smartypants: false }),
    },
    build: { format: 'directory', concurrency: 4 },
    // Nothing from content runs as script: every page carries a Content-Security-Policy that
    // allows only the scripts and styles Astro bundled (by hash) and files from the site itself.
    security: { csp: CONTENT_SECURITY_POLICY },
  };
}

/**
 * Advisories quote commands, versions and third-party text: quotes and dashes stay as written.
 * Turned off on the site's Markdown processor, where Astro has integrations set it; false for a
 * processor other than Astro's own (Sätteri), which is given the older `markdown.smartypants`.
 */
function plainPunctuation(processor: AstroConfig['markdown']['processor']): boolean {
  if (processor.name !== 'satteri') return false;
  // Sätteri reads its features when it renders, from this very object.
  (processor.options as { features: Record<string, unknown> }).features.smartPunctuation = false;
  return true;
}

/**
 * The site's src/ folder when it has a content config of its own, and with it pages and code of
 * its own; undefined when Disclose's collections and pages are the whole site (in Disclose's own
 * checkout, src/ is Disclose).
 */
function siteSource(config: AstroConfig): string | undefined {
  const srcDir = resolve(fileURLToPath(config.srcDir));
  if (srcDir === resolve(PACKAGE_SRC)) return undefined;
  return ['ts', 'mts', 'js', 'mjs'].some((ext) => existsSync(join(srcDir, `content.config.${ext}`)))
    ? srcDir
    : undefined;
}

/**
 * Astro's cache folder: one per content folder when the site keeps Astro's default, so building
 * another content set never reuses stale entries.
 */
function contentCacheDir(config: AstroConfig, content: string): URL {
  const defaultCache = resolve(fileURLToPath(config.root), 'node_modules/.astro');
  if (resolve(fileURLToPath(config.cacheDir)) !== defaultCache) return config.cacheDir;
  return pathToFileURL(
    `${join(defaultCache, createHash('sha256').update(content).digest('hex').slice(0, 12))}/`,
  );
}

/** The site URL from organisation.yaml; the checker reports it properly when it is missing or wrong. */
function organisationSite(content: string): string | undefined {
  try {
    const organisation = parseYaml(readFileSync(join(content, 'organisation.yaml'), 'utf8')) as {
      site?: unknown;
    } | null;
    const site = organisation?.site;
    return typeof site === 'string' && URL.canParse(site) ? site : undefined;
  } catch {
    return undefined;
  }
}

/** Links are text, so an accent must reach WCAG AA's 4.5:1 on its background: the same rule as appearance in organisation.yaml. */
function checkAccent(options: DiscloseOptions): void {
  for (const [key, scheme] of [
    ['accent', 'light'],
    ['accentDark', 'dark'],
  ] as const) {
    const colour = options[key];
    const problem = colour && accentProblem(colour, scheme);
    if (problem) {
      const [what, fix] = problem.split('. Use ');
      fail(`${key}: ${what ?? problem}`, `Use ${fix ?? ''}.`);
    }
  }
}

/** The logo's URL path: it must be a file in public/, which Astro serves as it is. */
function logoPath(root: string, publicDir: string, logo: string | undefined): string | undefined {
  if (!logo) return undefined;
  const file = resolve(root, logo);
  const inPublic = relative(publicDir, file);
  if (!existsSync(file))
    fail(
      `logo: ${logo} does not exist (looked for ${file})`,
      'Put the logo in public/ and give its path, e.g. public/logo.svg.',
    );
  if (inPublic.startsWith('..') || resolve(publicDir, inPublic) !== file)
    fail(
      `logo: ${logo} is not in the public/ folder, which Astro serves as it is`,
      'Move it into public/ and give that path, e.g. public/logo.svg.',
    );
  return `/${inPublic.split('\\').join('/')}`;
}

function injectRoutes(
  root: string,
  options: DiscloseOptions,
  injectRoute: (route: { pattern: string; entrypoint: string | URL; prerender?: boolean }) => void,
): void {
  for (const [name, route] of Object.entries(ROUTES) as [RouteName, (typeof ROUTES)[RouteName]][]) {
    const choice = options.pages[name];
    if (choice === false) {
      if (!route.optional)
        fail(
          `pages.${name}: the ${name} page cannot be left out, because other pages link to it`,
          'Replace it with a file of your own instead, or remove the option.',
        );
      continue;
    }
    const own = choice ? resolve(root, choice) : undefined;
    if (own && !existsSync(own))
      fail(
        `pages.${name}: ${choice ?? ''} does not exist (looked for ${own})`,
        'Fix the pages option of disclose() in astro.config.mjs.',
      );
    injectRoute({
      pattern: route.pattern,
      entrypoint: own ?? join(PACKAGE_SRC, 'routes', route.entrypoint),
      prerender: true,
    });
  }
}

/**
 * Astro's MDX output starts with a "use astro:head-inject" directive that the bundler warns it may
 * not keep; Astro handles it, so the boxed warning on every build says nothing a maintainer can act on.
 */
function quietDirectives(
  warning: { code?: string; message: string },
  warn: (warning: { code?: string; message: string }) => void,
): void {
  if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
  warn(warning);
}

function componentNames(): string[] {
  return [
    'AdvanceNotice',
    'AdvisoryBrowse',
    'AdvisoryList',
    'AdvisoryListing',
    'BarChart',
    'Contacts',
    'DisclosureWindow',
    'HowToReport',
    'OrganisationName',
    'Pagination',
    'PhaseTarget',
    'ProjectList',
    'ReportContents',
    'ResponseFiguresTable',
    'ResponseTimeline',
    'Roles',
    'Scope',
    'SecurityEmail',
    'SeverityBadge',
    'SeverityTable',
    'StatusBadge',
    'SupportTable',
    'SupportedVersions',
    'TimelineTable',
  ];
}

interface BuildState {
  staging: string | undefined;
  /** The folder Astro writes to, the output folder, and the folders no build may write in (see protectedFolders). */
  site: { staged: string; out: string; protect: { what: string; path: string }[] } | undefined;
  written: WrittenFile[];
  /** The files the build cache gives (pages, SECURITY.md and feeds), linked in with the outputs. */
  given: GivenFile[];
  /**
   * The build cache, the file that tells Astro's side what it gives, the out-of-date folders to
   * remove, and whether advisories whose pages it gives are left out of Astro's content store.
   */
  cache:
    | {
        store: BuildCache;
        list: string;
        remove: string[];
        leftOut: boolean;
        /** Advisories whose files the cache gives and that no feed written shows in full: the outputs need only their outlines. */
        outlined: ReadonlySet<string>;
      }
    | undefined;
  /**
   * The front matter this build checked, for the build cache (see FrontMatterCache), where it is
   * stored here rather than by the outputs worker (see STORED_BY_WORKER): the keys of the public
   * advisories' front matter, the front matter checked afresh, by key, and what the advisories'
   * checks depended on. Written while Pagefind indexes.
   */
  frontMatter?: {
    cache: FrontMatterCache;
    public: ReadonlySet<string>;
    fresh: [string, unknown][];
    checks: ChecksRecord | undefined;
  };
  /** Where a successful build records that Astro's content store is its own. */
  store?: { marker: string; code: string };
  /** The machine-readable files, being written while Astro renders: those written afresh. */
  outputs?: Promise<WrittenFile[]>;
  /** The announcements written aside, to be moved into the folders of their pages (see OutputsResult.aside). */
  aside?: [string, string][];
  /** The files the build cache gives, which this thread links with the outputs worker (see pageClaims). */
  givenFiles?: PageJob;
  /**
   * Writes the site's manifest, once the outputs are written and the pages moved in, from the
   * files those wrote and took and the machine-readable files Astro wrote (`found`); resolves
   * with how many it lists.
   */
  siteManifest?: (found: ManifestFile[]) => Promise<number>;
  /** Disclose writes the sitemap, with these URLs of pages the build cache gives. */
  sitemap?: { cached: string[] };
}

/**
 * Writes the machine-readable outputs in a worker thread, so they take the second core while
 * Astro renders, into the folder the site is assembled in; the files and pages of advisories the
 * build cache gives are linked in from it. Where a worker cannot start, they are written here and now.
 */
function writeOutputsBeside(
  job: OutputsJob,
  cache: BuildCache | undefined,
  checked: FrontMatterCache | undefined,
  logger: AstroIntegrationLogger,
  started: OutputsWorker | undefined,
  state: BuildState,
): Promise<WrittenFile[]> {
  const finished = (result: PostedResult) => {
    if ('error' in result) failedOutputs('Writing the machine-readable files', result, cache);
    for (const [id, outputs, osv] of result.fresh) cache?.wrote(id, outputs, osv);
    state.aside = result.aside;
    const layout = result.layout;
    logger.info(
      `wrote ${result.files} machine-readable files (OSV, CSAF, feeds, announcements, security.txt)${layout && 'files' in layout ? ', into the site laid out after the last build' : ''}`,
    );
    if (layout && 'refused' in layout)
      logger.warn(
        `the site laid out after the last build was not used: ${layout.refused}. This build lays it out itself.`,
      );
    logger.debug(
      `the outputs took ${result.took} ms, in ${result.premade} folders made and with ${result.prelinked} files of the build cache linked ${layout && 'files' in layout ? `as laid out after the last build (${layout.files} files, taken and checked in ${layout.took} ms)` : 'while the content was checked'}${result.removed ? `; the out-of-date build cache was removed in ${result.removed} ms more` : ''}`,
    );
    return result.written;
  };
  if (!started) {
    const result = assembleOutputs(job, manifestRecords(cache?.manifest), () => checked);
    const written = finished(posted(result));
    const known = 'error' in result ? undefined : knownManifest([...job.pages, ...result.written]);
    state.siteManifest = (found) => (known ? completeManifest(job.folder, known, found) : Promise.resolve(0));
    return Promise.resolve(written);
  }
  const { worker } = started;
  // Its last: how many files the site's manifest it wrote lists.
  let counted: (count: number) => void = () => undefined;
  let lost: (error: Error) => void = () => undefined;
  const manifest = new Promise<number>((resolve, reject) => {
    counted = resolve;
    lost = reject;
  });
  // Awaited only once the pages are in; a build that fails before then has nothing to report of it.
  manifest.catch(() => undefined);
  state.siteManifest = (found) => {
    // It writes the manifest once it has the files Astro wrote, and keeps the build waiting meanwhile.
    worker.ref();
    worker.postMessage({ found } satisfies SiteManifestRequest);
    return manifest;
  };
  return new Promise((resolve, reject) => {
    const failed = (error: Error) => {
      const stopped = new AstroError(`Writing the machine-readable files failed: ${error.message}`);
      reject(stopped);
      lost(stopped);
    };
    if (started.error) return failed(started.error);
    let answered = false;
    worker.on('message', (message: PostedResult | SiteManifestAnswer) => {
      if (answered) {
        const answer = message as SiteManifestAnswer;
        return 'error' in answer
          ? lost(new AstroError(`Writing the site's manifest failed: ${answer.error}`))
          : counted(answer.count);
      }
      answered = true;
      // It waits for the files Astro wrote (see siteManifest); a build that fails before then ends without it.
      worker.unref();
      try {
        resolve(finished(message as PostedResult));
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      }
    });
    worker.once('error', failed);
    worker.once('exit', (code) => {
      const stopped = new Error(`the worker stopped (exit code ${code})`);
      if (code !== 0) return failed(stopped);
      // It ends once it has sent every answer, which come before this; never left waiting for one.
      reject(stopped);
      setTimeout(() => lost(stopped), 1000).unref();
    });
    // With its job, it keeps the build waiting for it.
    worker.ref();
    worker.postMessage(job);
    started.posted = true;
  });
}

/** The outputs worker, waiting for its job, and the error it stopped with, if it did. */
interface OutputsWorker {
  worker: Worker;
  error?: Error;
  /** Whether it has its job. */
  posted?: boolean;
  /**
   * Set by the worker once it has taken and checked the site laid out after the last build (see
   * takeLayout), to 1, or found none to take, to 2.
   */
  tookLayout: Int32Array;
}

/**
 * Starts the outputs worker; undefined where it cannot start (a package installed without its
 * prepare step has no bundled worker), and the files are then written on the main thread. While
 * it waits, it takes into `folder` the last build's site as a layout process laid it out from the
 * build cache in `cache` once that build ended (see takeLayout), or lays it out itself as far as
 * it gets (see layOutAhead); the checked front matter the cache holds for the code `code` it reads
 * only for a job that names some by key (see JobAdvisory).
 */
function startOutputsWorker(
  folder: string | undefined,
  cache: string | undefined,
  code: string | undefined,
): OutputsWorker | undefined {
  try {
    if (!existsSync(OUTPUTS_WORKER)) return undefined;
    const layout = layoutSetting() !== 'off';
    const tookLayout = new Int32Array(new SharedArrayBuffer(4));
    const started: OutputsWorker = {
      worker: new Worker(OUTPUTS_WORKER, {
        workerData: { outputs: true, folder, cache, code, layout, tookLayout: tookLayout.buffer },
      }),
      tookLayout,
    };
    started.worker.on('error', (error: Error) => (started.error ??= error));
    // Until it has its job, it keeps nothing waiting: a build that fails its checks ends.
    started.worker.unref();
    return started;
  } catch {
    return undefined;
  }
}

/**
 * The outputs worker: its TypeScript source in a checkout of Disclose (Node strips the types),
 * the bundled build/outputs-worker.mjs in an installed package (beside the bundled integration,
 * or above its source where Vite loaded that), since Node runs no TypeScript from node_modules.
 */
const OUTPUTS_WORKER = BUNDLED
  ? new URL('./outputs-worker.mjs', import.meta.url)
  : fileURLToPath(import.meta.url)
        .split(sep)
        .includes('node_modules')
    ? new URL('../../build/outputs-worker.mjs', import.meta.url)
    : new URL('./outputs-worker.ts', import.meta.url);

/** What the build cache's key is made of besides the content (see globalKey). */
interface CacheInputs {
  /** The site's replaced pages and components. */
  siteCode: string[];
  /** Other files of the site that pages show (the logo). */
  siteFiles: string[];
  settings: unknown;
}

/**
 * Before Astro writes anything: the clock, the output folder's safety, the content's validity,
 * and the machine-readable outputs, written from the content loaded for the checks.
 */
async function prepare(
  {
    command,
    config,
    logger,
    updateConfig,
  }: Parameters<NonNullable<AstroIntegration['hooks']['astro:config:setup']>>[0],
  folders: { content: string; private: string | undefined },
  state: BuildState,
  { acknowledgmentsPage, cache }: { acknowledgmentsPage: boolean; cache: CacheInputs | false },
): Promise<string[]> {
  // Only the dev server shows drafts and embargoed advisories; every build leaves them out.
  if (command === 'dev') process.env['DISCLOSE_PREVIEW_UNPUBLISHED'] = '1';
  else delete process.env['DISCLOSE_PREVIEW_UNPUBLISHED'];
  // Set again by this build's cache, if it has one; never left over from an earlier build in this process.
  delete process.env['DISCLOSE_CACHED_PAGES'];
  handOver(undefined);
  if (command === 'build') {
    // One clock for the whole build: the outputs, the pages and the embargo checks agree.
    const given = process.env['DISCLOSE_NOW'];
    const clock = given ? parseClock(given) : { date: new Date() };
    if ('problem' in clock)
      fail(clock.problem, 'Set DISCLOSE_NOW to an instant, or unset it to use the clock.');
    process.env['DISCLOSE_NOW'] = clock.date.toISOString();
    try {
      listingPageSize();
    } catch (error) {
      fail((error as Error).message, 'Set it to the number of advisories a listing page shows, or unset it.');
    }
    logger.info(`building as of ${clock.date.toISOString()}${given ? ' (DISCLOSE_NOW)' : ''}`);
    // Refused before anything is deleted: Astro empties its output folder first thing.
    const out = process.env['DISCLOSE_OUT']
      ? resolve(process.env['DISCLOSE_OUT'])
      : fileURLToPath(config.outDir);
    // Worked out once (it asks git), for the output folder and the build cache.
    const protect = protectedFolders(
      [folders.content, ...(folders.private ? [folders.private] : [])],
      fileURLToPath(config.root),
    );
    const danger = dangerousOutput(out, protect);
    if (danger)
      fail(
        `Refusing to build into ${out}: ${danger}, and a build replaces its output folder.`,
        'Point DISCLOSE_OUT (or outDir) at a folder of its own, such as dist.',
      );
    const cacheDir = fileURLToPath(config.cacheDir);
    removeLeftovers(out, cacheDir);
    const stagingFor = stagingFolders(out, cacheDir);
    state.site = { staged: stagingFor.site, out, protect };
    state.staging = stagingFor.outputs;
    // Astro writes (and first empties) a fresh folder; the finished site is swapped in at the end.
    updateConfig({ outDir: pathToFileURL(`${stagingFor.site}/`) });
    // Astro's content store keeps each entry's rendered Markdown under a digest of its file, so
    // an unchanged file is not rendered again. It is kept only when the last production build of
    // the same code wrote it: the dev server stores drafts, and other code rendered differently.
    // Which entries are public is decided again from the files and the clock in every build.
    const storeDir = contentCacheDir(config, folders.content);
    const code = codeKey(
      codeFolders(PACKAGE_SRC, new URL(import.meta.url), OUTPUTS_WORKER),
      fileURLToPath(config.root),
    );
    const marker = new URL('disclose-store.json', storeDir);
    const kept =
      process.env['DISCLOSE_CACHE'] !== 'off' && readText(marker) === JSON.stringify({ build: code });
    await rm(marker, { force: true });
    if (!kept) await rm(new URL('data-store.json', storeDir), { force: true });
    state.store = { marker: fileURLToPath(marker), code };
  } else {
    await rm(new URL('disclose-store.json', contentCacheDir(config, folders.content)), { force: true });
  }
  // Started now, so that it has loaded while the content is checked; it waits for its job.
  if (state.staging) await rm(state.staging, { recursive: true, force: true });
  const buildCache = command === 'build' && cache ? cacheFolder(config, folders) : undefined;
  const worker =
    command === 'build' ? startOutputsWorker(state.staging, buildCache, state.store?.code) : undefined;
  try {
    return await prepareOutputs(command, config, logger, folders, state, worker, {
      acknowledgmentsPage,
      cache,
    });
  } catch (error) {
    // A build that fails before the worker has its job (a content error, say) leaves no thread
    // behind, and not the last build's site the worker was laying out meanwhile (see
    // layOutAhead): up to 100,000 files beside the output folder, removed by a process of its own.
    // The site laid out after the last build, if the worker took it, goes back to the build cache
    // as it was (the worker changes nothing in it before its job): a build that fixes the content
    // takes it.
    if (worker && !worker.posted) {
      // Not stopped half-way through taking it: at most a walk of its folders (0.3 s at 20,000
      // advisories).
      const deciding = Atomics.waitAsync(worker.tookLayout, 0, 0, 5000);
      if (deciding.async)
        await Promise.race([deciding.value, once(worker.worker, 'exit').catch(() => undefined)]);
      await worker.worker.terminate();
      const taken = Atomics.load(worker.tookLayout, 0) === 1;
      if (state.staging && state.site && existsSync(state.staging))
        if (!(taken && buildCache && putLayoutBack(state.staging, buildCache)))
          removeInBackground(state.staging, state.site.out);
    }
    throw error;
  }
}

/** The checks, the build cache, and the outputs handed to the worker (see prepare). */
async function prepareOutputs(
  command: Parameters<typeof prepare>[0]['command'],
  config: AstroConfig,
  logger: AstroIntegrationLogger,
  folders: { content: string; private: string | undefined },
  state: BuildState,
  worker: OutputsWorker | undefined,
  { acknowledgmentsPage, cache }: { acknowledgmentsPage: boolean; cache: CacheInputs | false },
): Promise<string[]> {
  const lap = stopwatch();
  // Front matter checked by the last build of this code, from the build cache's folder.
  const cacheDir = command === 'build' && cache && state.store ? cacheFolder(config, folders) : undefined;
  const checked = cacheDir && state.store ? new FrontMatterCache(cacheDir, state.store.code) : undefined;
  const { content, problems, checks } = await loadContent(folders, { checked });
  logger.debug(`checked the content in ${lap()}`);
  if (problems.length > 0 || !content)
    fail(
      formatProblems(problems),
      'Fix each line above (file:line: field: what is wrong; what to do), then build again.',
    );
  logger.info(
    `content in ${relative(process.cwd(), folders.content) || '.'}${folders.private ? ` and ${relative(process.cwd(), folders.private)}` : ''} is valid`,
  );
  if (command !== 'build' || !state.staging) return [];
  const now = buildTime();
  state.cache =
    cache && state.site && state.store
      ? openCache(config, folders, content, cache, now, logger, state.site, state.store.code)
      : undefined;
  logger.debug(`worked out the build cache's keys in ${lap()}`);
  // Written from the content loaded for the checks, on a second core while Astro renders, into
  // the folder the site is assembled in, beside the output, so that the swap is a rename.
  state.given = state.cache?.store.cachedPageFiles() ?? [];
  const input = outputInput(content, (id) => !state.cache?.store.reused.has(id));
  const outlined = worker ? state.cache?.outlined : undefined;
  // Written only into a folder a build may write in, and only for what the site publishes.
  const publicKeys = content.advisories.flatMap((a) =>
    a.source.checkedAs && isPublic(a.data, now) ? [a.source.checkedAs] : [],
  );
  const fresh = content.advisories.flatMap((a, at): [number, string][] =>
    a.source.checkedAs && a.source.checked === undefined ? [[at, a.source.checkedAs]] : [],
  );
  const byWorker = fresh.length >= STORED_BY_WORKER;
  if (state.cache && checked && !byWorker)
    state.frontMatter = {
      cache: checked,
      public: new Set(publicKeys),
      fresh: fresh.map(([at, key]) => [key, content.advisories[at]?.data]),
      checks,
    };
  // A few advisories that came checked (those a feed shows in full, when one was added) go with their data.
  const byKey =
    content.advisories.filter((a) => a.source.checked !== undefined && !outlined?.has(a.data.id)).length >=
    SENT_BY_KEY;
  const given: PageJob = {
    folder: state.staging,
    reused: state.cache?.store.reusedKeys() ?? {},
    cacheFiles: state.cache?.store.filesDir,
    pages: state.cache?.store.givenPages() ?? [],
  };
  // Shared with the worker where the cache gives files: this thread links those the worker has not come to, once it waits for it.
  if (worker && (given.pages.length > 0 || Object.keys(given.reused).length > 0)) {
    given.claims = pageClaims(given);
    state.givenFiles = given;
  }
  state.outputs = writeOutputsBeside(
    {
      ...given,
      input: {
        ...input,
        // The worker takes the outlines of advisories whose files the cache gives from its manifest.
        advisories: input.advisories.map((advisory, at): JobAdvisory => {
          const source = content.advisories[at]?.source;
          if (outlined?.has(advisory.data.id)) return { outlined: advisory.data.id };
          return worker && byKey && source?.checked !== undefined && source.checkedAs !== undefined
            ? { checked: source.checkedAs, details: advisory.details }
            : advisory;
        }),
        acknowledgmentsPage,
      },
      now,
      remove: state.cache?.remove ?? [],
      ...(state.cache && checked && byWorker && { frontMatter: { public: publicKeys, fresh, checks } }),
    },
    state.cache?.store,
    checked,
    logger,
    worker,
    state,
  );
  logger.debug(`handed the outputs their job in ${lap()}`);
  const site = config.site ?? organisationSite(folders.content);
  // Pages only: the sitemap lists no SECURITY.md or feed.
  return site && state.cache
    ? cachedUrls(state.cache.store)
        .filter(isPage)
        .map((path) => sitemapUrl(site, path))
    : [];
}

/**
 * Opens the build cache (see build-cache.ts), unless DISCLOSE_CACHE is `off`, and lists the
 * advisories whose pages it gives for the page route to leave out (see cacheFolder).
 */
function openCache(
  config: AstroConfig,
  folders: { content: string; private: string | undefined },
  content: ContentSet,
  inputs: CacheInputs,
  now: Date,
  logger: AstroIntegrationLogger,
  { out, protect }: NonNullable<BuildState['site']>,
  code: string,
): BuildState['cache'] {
  const dir = cacheFolder(config, folders);
  if (!dir) return undefined;
  // A build removes from the cache what it no longer needs: never from the content, the project or the site.
  const danger =
    dangerousOutput(dir, protect) ??
    (overlaps(dir, out) ? `${dir} is, holds or is inside the output folder` : undefined);
  if (danger)
    fail(
      `Refusing to keep the build cache in ${dir}: ${danger}, and a build removes what it no longer needs from its cache.`,
      'Point DISCLOSE_CACHE at a folder of its own, such as .disclose-cache, or unset it.',
    );
  const logo = content.organisation.data.appearance.logo;
  // The site's own code: replaced pages and components, and src/ where it has a content config.
  const own = siteSource(config);
  const siteCode = [...inputs.siteCode, ...(own ? [own] : [])];
  const global = globalKey({
    code,
    siteCode,
    aliases: siteAliases(fileURLToPath(config.root), config.vite.resolve?.alias),
    files: [...inputs.siteFiles, ...(logo ? [join(folders.content, logo)] : [])],
    settings: {
      ...(inputs.settings as object),
      site: config.site ?? organisationSite(folders.content),
      pageSize: listingPageSize(),
      astro: astroSettings(config),
    },
    content,
  });
  const projects = projectKeys(content);
  const shows = new Map<string, readonly string[]>();
  const keys = new Map<string, string>();
  for (const advisory of content.advisories)
    if (isPublic(advisory.data, now))
      keys.set(
        advisory.data.id,
        advisoryKey(global, advisory, publicationState(advisory.data, now), projects),
      );
  const kinds = {
    'listing pages': listingKeys(global, content, keys, projects),
    'project pages': projectPageKeys(global, content, keys, projects),
    'SECURITY.md files': securityMdKeys(global, projects),
    'feed files': feedKeys(global, content, keys, shows),
  };
  const pages = new Map(Object.values(kinds).flatMap((keysOf) => [...keysOf]));
  mkdirSync(dir, { recursive: true });
  const others = tidyCache(dir);
  // An out-of-date cache is moved aside, unless another build is using the folder right now.
  const data = new Map(content.advisories.map((a) => [a.data.id, a.data]));
  const store = new BuildCache(dir, global, keys, pages, {
    setAside: !others.running,
    outline: (id) => {
      const advisory = data.get(id);
      return advisory && outlineOf(advisory);
    },
  });
  // The advisories a feed written in this build shows in full come with their data, and so do
  // those whose front matter was checked afresh, for the build cache to store.
  const inFull = new Set([
    ...[...shows].flatMap(([path, ids]) => (store.reusedPages.has(path) ? [] : ids)),
    ...content.advisories.flatMap((a) => (a.source.checked === undefined ? [a.data.id] : [])),
  ]);
  const outlined = new Set([...store.reused].filter((id) => !inFull.has(id)));
  // One name per build, so that the pages of this process never read another build's list.
  const list = join(dir, `pages.${process.pid}.${Date.now()}.json`);
  // Code of the site's own might read any advisory from the store, and an adapter's prerenderer
  // may render elsewhere; otherwise only the advisories whose pages this build renders go into
  // it, and the pages take the others from here.
  const leftOut = siteCode.length === 0 && !config.adapter;
  if (leftOut) handOver(content.advisories.filter((a) => store.reused.has(a.data.id)).map((a) => a.data));
  const listed: CachedPages = { pages: cachedUrls(store), ...(leftOut && { leftOut }) };
  writeFileSync(list, JSON.stringify(listed));
  process.env['DISCLOSE_CACHED_PAGES'] = list;
  const counts = Object.entries(kinds).map(
    ([kind, keysOf]) =>
      `${[...keysOf.keys()].filter((url) => store.reusedPages.has(url)).length} of ${keysOf.size} ${kind}`,
  );
  const unchanged = `${counts.slice(0, -1).join(', ')} and ${counts.at(-1)}`;
  logger.info(
    store.warm
      ? `build cache: ${store.reused.size} of ${keys.size} advisories unchanged, ${keys.size - store.reused.size} to render; ${unchanged} unchanged`
      : `build cache: empty or out of date, so every page is rendered`,
  );
  return { store, list, remove: [...others.leftOver, ...store.outOfDate], leftOut, outlined };
}

/**
 * Removes the lists and half-written manifests an earlier build that stopped (failed, or was
 * killed) left in the cache folder (and the advisories' data earlier versions wrote beside
 * them); those of a build still
 * running beside this one stay, and say that it is running. Folders such a build moved aside
 * (see BuildCache.outOfDate) are returned, for the outputs worker to remove.
 */
function tidyCache(dir: string): { running: boolean; leftOver: string[] } {
  let running = false;
  const leftOver: string[] = [];
  for (const name of readdirSync(dir)) {
    const aside = asideBy(name);
    if (aside !== undefined) {
      if (!isRunning(aside)) leftOver.push(join(dir, name));
      continue;
    }
    const pid = /^(?:pages\.(\d+)(?:\.\d+)?\.json|advisories\.(\d+)\.v8|manifest\.tsv\.(\d+))$/
      .exec(name)
      ?.slice(1)
      .find(Boolean);
    if (!pid) continue;
    if (isRunning(Number(pid))) running ||= Number(pid) !== process.pid;
    else rmSync(join(dir, name), { force: true });
  }
  return { running, leftOver };
}

/**
 * The build cache's folder: the one DISCLOSE_CACHE names, or one in Astro's cache folder, which CI
 * keeps between runs; undefined when DISCLOSE_CACHE is `off`.
 */
function cacheFolder(
  config: AstroConfig,
  folders: { content: string; private: string | undefined },
): string | undefined {
  const setting = process.env['DISCLOSE_CACHE'];
  if (setting === 'off') return undefined;
  return setting
    ? resolve(setting)
    : fileURLToPath(new URL('disclose/', contentCacheDir(config, folders.content)));
}

/** The paths of the pages, SECURITY.md and feed files the build cache gives, advisory pages first. */
function cachedUrls(store: BuildCache): string[] {
  return [...[...store.reused].map((id) => paths.advisory(id)), ...store.reusedPages];
}

/**
 * The hooks that finish a build, as an integration of their own added after MDX and the sitemap,
 * so that they run once every other integration has written: the outputs move in, the search
 * index and the manifest are written, and the finished site replaces the previous one.
 */
function finish(state: BuildState): AstroIntegration {
  let config: AstroConfig | undefined;
  return {
    name: 'astro-disclose:finish',
    hooks: {
      'astro:config:done': ({ config: done }) => {
        config = done;
      },
      'astro:build:done': async ({ dir, pages, logger }) => {
        if (!state.staging || !state.site)
          throw new Error('Disclose: the outputs were not written before the build finished');
        // The pages join the outputs, and that folder becomes the site.
        const lap = stopwatch();
        // Started now, so that Pagefind has started when the first shard to index is read.
        const indexers = new Indexers();
        const rendered = fileURLToPath(dir);
        if (state.sitemap && config?.site) {
          writeSitemap(rendered, config.site, config.base, pages, state.sitemap.cached);
          logger.debug(`sitemap in ${lap()}`);
        } else if (state.sitemap)
          logger.warn(
            'No sitemap: the site has no URL. Set `site` in organisation.yaml (or in astro.config.mjs).',
          );
        const site = state.staging;
        // The pages Astro wrote, as paths on the site; with the files the build cache gives, every
        // page the search index reads, listed rather than found by a walk of tens of thousands of folders.
        const fromAstro = siteFiles(rendered);
        const given = new Map(state.given.map((file) => [file.path, file.from]));
        const astro = new Set(fromAstro);
        const listed = [...new Set([...given.keys(), ...fromAstro])];
        // Read where they are while the outputs worker may still be linking the site together: a
        // page Astro wrote from Astro's folder, one the cache gives from the cache.
        const cacheFiles = state.cache?.store.filesDir;
        const pageFile = (path: string) =>
          astro.has(path)
            ? join(rendered, path)
            : given.has(path) && cacheFiles
              ? join(cacheFiles, given.get(path) ?? '')
              : join(site, path);
        const cache = state.cache;
        if (cache) {
          rmSync(cache.list, { force: true });
          handOver(undefined);
          delete process.env['DISCLOSE_CACHED_PAGES'];
        }
        const siteUrl = pathToFileURL(`${site}/`);
        let emptied: Promise<void> = Promise.resolve();
        // Once every shard to index is with Pagefind: the outputs are awaited, the pages move in,
        // and the manifest and the cache's files, which need nothing of the search index, are
        // written while Pagefind indexes.
        let count = 0;
        const meanwhile = async () => {
          logger.debug(`search shards read, handed to Pagefind or taken from the build cache in ${lap()}`);
          const shared =
            state.givenFiles && linkGivenFiles(state.givenFiles, manifestRecords(cache?.store.manifest));
          if (shared && 'error' in shared)
            failedOutputs('Linking the files the build cache gives', shared, cache?.store);
          if (shared?.linked)
            logger.debug(
              `linked the files of ${shared.linked} of the advisories and pages the cache gives, while the outputs are written, in ${lap()}`,
            );
          state.written = (await state.outputs) ?? [];
          logger.debug(`waited ${lap()} for the outputs`);
          // Each announcement written aside goes into the folder of its page, in Astro's folder.
          moveAside(state.aside ?? [], rendered);
          await rm(join(site, ASIDE), { recursive: true, force: true });
          moveInto(rendered, site);
          // The machine-readable files among Astro's (SECURITY.md files, the sitemap), for the manifest.
          const found = hashedFiles(site, fromAstro);
          // What is left of Astro's folder (the folders of pages moved into folders the site had
          // too: listing pages, project pages) is removed while Pagefind indexes.
          emptied = rm(dir, { recursive: true, force: true });
          // Awaited at the end; a failure before then must not end the process unreported.
          emptied.catch(() => undefined);
          logger.debug(`moved the pages into the site in ${lap()}`);
          const manifest = state.siteManifest?.(found);
          manifest?.catch(() => undefined);
          const frontMatter = state.frontMatter;
          if (frontMatter) {
            for (const [key, data] of frontMatter.fresh) frontMatter.cache.set(key, data);
            frontMatter.cache.save(frontMatter.public, frontMatter.checks);
            logger.debug(`checked front matter stored, while Pagefind indexes, in ${lap()}`);
          }
          cache?.store.storeFiles(site, [...found, ...state.written]);
          logger.debug(`build cache's files stored, while Pagefind indexes, in ${lap()}`);
          count = (await manifest) ?? 0;
          logger.debug(`site's manifest written, while Pagefind indexes, in ${lap()}`);
        };
        const search = await writeSearchIndex(
          siteUrl,
          cache?.store.warm
            ? {
                known: cache.store.knownSearch(),
                takeShard: (key) => cache.store.takeShard(key),
                laidOut: (target) => {
                  if (layoutSetting() === 'off') return undefined;
                  const taken = takeSearchLayout(cache.store.manifest, cache.store.dir, target);
                  if (taken && 'refused' in taken)
                    logger.warn(
                      `the search shards laid out after the last build were not used: ${taken.refused}. This build puts them in place itself.`,
                    );
                  return taken && 'shards' in taken ? taken.shards : undefined;
                },
              }
            : undefined,
          listed,
          meanwhile,
          indexers,
          { pageFile },
        ).catch(async (error: unknown) => {
          // A file gone from the cache fails the outputs too, and they say what to do about it.
          await state.outputs;
          throw error;
        });
        logger.info(
          `indexed ${search.pages} pages for search in ${search.shards} shard(s)${search.reused ? ` (${search.reused} unchanged, from the build cache${search.laidOut ? `, ${search.laidOut} of them laid out after the last build` : ''}; ${search.fresh} ${search.fresh === 1 ? 'page' : 'pages'} indexed again)` : ''}`,
        );
        logger.info(`wrote disclose-manifest.json listing ${count} generated files`);
        logger.debug(`search index in ${lap()}`);
        cache?.store.storeIndex(site, search.search, search.keys);
        if (state.store) keepContentStore(state.store, cache);
        logger.debug(`build cache stored in ${lap()}`);
        // Everything is written: the new site replaces the previous one in one step.
        swapIn(site, state.site.out);
        await emptied;
        logger.debug(`site swapped in in ${lap()}`);
        logger.info(`site written to ${relative(process.cwd(), state.site.out) || '.'}`);
        if (cache) await layOutNextBuild(cache.store.dir, site, logger);
      },
    },
  };
}

/**
 * Once the site is in place, starts laying out the next build's site from the build cache in
 * `cache` (see layOutNext), where DISCLOSE_LAYOUT allows it and the next build's staging folder,
 * beside `staged` (this build's), is on the same file system as the cache, so that it can take it
 * in one rename. With `wait`, the build ends once it is laid out.
 */
async function layOutNextBuild(cache: string, staged: string, logger: AstroIntegrationLogger): Promise<void> {
  const setting = layoutSetting();
  if (setting === 'off' || !existsSync(OUTPUTS_WORKER)) return;
  try {
    if (statSync(cache).dev !== statSync(dirname(staged)).dev) return;
  } catch {
    return;
  }
  const lap = stopwatch();
  await startLayout(cache, OUTPUTS_WORKER, setting === 'wait');
  if (setting === 'wait') logger.debug(`laid out the next build's site in ${lap()}`);
}

/**
 * Records that Astro's content store is this build's, for the next build to keep (see prepare);
 * except after a build that rendered every advisory into it where the next one leaves those the
 * cache gives out of it. That build would load every advisory's rendered Markdown (tens of
 * megabytes at 20,000, which CI also saves and restores with the cache) only to drop all but the
 * few it renders, which it renders again in less time: the store goes now, and it starts empty.
 */
function keepContentStore(store: NonNullable<BuildState['store']>, cache: BuildState['cache']): void {
  if (cache?.leftOut && !cache.store.warm)
    rmSync(join(dirname(store.marker), 'data-store.json'), { force: true });
  else writeFileSync(store.marker, JSON.stringify({ build: store.code }));
}

/**
 * The site's Content-Security-Policy, as a meta tag on every page (Astro adds the hashes of its
 * bundled scripts and styles). Inline script, `javascript:` URLs, plug-ins, frames and requests to
 * other sites are refused; Pagefind's search needs WebAssembly, hence `'wasm-unsafe-eval'`.
 */
const CONTENT_SECURITY_POLICY = {
  algorithm: 'SHA-256',
  directives: [
    "default-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "font-src 'self'",
    "object-src 'none'",
    "frame-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ],
  scriptDirective: { resources: ["'self'", "'wasm-unsafe-eval'"] },
  // Style attributes (the charts' bar widths) are presentation, not script.
  styleDirective: { resources: ["'self'", { resource: "'unsafe-inline'", kind: 'attribute' }] },
} satisfies NonNullable<AstroConfig['security']>['csp'];

/** The time since it was made or last called, for the build's --verbose account of where its time goes. */
function stopwatch(): () => string {
  let last = performance.now();
  return () => {
    const now = performance.now();
    const ms = Math.round(now - last);
    last = now;
    return `${ms} ms`;
  };
}

/**
 * Stops the build where the outputs, on either thread, failed (`what` failed: why, and what to do).
 * A build cache that changed underneath is forgotten first: the next build renders everything
 * rather than trust it.
 */
function failedOutputs(
  what: string,
  result: Extract<PostedResult, { error: string }>,
  cache: BuildCache | undefined,
): never {
  if (result.cacheChanged) cache?.forget();
  fail(`${what} failed: ${result.error}`, result.hint ?? 'Report this as a bug in Disclose.');
}

/** Stops the build with a message and what to do, without a stack trace into Disclose. */
function fail(message: string, hint: string): never {
  const error = new AstroError(message, hint);
  // The message is the whole story; a stack trace into Disclose would only hide it.
  error.stack = '';
  throw error;
}

function readText(file: URL): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
