// Bundles the disclose command into one JavaScript file, build/cli.mjs, which the package's `bin`
// points at; the Astro integration into build/integration.mjs, which the package exports; the
// worker that writes the machine-readable outputs during a build into build/outputs-worker.mjs;
// and the content config into build/content-config.mjs, which the integration has Vite load in
// its place (see disclosePlugin): Vite loads the config's twenty modules one by one otherwise.
// Node does not run TypeScript from node_modules, so an installed package needs them (a site's
// astro.config.mjs that imports the integration as JavaScript is loaded by Node, not by starting
// Vite); dependencies stay external and are loaded from node_modules as usual. Runs on npm install
// and npm pack (the `prepare` script).
import { build } from 'esbuild';

await build({
  entryPoints: {
    cli: 'bin/disclose.ts',
    integration: 'src/integration/index.ts',
    'outputs-worker': 'src/integration/outputs-worker.ts',
    'content-config': 'src/content.config.ts',
  },
  outdir: 'build',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node22',
  packages: 'external',
  // The integration's options, which its Vite plugin gives the content config.
  external: ['virtual:disclose/config'],
  logLevel: 'warning',
});
