import { readFile, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { basePath } from '../../src/lib/urls.ts';
import { buildSite } from '../support/build-site.ts';
import { writeHostileContent } from '../support/hostile-content.ts';
import { buildInstalledSite } from '../support/installed-site.ts';
import { generateContent } from '../../scripts/generate-content.ts';
import {
  BUILD_ROOT,
  HOSTILE,
  INSTALLED_FOLDER,
  PRIVATE_DEMO_CONTENT,
  realPolicyEnv,
  SHARDED,
  siteEnv,
  SITES,
  type SiteName,
} from './sites.ts';
import { REAL_POLICIES } from '../support/real-policies.ts';
import { serveStatic } from '../support/static-server.ts';

async function buildAndServe(name: string, content: string, out: string, env: Record<string, string>) {
  const { code, output } = await buildSite(content, out, env);
  if (code !== 0) throw new Error(`Building ${name} (${content}) failed:\n${output}`);
  return serve(content, out);
}

async function serveInstalled() {
  const out = await buildInstalledSite(INSTALLED_FOLDER);
  return serve(join(INSTALLED_FOLDER, 'content'), out);
}

async function serve(content: string, out: string) {
  const organisation = parse(await readFile(join(content, 'organisation.yaml'), 'utf8')) as { site: string };
  return serveStatic(out, basePath(organisation.site));
}

/** Builds the demo site and every example once, then serves each on loopback for the whole run. */
export default async function globalSetup(): Promise<() => Promise<void>> {
  await rm(BUILD_ROOT, { recursive: true, force: true });
  const servers: Server[] = [];
  for (const [name, content] of Object.entries(SITES) as [SiteName, string][]) {
    const out = resolve(BUILD_ROOT, name);
    // The demo's drafts and embargoed advisories live in a private content folder, as they should;
    // building with it proves they stay out of the site.
    const env: Record<string, string> =
      name === 'demo' ? { DISCLOSE_PRIVATE_CONTENT: PRIVATE_DEMO_CONTENT } : {};
    const served =
      name === 'installed' ? await serveInstalled() : await buildAndServe(name, content, out, env);
    process.env[siteEnv(name)] = served.url;
    servers.push(served.server);
  }
  // The examples written from real policies, each checked against its fact list.
  for (const name of REAL_POLICIES) {
    const served = await buildAndServe(name, `examples/${name}`, resolve(BUILD_ROOT, `real-${name}`), {});
    process.env[realPolicyEnv(name)] = served.url;
    servers.push(served.server);
  }
  // A generated site whose search index is split into several shards, as a large site's is.
  const content = resolve(BUILD_ROOT, 'sharded-content');
  await generateContent(content, SHARDED.advisories, SHARDED.projects);
  const out = resolve(BUILD_ROOT, 'sharded');
  const built = await buildSite(content, out, { DISCLOSE_SEARCH_SHARD_SIZE: String(SHARDED.shardSize) });
  if (built.code !== 0) throw new Error(`Building the sharded site failed:\n${built.output}`);
  const sharded = await serveStatic(out, '/');
  process.env[SHARDED.env] = sharded.url;
  servers.push(sharded.server);

  // The demo content with script in every field and body, and an imported third-party record.
  const hostileContent = resolve(BUILD_ROOT, 'hostile-content');
  await rm(hostileContent, { recursive: true, force: true });
  await writeHostileContent(hostileContent);
  const hostileOut = resolve(BUILD_ROOT, 'hostile');
  const hostile = await buildSite(hostileContent, hostileOut);
  if (hostile.code !== 0) throw new Error(`Building the hostile content failed:\n${hostile.output}`);
  const hostileOrganisation = parse(await readFile(join(hostileContent, 'organisation.yaml'), 'utf8')) as {
    site: string;
  };
  const hostileServed = await serveStatic(hostileOut, basePath(hostileOrganisation.site));
  process.env[HOSTILE.env] = hostileServed.url;
  process.env[HOSTILE.outEnv] = hostileOut;
  servers.push(hostileServed.server);

  return async () => {
    await Promise.all(servers.map((server) => new Promise((done) => server.close(done))));
  };
}
