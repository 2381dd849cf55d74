import { createHash } from 'node:crypto';
import { renameSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { folderMaker } from '../lib/outputs/folders.ts';
import { outputInput, writeOutputs, type WrittenFile } from '../lib/outputs/write-outputs.ts';
import { buildTime } from '../lib/publication.ts';
import { writeManifest } from './manifest.ts';
import { writeSearchIndex } from './search-index.ts';

/**
 * Disclose's build hooks. Content is validated before Astro writes anything, so bad input
 * fails with every problem listed and leaves no half-written site. The machine-readable outputs
 * are written from the same content right then, into a staging folder, and moved into the site
 * once the pages exist; the manifest and the search index, which need the pages, come last.
 */
export function disclose(options: { contentDir: string }): AstroIntegration {
  let staging: string | undefined;
  let written: WrittenFile[] = [];
  return {
    name: 'disclose',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        // Only the dev server shows drafts and embargoed advisories; every build leaves them out.
        if (command === 'dev') process.env['DISCLOSE_PREVIEW_UNPUBLISHED'] = '1';
        else delete process.env['DISCLOSE_PREVIEW_UNPUBLISHED'];
        if (command === 'build') {
          // One clock for the whole build: the outputs, the pages and the embargo checks agree.
          process.env['DISCLOSE_NOW'] ||= new Date().toISOString();
          // A production build decides what is public from the files and the clock alone, never
          // from a store a previous build (or the dev server, which keeps drafts) left behind.
          await rm(new URL('data-store.json', config.cacheDir), { force: true });
        }
        const { content, problems } = await loadContent(options.contentDir);
        if (problems.length > 0 || !content) {
          const error = new AstroError(
            formatProblems(problems),
            'Fix each line above (file:line: field: what is wrong; what to do), then build again.',
          );
          // The problems are the whole story; a stack trace into Disclose would only hide them.
          error.stack = '';
          throw error;
        }
        logger.info(`content in ${relative(process.cwd(), options.contentDir) || '.'} is valid`);
        if (command !== 'build') return;
        // Written now, from the content loaded for the checks, so that it need not stay in memory
        // while Astro renders tens of thousands of pages; moved into the site once they exist.
        // One staging folder per output folder, so two builds of the same content never share one.
        const key = createHash('sha256').update(fileURLToPath(config.outDir)).digest('hex').slice(0, 12);
        staging = fileURLToPath(new URL(`disclose-outputs-${key}/`, config.cacheDir));
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
        if (!staging) throw new Error('Disclose: the outputs were not written before the build finished');
        const out = fileURLToPath(dir);
        const inFolder = folderMaker();
        for (const { path } of written)
          renameSync(join(staging, stagedName(path)), inFolder(join(out, path)));
        await rm(staging, { recursive: true, force: true });
        const { pages, shards } = await writeSearchIndex(dir);
        logger.info(`indexed ${pages} pages for search in ${shards} shard(s)`);
        const count = await writeManifest(dir, written);
        logger.info(`wrote disclose-manifest.json listing ${count} generated files`);
      },
    },
  };
}

/** A site path as one file name in the staging folder: `/osv/x.json` becomes `%2Fosv%2Fx.json`. */
function stagedName(path: string): string {
  return encodeURIComponent(path);
}
