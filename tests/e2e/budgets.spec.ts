import { readdir, readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { BUILD_ROOT, SITES } from './sites.ts';
import { expect, test } from './test.ts';

// What keeps the site fast on a slow phone, held as tests on every page each example builds:
// HTML under 20 KB and CSS under 15 KB gzipped, and script only where a reader uses it.

const HTML_BUDGET = 20 * 1024;
const CSS_BUDGET = 15 * 1024;
/** Search runs Pagefind; an advisory page has the copy button. No other page needs script. */
const SCRIPTED = [/^search\/index\.html$/, /^advisories\/[^/]+\/index\.html$/];

async function htmlFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
    .map((entry) => join(entry.parentPath, entry.name));
}

const gzipped = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

for (const site of Object.keys(SITES).filter((name) => name !== 'installed')) {
  test(`${site}: every page is within its HTML, CSS and script budget`, async () => {
    const out = resolve(BUILD_ROOT, site);
    const files = await htmlFiles(out);
    expect(files.length).toBeGreaterThan(5);
    const over: string[] = [];
    let largestCss = 0;
    for (const file of files) {
      const path = relative(out, file).split('\\').join('/');
      // The CSAF folder listings are plain listings with no stylesheet of ours.
      if (path.startsWith('.well-known/')) continue;
      const html = await readFile(file, 'utf8');
      const htmlSize = gzipped(html);
      if (htmlSize > HTML_BUDGET) over.push(`${path}: HTML ${htmlSize} bytes gzipped`);
      const sheets = [...html.matchAll(/<link rel="stylesheet" href="([^"]+)"/g)].map((m) => m[1]!);
      let css = [...html.matchAll(/<style[^>]*>([\s\S]*?)<\/style>/g)].map((m) => m[1]!).join('');
      for (const sheet of sheets) {
        const local = sheet.slice(sheet.indexOf('/_astro/') + 1);
        css += await readFile(join(out, local), 'utf8');
      }
      const cssSize = gzipped(css);
      largestCss = Math.max(largestCss, cssSize);
      if (cssSize > CSS_BUDGET) over.push(`${path}: CSS ${cssSize} bytes gzipped`);
      if (/<script\b/.test(html) && !SCRIPTED.some((allowed) => allowed.test(path)))
        over.push(`${path}: has a script`);
    }
    expect(over).toEqual([]);
    // The stylesheets were found and measured, not missed.
    expect(largestCss).toBeGreaterThan(1024);
  });
}
