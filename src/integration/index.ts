import { rm } from 'node:fs/promises';
import { relative } from 'node:path';
import type { AstroIntegration } from 'astro';
import { AstroError } from 'astro/errors';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../lib/content/load-content.ts';
import { outputInput, writeOutputs, type OutputInput } from '../lib/outputs/write-outputs.ts';
import { buildTime } from '../lib/publication.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { writeManifest } from './manifest.ts';
import { writeSearchIndex } from './search-index.ts';

/**
 * Disclose's build hooks. Content is validated before Astro writes anything, so bad input
 * fails with every problem listed and leaves no half-written site; machine-readable
 * outputs that need the whole build (the manifest) are written once pages exist.
 */
export function disclose(options: { contentDir: string }): AstroIntegration {
  // Validated once at start-up; the outputs written after the pages come from the same content.
  let input: OutputInput | undefined;
  return {
    name: 'disclose',
    hooks: {
      'astro:config:setup': async ({ command, config, logger }) => {
        // Only the dev server shows drafts and embargoed advisories; every build leaves them out.
        if (command === 'dev') process.env['DISCLOSE_PREVIEW_UNPUBLISHED'] = '1';
        else delete process.env['DISCLOSE_PREVIEW_UNPUBLISHED'];
        // A production build decides what is public from the files and the clock alone, never from
        // a store a previous build (or the dev server, which keeps drafts) left behind.
        if (command === 'build') await rm(new URL('data-store.json', config.cacheDir), { force: true });
        const loaded = await loadContent(options.contentDir);
        const { problems } = loaded;
        input = loaded.content && outputInput(loaded.content);
        if (problems.length > 0) {
          const error = new AstroError(
            formatProblems(problems),
            'Fix each line above (file:line: field: what is wrong; what to do), then build again.',
          );
          // The problems are the whole story; a stack trace into Disclose would only hide them.
          error.stack = '';
          throw error;
        }
        logger.info(`content in ${relative(process.cwd(), options.contentDir) || '.'} is valid`);
      },
      'astro:build:done': async ({ dir, logger }) => {
        if (!input) throw new Error('Disclose: content was not loaded before the build finished');
        const written = writeOutputs(input, fileURLToPath(dir), buildTime());
        // Only needed until now: let the collector have the advisories' text before indexing.
        input = undefined;
        logger.info(
          `wrote ${written.length} machine-readable files (OSV, CSAF, feeds, announcements, security.txt)`,
        );
        const { pages, shards } = await writeSearchIndex(dir);
        logger.info(`indexed ${pages} pages for search in ${shards} shard(s)`);
        const count = await writeManifest(dir, written);
        logger.info(`wrote disclose-manifest.json listing ${count} generated files`);
      },
    },
  };
}
