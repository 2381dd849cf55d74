import { readFileSync } from 'node:fs';

/**
 * What an incremental build takes from the build cache instead of rendering, as the integration
 * writes it to the file $DISCLOSE_CACHED_PAGES names before Astro starts, for the routes and the
 * advisories loader to read.
 */
export interface CachedPages {
  /** Pages by path (advisory pages and listing pages), which the routes leave out. */
  pages: string[];
  /**
   * Whether only Disclose's own pages render advisories (the site adds no pages or components of
   * its own), so the content store need not hold the rendered Markdown of a cached advisory page.
   */
  bodiesUnused: boolean;
}

/** The file's contents; no pages for a full build. */
export function readCachedPages(): CachedPages {
  const file = process.env['DISCLOSE_CACHED_PAGES'];
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as CachedPages) : { pages: [], bodiesUnused: false };
}

/** The pages the build cache gives, by path; empty for a full build. */
export function cachedPages(): ReadonlySet<string> {
  return new Set(readCachedPages().pages);
}
