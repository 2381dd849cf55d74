import { readFileSync } from 'node:fs';
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
   * Set where only Disclose's own pages read advisories and Astro's own prerenderer renders them in
   * the build's process (the site adds no pages, components, content config or adapter of its
   * own): the advisories whose pages the cache gives are left out of Astro's content store, which
   * Astro writes, bundles and loads whole on every build, and the pages that list and count them
   * take their validated data from the integration in memory (see handOver).
   */
  leftOut?: true;
}

/** Where the integration hands the left-out advisories to the pages: the data it validated, not copied. */
const HANDED_OVER = Symbol.for('astro-disclose.left-out-advisories');

/** Gives the pages of this process the left-out advisories (see CachedPages.leftOut); undefined takes them back. */
export function handOver(advisories: readonly Advisory[] | undefined): void {
  (globalThis as Record<symbol, unknown>)[HANDED_OVER] = advisories;
}

/** The list last read, by file: each build writes a list of its own name, so it never changes. */
let read: { file: string; listed: CachedPages; pages: ReadonlySet<string> } | undefined;

function listed(): { listed: CachedPages; pages: ReadonlySet<string> } {
  const file = process.env['DISCLOSE_CACHED_PAGES'];
  if (!file) return { listed: { pages: [] }, pages: new Set() };
  // Read once, not by every route and page that asks (tens of thousands of paths at 20,000 advisories).
  if (read?.file !== file) {
    const given = JSON.parse(readFileSync(file, 'utf8')) as CachedPages;
    read = { file, listed: given, pages: new Set(given.pages) };
  }
  return read;
}

/** The file's contents; no pages for a full build. */
export function readCachedPages(): CachedPages {
  return listed().listed;
}

/** The pages the build cache gives, by path; empty for a full build. */
export function cachedPages(): ReadonlySet<string> {
  return listed().pages;
}

/** The advisories left out of the content store (see CachedPages.leftOut); none in a full build. */
export function leftOutAdvisories(): readonly Advisory[] {
  if (!readCachedPages().leftOut) return [];
  const given = (globalThis as Record<symbol, unknown>)[HANDED_OVER];
  // Never a page without them: they are in no content store.
  if (!Array.isArray(given))
    throw new Error('Disclose: the pages are rendered apart from the build that checked the content');
  return given as readonly Advisory[];
}
