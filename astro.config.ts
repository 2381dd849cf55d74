import { defineConfig } from 'astro/config';
import disclose from './src/integration/index.ts';

// The demo site, built by the same integration an organisation installs: the content folder is
// content/ (DISCLOSE_CONTENT builds another one), and everything else comes from Disclose.
export default defineConfig({
  integrations: [disclose()],
});
