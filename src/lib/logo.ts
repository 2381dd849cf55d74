import { readFile, stat } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

/** The largest logo inlined into every page's header: small enough to keep pages within their budget. */
export const LOGO_MAX_BYTES = 8 * 1024;

const TYPES: Record<string, string> = { '.svg': 'image/svg+xml', '.png': 'image/png', '.webp': 'image/webp' };

/**
 * The logo named by `appearance.logo`, as a data: URL for the header's <img>. An image element never
 * runs script, SVG included, and the page's Content-Security-Policy allows data: images only.
 */
export function logoDataUrl(contentDir: string, logo: string): Promise<string> {
  // Every page's header carries it: read and encode once per build, not once per page.
  const file = join(contentDir, logo);
  let url = encoded.get(file);
  if (!url) {
    url = readFile(file).then(
      (bytes) => `data:${TYPES[extname(logo).toLowerCase()]};base64,${bytes.toString('base64')}`,
    );
    encoded.set(file, url);
  }
  return url;
}

const encoded = new Map<string, Promise<string>>();

/** Why the logo cannot be used, or undefined when it can. */
export async function logoProblem(contentDir: string, logo: string): Promise<string | undefined> {
  const file = join(contentDir, logo);
  const inside = relative(contentDir, file);
  if (inside.startsWith('..')) return `${logo} is outside the content folder; put the logo in it`;
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) return `${logo} does not exist in the content folder; add it or fix the path`;
  if (info.size > LOGO_MAX_BYTES)
    return `${logo} is ${Math.ceil(info.size / 1024)} KB; every page carries the logo, so it may be at most ${LOGO_MAX_BYTES / 1024} KB (an SVG, or a PNG of 64 by 64 pixels, fits)`;
  return undefined;
}
