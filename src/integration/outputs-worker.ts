// The machine-readable outputs, written on a second core while Astro renders the pages. The
// integration starts this worker (bundled to build/outputs-worker.mjs, since Node does not run
// TypeScript from node_modules) with what writeOutputs needs, and waits for it after the pages.
import { join } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { fileName, place } from './build-cache.ts';
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
  /** Files of unchanged advisories, from the build cache's folder of files. */
  cached: Record<string, { outputs: WrittenFile[]; osv: { id: string; modified: string } }>;
  cacheFiles: string | undefined;
}

/** What it answers: every file written, and the files of each advisory it wrote afresh. */
export type OutputsResult =
  | {
      written: WrittenFile[];
      fresh: [string, WrittenFile[], { id: string; modified: string }][];
    }
  | { error: string };

const job = workerData as OutputsJob;
const fresh: [string, WrittenFile[], { id: string; modified: string }][] = [];
const reuse: OutputReuse = {
  cached: (id) => job.cached[id],
  take: (path, target) => place(join(job.cacheFiles ?? '', fileName(path)), target),
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
  result = { written, fresh };
} catch (error) {
  result = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}
parentPort?.postMessage(result);
