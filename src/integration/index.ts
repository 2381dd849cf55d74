import { renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroConfig, AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { folderMaker } from '../lib/outputs/folders.ts';
import { outputInput, writeOutputs, type WrittenFile } from '../lib/outputs/write-outputs.ts';
import { buildTime, parseClock } from '../lib/publication.ts';
import { writeManifest } from './manifest.ts';
import {
  dangerousOutput,
  protectedFolders,
  removeLeftovers,
  stagingFolders,
  swapIn,
} from './output-folder.ts';
import { writeSearchIndex } from './search-index.ts';

/**
 * Disclose's build hooks. Content is validated before Astro writes anything, so bad input
 * fails with every problem listed and leaves no half-written site. The machine-readable outputs
 * are written from the same content right then, into a staging folder, and moved into the site
 * once the pages exist; the manifest and the search index, which need the pages, come last.
 */
export function disclose(options: {
  contentDir: string;
  privateContentDir?: string | undefined;
}): AstroIntegration {
  let staging: string | undefined;
  let site: { staged: string; out: string } | undefined;
  let written: WrittenFile[] = [];
  const folders = { content: options.contentDir, private: options.privateContentDir };
  return {
    name: 'disclose',
    hooks: {
      'astro:config:setup': async ({ command, config, logger, updateConfig }) => {
        // Only the dev server shows drafts and embargoed advisories; every build leaves them out.
        if (command === 'dev') process.env['DISCLOSE_PREVIEW_UNPUBLISHED'] = '1';
        else delete process.env['DISCLOSE_PREVIEW_UNPUBLISHED'];
        if (command === 'build') {
          // One clock for the whole build: the outputs, the pages and the embargo checks agree.
          const given = process.env['DISCLOSE_NOW'];
          const clock = given ? parseClock(given) : { date: new Date() };
          if ('problem' in clock)
            fail(clock.problem, 'Set DISCLOSE_NOW to an instant, or unset it to use the clock.');
          process.env['DISCLOSE_NOW'] = clock.date.toISOString();
          logger.info(`building as of ${clock.date.toISOString()}${given ? ' (DISCLOSE_NOW)' : ''}`);
          // Refused before anything is deleted: Astro empties its output folder first thing.
          const out = fileURLToPath(config.outDir);
          const danger = dangerousOutput(
            out,
            protectedFolders(
              [folders.content, ...(folders.private ? [folders.private] : [])],
              fileURLToPath(config.root),
            ),
          );
          if (danger)
            fail(
              `Refusing to build into ${out}: ${danger}, and a build replaces its output folder.`,
              'Point DISCLOSE_OUT (or outDir) at a folder of its own, such as dist.',
            );
          const cacheDir = fileURLToPath(config.cacheDir);
          removeLeftovers(out, cacheDir);
          const stagingFor = stagingFolders(out, cacheDir);
          site = { staged: stagingFor.site, out };
          staging = stagingFor.outputs;
          // Astro writes (and first empties) a fresh folder; the finished site is swapped in at the end.
          updateConfig({ outDir: pathToFileURL(`${stagingFor.site}/`) });
          // A production build decides what is public from the files and the clock alone, never
          // from a store a previous build (or the dev server, which keeps drafts) left behind.
          await rm(new URL('data-store.json', config.cacheDir), { force: true });
        }
        // Nothing from content runs as script: every page carries a Content-Security-Policy that
        // allows only the scripts and styles Astro bundled (by hash) and files from the site itself.
        updateConfig({ security: { csp: CONTENT_SECURITY_POLICY } });
        const { content, problems } = await loadContent(folders);
        if (problems.length > 0 || !content)
          fail(
            formatProblems(problems),
            'Fix each line above (file:line: field: what is wrong; what to do), then build again.',
          );
        logger.info(
          `content in ${relative(process.cwd(), options.contentDir) || '.'}${folders.private ? ` and ${relative(process.cwd(), folders.private)}` : ''} is valid`,
        );
        if (command !== 'build' || !staging) return;
        // Written now, from the content loaded for the checks, so that it need not stay in memory
        // while Astro renders tens of thousands of pages; moved into the site once they exist.
        // The staging folder sits beside the output, so moving the files in is a rename.
        await rm(staging, { recursive: true, force: true });
        // Flat, one file per site path: creating a folder per advisory costs more than the files.
        const flat = staging;
        written = writeOutputs(outputInput(content), flat, buildTime(), (path) =>
          join(flat, stagedName(path)),
        );
        logger.info(
          `wrote ${written.length} machine-readable files (OSV, CSAF, feeds, announcements, security.txt)`,
        );
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!staging || !site)
          throw new Error('Disclose: the outputs were not written before the build finished');
        const out = fileURLToPath(dir);
        const inFolder = folderMaker();
        for (const { path } of written)
          renameSync(join(staging, stagedName(path)), inFolder(join(out, path)));
        await rm(staging, { recursive: true, force: true });
        const { pages, shards } = await writeSearchIndex(dir);
        logger.info(`indexed ${pages} pages for search in ${shards} shard(s)`);
        const count = await writeManifest(dir, written);
        logger.info(`wrote disclose-manifest.json listing ${count} generated files`);
        // Everything is written: the new site replaces the previous one in one step.
        swapIn(out, site.out);
        logger.info(`site written to ${relative(process.cwd(), site.out) || '.'}`);
      },
    },
  };
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

/** Stops the build with a message and what to do, without a stack trace into Disclose. */
function fail(message: string, hint: string): never {
  const error = new AstroError(message, hint);
  // The message is the whole story; a stack trace into Disclose would only hide it.
  error.stack = '';
  throw error;
}

/** A site path as one file name in the staging folder: `/osv/x.json` becomes `%2Fosv%2Fx.json`. */
function stagedName(path: string): string {
  return encodeURIComponent(path);
}
