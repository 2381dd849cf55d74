// The machine-readable outputs, written on a second core while Astro renders the pages. The
// integration starts this worker (bundled to build/outputs-worker.mjs, since Node does not run
// TypeScript from node_modules) and waits for it after the pages. It starts the site: the files
// are written where they belong in a folder that Astro's pages are moved into afterwards, and the
// files and pages of advisories the build cache gives are linked into it from the cache.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  writeOutputs,
  type OutputInput,
  type OutputReuse,
  type WrittenFile,
} from '../lib/outputs/write-outputs.ts';
import { folderMaker } from '../lib/outputs/folders.ts';
import { fileName, place } from './build-cache.ts';

/** What the integration hands the worker. */
export interface OutputsJob {
  input: OutputInput;
  /** The folder the site is assembled in. */
  folder: string;
  now: Date;
  /** What the build cache holds for unchanged advisories: their files are not written again. */
  cached: Record<string, { key: string; outputs: WrittenFile[]; osv: { id: string; modified: string } }>;
  /** The build cache's folder of files. */
  cacheFiles: string | undefined;
  /** The pages, SECURITY.md and feed files the build cache gives: each file on the site and in the cache. */
  pages: { path: string; from: string }[];
}

/** What it answers: every file written or taken, and the files of each advisory written afresh. */
export type OutputsResult =
  | {
      written: WrittenFile[];
      fresh: [string, WrittenFile[], { id: string; modified: string }][];
    }
  | { error: string };

/** Writes the outputs of `job`; the integration calls this itself where a worker cannot start. */
export function assembleOutputs(job: OutputsJob): OutputsResult {
  const fresh: [string, WrittenFile[], { id: string; modified: string }][] = [];
  const fromCache = (id: string, path: string) =>
    join(job.cacheFiles ?? '', fileName(job.cached[id]?.key ?? '', path));
  const given = new Set(job.pages.map((page) => page.path));
  const reuse: OutputReuse = {
    cached: (id) => job.cached[id],
    gives: (path) => given.has(path),
    take: (id, path, target) => place(fromCache(id, path), target),
    wrote: (id, outputs, osv) => fresh.push([id, outputs, osv]),
  };
  try {
    const written = writeOutputs(job.input, job.folder, job.now, undefined, reuse);
    // The pages Astro leaves out, and the feeds left unwritten.
    const inFolder = folderMaker();
    for (const page of job.pages)
      place(join(job.cacheFiles ?? '', page.from), inFolder(join(job.folder, page.path)));
    return { written, fresh };
  } catch (error) {
    return { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

// Started before the checks finish (see startOutputsWorker), it waits for its one job.
const port = parentPort;
if (port && (workerData as { outputs?: boolean } | null)?.outputs)
  port.once('message', (job: OutputsJob) => port.postMessage(assembleOutputs(job)));
