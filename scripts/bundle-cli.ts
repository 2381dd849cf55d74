// Bundles the disclose command into one JavaScript file, build/cli.mjs, which the package's `bin`
// points at. Node does not run TypeScript from node_modules, so an installed package needs it;
// dependencies stay external and are loaded from node_modules as usual. Runs on npm install and
// npm pack (the `prepare` script).
import { build } from 'esbuild';

await build({
  entryPoints: ['bin/disclose.ts'],
  outfile: 'build/cli.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  logLevel: 'warning',
});
