// The machine-readable outputs, written on a second core while Astro renders the pages. The
// integration starts this worker (bundled to build/outputs-worker.mjs, since Node does not run
// TypeScript from node_modules) with what writeOutputs needs, and waits for it after the pages.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import {
  writeOutputs,
  type OutputInput,
  type OutputReuse,
  type WrittenFile,
} from '../lib/outputs/write-outputs.ts';

/** What the integration hands the worker. */
export interface OutputsJob {
  input: OutputInput;
  /** The flat staging folder: one file per site path. */
  folder: string;
  now: Date;
  /** What the build cache holds for unchanged advisories: their files are not written again. */
  cached: Record<string, { outputs: WrittenFile[]; osv: { id: string; modified: string } }>;
}

/** What it answers: every file written, and the files of each advisory it wrote afresh. */
export type OutputsResult =
  | {
      written: WrittenFile[];
      fresh: [string, WrittenFile[], { id: string; modified: string }][];
      /** Files of unchanged advisories, left for the integration to take from the build cache. */
      taken: string[];
    }
  | { error: string };

const job = workerData as OutputsJob;
const fresh: [string, WrittenFile[], { id: string; modified: string }][] = [];
const taken: string[] = [];
const reuse: OutputReuse = {
  cached: (id) => job.cached[id],
  // Linked into the site from the cache after the pages, straight to their place.
  take: (path) => taken.push(path),
  wrote: (id, outputs, osv) => fresh.push([id, outputs, osv]),
};
let result: OutputsResult;
try {
  const written = writeOutputs(
    job.input,
    job.folder,
    job.now,
    (path) => join(job.folder, encodeURIComponent(path)),
    reuse,
  );
  result = { written, fresh, taken };
} catch (error) {
  result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(result);
