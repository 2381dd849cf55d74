import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

/** Makes a file's folder before it is written, each folder once: thousands of files share few folders. */
export function folderMaker(): (file: string) => string {
  const made = new Set<string>();
  return (file) => {
    const folder = dirname(file);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    return file;
  };
}
