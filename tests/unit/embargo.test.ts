import { readdir, readFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { buildSite } from '../support/build-site.ts';

// tests/fixtures/embargo holds one public advisory, one draft and one advisory embargoed until
// 2030, with a unique canary string in every field of the last two.
const CANARIES = [
  'CANARYDRAFT',
  'canarydraft',
  'MIN-2026-0002',
  '777001',
  'CANARYEMBARGO',
  'canaryembargo',
  'MIN-2026-0003',
  '777002',
];

/** Every file of a build as text; Pagefind's gzipped index and fragments decompressed. */
async function everyFile(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = join(entry.parentPath, entry.name);
    let bytes = await readFile(path);
    if (/\.pf_\w+$/.test(entry.name)) bytes = gunzipSync(bytes);
    files.set(path, bytes.toString('utf8'));
  }
  return files;
}

const scratch = await mkdtemp(join(tmpdir(), 'disclose-embargo-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

describe('drafts and embargoed advisories', () => {
  let files: Map<string, string>;
  beforeAll(async () => {
    const out = join(scratch, 'before');
    const { code, output } = await buildSite('tests/fixtures/embargo', out, {
      DISCLOSE_NOW: '2026-06-01T00:00:00Z',
    });
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
    files = await everyFile(out);
  });

  test('the public advisory is in the pages and in the decompressed search fragments', () => {
    const holding = [...files].filter(([, text]) => text.includes('PUBLICMARKER')).map(([path]) => path);
    expect(holding.some((path) => path.endsWith('/advisories/MIN-2026-0001/index.html'))).toBe(true);
    expect(holding.some((path) => path.includes('/pagefind/') && path.endsWith('.pf_fragment'))).toBe(true);
  });

  test.each(CANARIES)('"%s" appears in no file of the build', (canary) => {
    const leaks = [...files].filter(([, text]) => text.includes(canary)).map(([path]) => path);
    expect(leaks).toEqual([]);
  });

  test('an embargo that has passed publishes on the next build', async () => {
    const out = join(scratch, 'after');
    const { code } = await buildSite('tests/fixtures/embargo', out, { DISCLOSE_NOW: '2030-01-01T00:00:01Z' });
    expect(code).toBe(0);
    const after = await everyFile(out);
    expect([...after.values()].some((text) => text.includes('CANARYEMBARGODETAILS'))).toBe(true);
    expect([...after.values()].some((text) => text.includes('CANARYDRAFT'))).toBe(false);
  });
});

describe('the dev server', () => {
  test('shows drafts and embargoed advisories, each with a banner saying so', async () => {
    const port = 4400 + Math.floor(Math.random() * 500);
    const { spawn } = await import('node:child_process');
    const { dirname, join: joinPath } = await import('node:path');
    const { createRequire } = await import('node:module');
    const cli = joinPath(
      dirname(createRequire(import.meta.url).resolve('astro/package.json')),
      'bin',
      'astro.mjs',
    );
    const server = spawn(process.execPath, [cli, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      env: {
        ...parentEnvironment(),
        ASTRO_TELEMETRY_DISABLED: '1',
        DISCLOSE_CONTENT: 'tests/fixtures/embargo',
        DISCLOSE_NOW: '2026-06-01T00:00:00Z',
      },
      stdio: 'ignore',
    });
    try {
      const get = async (path: string): Promise<string> => {
        for (let attempt = 0; attempt < 60; attempt++) {
          try {
            const response = await fetch(`http://127.0.0.1:${port}${path}`);
            if (response.ok) return await response.text();
          } catch {
            // Not listening yet.
          }
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
        throw new Error(`The dev server did not serve ${path}`);
      };
      // Compare visible text: the dev server annotates elements with source locations.
      const text = async (path: string) => (await get(path)).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');
      expect(await text('/advisories/MIN-2026-0002/')).toContain(
        'Draft. Only the dev server shows this advisory',
      );
      expect(await text('/advisories/MIN-2026-0003/')).toContain(
        'Embargoed until 2030-01-01T00:00:00.000Z. Only the dev server shows this advisory',
      );
    } finally {
      server.kill();
    }
  });
});

/** The environment without Vitest's own variables, which would make Astro think it runs under test. */
function parentEnvironment(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(
      ([key]) => !key.startsWith('VITEST') && key !== 'NODE_ENV' && key !== 'TEST',
    ),
  );
}
