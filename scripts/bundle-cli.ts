// Bundles the disclose command into one JavaScript file, build/cli.mjs, which the package's `bin`
// points at, and the worker that writes the machine-readable outputs during a build into
// build/outputs-worker.mjs. Node does not run TypeScript from node_modules, so an installed package needs them;
// dependencies stay external and are loaded from node_modules as usual. Runs on npm install and
// npm pack (the `prepare` script).
import { build } from 'esbuild';

await build({
  entryPoints: { cli: 'bin/disclose.ts', 'outputs-worker': 'src/integration/outputs-worker.ts' },
  outdir: 'build',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
});
