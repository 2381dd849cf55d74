import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

/**
 * Where the installed site is created: outside the repository, as an organisation's would be.
 * One per checkout, so that two checkouts' test runs at once do not rebuild each other's.
 */
export const INSTALLED_FOLDER = `${tmpdir()}/disclose-e2e-installed-site-${createHash('sha256')
  .update(fileURLToPath(new URL('../..', import.meta.url)))
  .digest('hex')
  .slice(0, 12)}`;

/** The content sets the end-to-end tests build, and the environment variable carrying each one's URL. */
export const SITES = {
  demo: 'content',
  'multi-project': 'examples/multi-project',
  'single-library': 'examples/single-library',
  'solo-maintainer': 'examples/solo-maintainer',
  // Written by `disclose init` outside the repository and built with the packed package installed.
  installed: `${INSTALLED_FOLDER}/content`,
} as const;

export type SiteName = keyof typeof SITES;

/** The demo's private content folder: its draft and embargoed advisories. */
export const PRIVATE_DEMO_CONTENT = 'examples/private-content';

/** Where a site is built: one folder per content set, ignored by git. */
export const BUILD_ROOT = '.disclose-test';

/** The environment variable carrying the URL of a real-policy example's site (examples/<name>/facts.yaml). */
export function realPolicyEnv(name: string): string {
  return `DISCLOSE_E2E_REAL_${name.toUpperCase().replaceAll('-', '_')}`;
}

export function siteEnv(name: SiteName): string {
  return `DISCLOSE_E2E_${name.toUpperCase().replaceAll('-', '_')}`;
}

/** The served URL of a built site, ending in a slash; set by the global setup. */
export function siteUrl(name: SiteName): string {
  const url = process.env[siteEnv(name)];
  if (!url) throw new Error(`${siteEnv(name)} is not set; run the tests through "playwright test".`);
  return url;
}

/** A generated site indexed in several search shards; not part of SITES, which every spec walks. */
export const SHARDED = { advisories: 120, projects: 3, shardSize: 40, env: 'DISCLOSE_E2E_SHARDED' } as const;

/** The demo content with script payloads in every field, built to prove none of it runs. */
export const HOSTILE = { env: 'DISCLOSE_E2E_HOSTILE', outEnv: 'DISCLOSE_E2E_HOSTILE_OUT' } as const;
