import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';

// bin/astro.mjs is the package's command-line entry; it is not in its exports map, so resolve it beside package.json.
const astroCli = join(
  dirname(createRequire(import.meta.url).resolve('astro/package.json')),
  'bin',
  'astro.mjs',
);

export interface BuildResult {
  code: number | null;
  output: string;
}

/** Runs `astro build` for a content folder into an output folder, on the Node running the tests. */
export function buildSite(
  contentDir: string,
  outDir: string,
  env: Record<string, string> = {},
): Promise<BuildResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [astroCli, 'build'], {
      env: {
        ...process.env,
        ASTRO_TELEMETRY_DISABLED: '1',
        DISCLOSE_CONTENT: contentDir,
        DISCLOSE_OUT: outDir,
        NO_COLOR: '1',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}
