import { defineConfig } from 'astro/config';
import disclose from './src/integration/index.ts';

// The demo site, built by the same integration an organisation installs: the content folder is
// content/ (DISCLOSE_CONTENT builds another one), and everything else comes from Disclose.
// JavaScript rather than TypeScript: Astro imports a .mjs config with Node, which runs the
// integration's TypeScript as it is, and starts Vite to load a config only when Node cannot
// (about half a second of every build).
export default defineConfig({
  integrations: [disclose()],
});
