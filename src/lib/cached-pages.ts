import { readFileSync } from 'node:fs';
import { deserialize } from 'node:v8';
import type { Advisory } from '../schemas/advisory.ts';

/**
 * What an incremental build takes from the build cache instead of rendering, as the integration
 * writes it to the file $DISCLOSE_CACHED_PAGES names before Astro starts, for the routes, the
 * advisories loader and the pages to read.
 */
export interface CachedPages {
  /** Pages and files by path (advisory and listing pages, SECURITY.md and feed files), which the routes leave out. */
  pages: string[];
  /**
   * Set where only Disclose's own pages read advisories (the site adds no pages, components or
   * content config of its own): a file holding the validated data of every advisory whose page
   * the cache gives. Those advisories are left out of Astro's content store, which Astro writes,
   * bundles and loads whole on every build; the pages that list and count them read them here.
   */
  leftOut?: string;
}

/** The file's contents; no pages for a full build. */
export function readCachedPages(): CachedPages {
  const file = process.env['DISCLOSE_CACHED_PAGES'];
  return file ? (JSON.parse(readFileSync(file, 'utf8')) as CachedPages) : { pages: [] };
}

/** The pages the build cache gives, by path; empty for a full build. */
export function cachedPages(): ReadonlySet<string> {
  return new Set(readCachedPages().pages);
}

/** The advisories left out of the content store (see CachedPages.leftOut); none in a full build. */
export function leftOutAdvisories(): Advisory[] {
  const file = readCachedPages().leftOut;
  // Written with node:v8's serialize, which keeps dates as dates.
  return file ? (deserialize(readFileSync(file)) as Advisory[]) : [];
}
