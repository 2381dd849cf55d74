import { resolve } from 'node:path';
import type { ContentFolders } from './content-files.ts';

// The content folder and the output folder are parameters, so one checkout can build any content set:
//   DISCLOSE_CONTENT=examples/single-library DISCLOSE_OUT=dist-single npm run build

/** Absolute path of the content folder: $DISCLOSE_CONTENT, default `content`. */
export function contentDir(): string {
  return resolve(process.env['DISCLOSE_CONTENT'] || 'content');
}

/** Absolute path of the output folder: $DISCLOSE_OUT, default `dist`. */
export function outDir(): string {
  return resolve(process.env['DISCLOSE_OUT'] || 'dist');
}

/** Absolute path of the private content folder ($DISCLOSE_PRIVATE_CONTENT), if one is set. */
export function privateContentDir(): string | undefined {
  const dir = process.env['DISCLOSE_PRIVATE_CONTENT'];
  return dir ? resolve(dir) : undefined;
}

/** The content folder and the private one: everything a build reads. */
export function contentFolders(): ContentFolders {
  return { content: contentDir(), private: privateContentDir() };
}
