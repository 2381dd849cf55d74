import mdx from '@astrojs/mdx';
import sitemap from '@astrojs/sitemap';
import { defineConfig } from 'astro/config';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { disclose } from './src/integration/index.ts';
import { contentDir, outDir, privateContentDir } from './src/lib/content/folders.ts';
import { basePath } from './src/lib/urls.ts';

const content = contentDir();

/** The site URL from organisation.yaml; the integration reports it properly when it is missing or wrong. */
function siteUrl(): string | undefined {
  try {
    const organisation = parse(readFileSync(join(content, 'organisation.yaml'), 'utf8')) as {
      site?: unknown;
    };
    return typeof organisation.site === 'string' && URL.canParse(organisation.site)
      ? organisation.site
      : undefined;
  } catch {
    return undefined;
  }
}

const site = siteUrl();

export default defineConfig({
  ...(site ? { site } : {}),
  // A site URL with a path (a GitHub Pages project site) is served under that path.
  base: site ? basePath(site) : '/',
  outDir: outDir(),
  // One cache per content folder, so building another content set never reuses stale entries.
  cacheDir: `node_modules/.astro/${createHash('sha256').update(content).digest('hex').slice(0, 12)}`,
  trailingSlash: 'ignore',
  // Code in policies is templates and commands; theme colours failed contrast checks, the site's own palette passes.
  markdown: { syntaxHighlight: false },
  build: { format: 'directory', concurrency: 4 },
  // disclose() comes last: its build:done hook lists every file the others wrote.
  integrations: [mdx(), sitemap(), disclose({ contentDir: content, privateContentDir: privateContentDir() })],
});
