import { createServer, type Server } from 'node:http';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { editedByHand } from '../../sync/disclose-sync.mjs';
import { disclose as run } from '../support/cli.ts';
import { buildSite } from '../support/build-site.ts';
import { serveStatic } from '../support/static-server.ts';

// disclose sync writes into other people's repositories: it fails closed. A generated file edited
// by hand, a link planted where it writes, a site that answers oddly or never: each is refused
// with one clear line, and nothing is written.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-sync-'));
let site: string;
let odd: string;
const servers: Server[] = [];

beforeAll(async () => {
  const out = join(scratch, 'site');
  const { code, output } = await buildSite('content', out);
  expect(output).not.toContain('[ERROR]');
  expect(code).toBe(0);
  const served = await serveStatic(out, '/');
  servers.push(served.server);
  site = served.url;
  // A server whose answers are wrong in each way a real one can be.
  const server = createServer((req, res) => {
    const path = req.url ?? '/';
    if (path.startsWith('/silent/')) return; // never answers
    if (path.startsWith('/huge/')) {
      res.setHeader('content-length', String(2 * 1024 ** 3));
      res.write('{"files": [');
      return;
    }
    if (path.startsWith('/wrong-shape/')) {
      res.end(JSON.stringify({ files: 'all of them' }));
      return;
    }
    res.statusCode = 404;
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const address = server.address();
  odd = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
});

afterAll(async () => {
  for (const server of servers) server.closeAllConnections();
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  await rm(scratch, { recursive: true, force: true });
});

async function repo(name: string): Promise<string> {
  const dir = join(scratch, 'repos', name);
  await mkdir(dir, { recursive: true });
  return dir;
}

describe('disclose sync fails closed', () => {
  test('a generated SECURITY.md records the sha256 of its body, and an edit is refused with the lines that differ', async () => {
    const dir = await repo('edited');
    expect((await run('sync', '--site', site, '--project', 'beacon', '--dir', dir)).code).toBe(0);
    const path = join(dir, 'SECURITY.md');
    const generated = await readFile(path, 'utf8');
    expect(generated.split('\n')[0]).toMatch(/sha256 [0-9a-f]{64} of the rest of this file/);
    expect(editedByHand(generated)).toBe(false);

    // An older copy (the site moved on) is replaced as before...
    const older = generated.replace(/sha256 [0-9a-f]{64}/, `sha256 ${'0'.repeat(64)}`);
    expect(editedByHand(older)).toBe(true);

    // ...but a local edit to a generated copy is kept, and the command says where it differs.
    const edited = generated.replace(
      '## Supported versions',
      '## Supported versions\n\nWe also patch 1.x on request.',
    );
    await writeFile(path, edited);
    const refused = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('was edited by hand since it was generated');
    expect(refused.out).toContain('-We also patch 1.x on request.');
    expect(await readFile(path, 'utf8')).toBe(edited);

    const forced = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir, '--force');
    expect(forced.code).toBe(0);
    expect(await readFile(path, 'utf8')).toBe(generated);
  });

  test('never writes through a link planted beside SECURITY.md or in its place', async () => {
    const dir = await repo('links');
    const victim = join(scratch, 'victim.txt');
    await writeFile(victim, 'untouched\n');
    // The temporary name an earlier version wrote to before renaming.
    await symlink(victim, join(dir, 'SECURITY.md.disclose-sync'));
    const beside = await run('sync', '--site', site, '--project', 'beacon', '--dir', dir);
    expect(beside.code).toBe(0);
    expect(await readFile(victim, 'utf8')).toBe('untouched\n');
    expect((await lstat(join(dir, 'SECURITY.md'))).isFile()).toBe(true);

    const linked = await repo('linked');
    await symlink(victim, join(linked, 'SECURITY.md'));
    const refused = await run('sync', '--site', site, '--project', 'beacon', '--dir', linked, '--force');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('is not a regular file');
    expect(await readFile(victim, 'utf8')).toBe('untouched\n');
  });

  test('a manifest of the wrong shape, a huge answer and a silent site are refused in one line each', async () => {
    const dir = await repo('odd-sites');
    const shape = await run('sync', '--site', `${odd}wrong-shape/`, '--project', 'beacon', '--dir', dir);
    expect(shape.code).toBe(1);
    expect(shape.err).toContain('is not a Disclose manifest');

    const huge = await run('sync', '--site', `${odd}huge/`, '--project', 'beacon', '--dir', dir);
    expect(huge.code).toBe(3);
    expect(huge.err).toContain('far more than a Disclose file');

    const silent = await run(
      'sync',
      '--site',
      `${odd}silent/`,
      '--project',
      'beacon',
      '--dir',
      dir,
      '--timeout',
      '0.5',
    );
    expect(silent.code).toBe(3);
    expect(silent.err).toContain('did not answer within 0.5 s (--timeout)');

    for (const result of [shape, huge, silent]) expect(result.err).not.toMatch(/\n\s+at /);
    expect(await readdir(dir)).toEqual([]);
  });

  test('a --dir that is not a folder is a clear usage error', async () => {
    const file = join(scratch, 'a-file');
    await writeFile(file, '');
    const result = await run('sync', '--site', site, '--project', 'beacon', '--dir', file);
    expect(result.code).toBe(2);
    expect(result.err).toContain('is not a folder');
    expect(result.err).not.toMatch(/\n\s+at /);
  });
});
