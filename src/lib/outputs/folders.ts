import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** The folders of one site made so far. */
export interface Folders {
  made: Set<string>;
}

/**
 * Makes a file's folder before it is written, each folder once: thousands of files share few
 * folders. Folder makers given the same `folders` make each folder once between them.
 */
export function folderMaker(folders: Folders = { made: new Set() }): (file: string) => string {
  const { made } = folders;
  return (file) => {
    const folder = dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    return file;
  };
}
