import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import * as pagefind from 'pagefind';

/**
 * What Pagefind keeps of each page, by URL: its fragment (the text search shows, the anchors, the
 * filters and metadata), as it writes it for an index of `pages`. Two ways of handing Pagefind the
 * same pages index alike where these are equal.
 */
export async function pagefindFragments(
  pages: readonly { url: string; html: string }[],
): Promise<Map<string, string>> {
  const out = await mkdtemp(join(tmpdir(), 'disclose-fragments-'));
  try {
    const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' });
    if (!index) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    for (const page of pages) {
      const added = await index.addHTMLFile({ url: page.url, content: page.html });
      if (added.errors.length > 0) throw new Error(`${page.url}: ${added.errors.join('; ')}`);
    }
    await index.writeFiles({ outputPath: out });
    const fragments = new Map<string, string>();
    for (const name of await readdir(join(out, 'fragment'))) {
      // A fragment is gzipped JSON after Pagefind's marker.
      const text = gunzipSync(await readFile(join(out, 'fragment', name)))
        .toString('utf8')
        .replace(/^pagefind_dcd/, '');
      fragments.set((JSON.parse(text) as { url: string }).url, text);
    }
    return fragments;
  } finally {
    await pagefind.close();
    await rm(out, { recursive: true, force: true });
  }
}
