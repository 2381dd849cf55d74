import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { disclose as run } from '../support/cli.ts';

const scratch = await mkdtemp(join(tmpdir(), 'disclose-cli-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

interface Record {
  id: string;
  published: string;
  modified: string;
}

/** Writes a site folder with an OSV index and records, as a build would. */
async function site(name: string, records: Record[]): Promise<string> {
  const dir = join(scratch, name);
  const put = async (path: string, value: unknown) => {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), JSON.stringify(value));
  };
  await put(
    'osv/all.json',
    records.map(({ id, modified }) => ({ id, modified })),
  );
  for (const record of records) await put(`osv/${record.id}.json`, { schema_version: '1.7.0', ...record });
  await put('disclose-manifest.json', {
    files: records.map((record) => ({
      path: `/osv/${record.id}.json`,
      sha256: createHash('sha256').update(JSON.stringify(record)).digest('hex'),
    })),
  });
  return dir;
}

const A = { id: 'x_ORG-2026-0001', published: '2026-01-01T00:00:00Z', modified: '2026-01-02T00:00:00Z' };
const B = { id: 'x_ORG-2026-0002', published: '2026-02-01T00:00:00Z', modified: '2026-02-01T00:00:00Z' };
const C = { id: 'x_ORG-2026-0003', published: '2026-03-01T00:00:00Z', modified: '2026-03-01T00:00:00Z' };

describe('disclose publish-check', () => {
  let previous: string;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    previous = await site('previous', [A, B, C]);
    server = createServer((req, res) => {
      if (req.url?.startsWith('/html/')) {
        // A site that answers every path with a page: a proxy's error page, a moved site.
        res.setHeader('content-type', 'text/html');
        res.end('<!doctype html><title>Welcome</title>');
        return;
      }
      if (req.url?.startsWith('/slow/')) return; // never answers
      void import('node:fs/promises').then(async ({ readFile }) => {
        try {
          res.end(await readFile(join(previous, decodeURIComponent(req.url ?? '/'))));
        } catch {
          res.statusCode = 404;
          res.end();
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  test('passes when every id is still there with its dates, plus new ones', async () => {
    const next = await site('ok', [
      A,
      { ...B, modified: '2026-05-01T00:00:00Z' },
      C,
      { ...C, id: 'x_ORG-2026-0004' },
    ]);
    const result = await run('publish-check', '--previous', previous, '--out', next);
    expect(result.err).toContain('3 published advisories are all still there');
    expect(result.code).toBe(0);
  });

  test('fails naming each id that disappeared, changed its published date or went back in time', async () => {
    const next = await site('bad', [
      { ...A, modified: '2026-01-01T12:00:00Z' },
      { ...B, published: '2026-02-02T00:00:00Z' },
    ]);
    const result = await run('publish-check', '--previous', previous, '--out', next);
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n').slice(1)).toEqual([
      'x_ORG-2026-0001: modified went backwards, from 2026-01-02T00:00:00Z to 2026-01-01T12:00:00Z; modified only moves forward',
      'x_ORG-2026-0002: published changed from 2026-02-01T00:00:00Z to 2026-02-02T00:00:00Z; a publication date never changes, so put it back',
      'x_ORG-2026-0003: was published and is gone from this build; keep its file and withdraw it (withdrawn: <date>, withdrawnReason) instead',
      '3 problem(s); this build would break what mirrors and scanners already hold.',
    ]);
  });

  test('reads the previous publication from its URL', async () => {
    const next = await site('url-bad', [A, B]);
    const result = await run('publish-check', '--previous', url, '--out', next);
    expect(result.code).toBe(1);
    expect(result.err).toContain('x_ORG-2026-0003: was published and is gone');
  });

  test('a first publication passes only when it says so; an unreachable site is an error, not a pass', async () => {
    const next = await site('first', [A]);
    const empty = join(scratch, 'empty-site');
    await mkdir(empty, { recursive: true });
    const unannounced = await run('publish-check', '--previous', empty, '--out', next);
    expect(unannounced.code).toBe(3);
    expect(unannounced.err).toContain('pass --first-publication');
    const first = await run('publish-check', '--previous', empty, '--out', next, '--first-publication');
    expect(first.code).toBe(0);
    expect(first.err).toContain('has no OSV index yet');
    const unreachable = await run('publish-check', '--previous', 'http://127.0.0.1:9/', '--out', next);
    expect(unreachable.code).toBe(3);
    expect(unreachable.err).toContain('could not fetch http://127.0.0.1:9/osv/all.json');
  });

  test('a --previous folder that does not exist fails, even for a first publication', async () => {
    const next = await site('missing-previous', [A]);
    const missing = join(scratch, 'nothing-here');
    for (const extra of [[], ['--first-publication']]) {
      const result = await run('publish-check', '--previous', missing, '--out', next, ...extra);
      expect(result.code).toBe(3);
      expect(result.err).toContain(`${missing} is not a folder holding a built site`);
      expect(result.err).not.toMatch(/\n\s+at /);
    }
  });

  test('a previous site that answers with anything but an OSV index and a manifest fails', async () => {
    const next = await site('html-previous', [A]);
    const html = await run('publish-check', '--previous', `${url}html/`, '--out', next);
    expect(html.code).toBe(3);
    expect(html.err).toContain('osv/all.json is not JSON (is it a Disclose site?)');
    const noManifest = join(scratch, 'no-manifest');
    await mkdir(join(noManifest, 'osv'), { recursive: true });
    await writeFile(
      join(noManifest, 'osv', 'all.json'),
      JSON.stringify([{ id: A.id, modified: A.modified }]),
    );
    const partial = await run('publish-check', '--previous', noManifest, '--out', next);
    expect(partial.code).toBe(3);
    expect(partial.err).toContain('has an OSV index but no /disclose-manifest.json');
  });

  test('a previous site that never answers times out with a message', async () => {
    const next = await site('slow-previous', [A]);
    const result = await run('publish-check', '--previous', `${url}slow/`, '--out', next, '--timeout', '0.5');
    expect(result.code).toBe(3);
    expect(result.err).toContain('did not answer within 0.5 s (--timeout)');
  });

  test('wrong usage exits 2 with the help', async () => {
    const result = await run('publish-check', '--previous');
    expect(result.code).toBe(2);
    expect(result.err).toContain("Option '--previous <value>' argument missing");
    expect(result.err).toContain('Usage: disclose publish-check');
  });
});

describe('disclose notice', () => {
  test('prints the advance notice of an embargoed advisory to standard output and writes nothing', async () => {
    const before = [await readdir('.'), await readdir('content', { recursive: true })];
    const result = await run(
      'notice',
      'LANTERN-2026-0004',
      '--content',
      'content',
      '--private',
      'examples/private-content',
    );
    expect(result.code).toBe(0);
    expect(result.out).toContain('Subject: [EMBARGOED until 2099-01-01T00:00:00Z] LANTERN-2026-0004');
    expect(result.out).toContain('To: operating-system vendors and other distributors of our packages');
    expect(result.out).toContain('Our policy sends this notice about 7 days ahead, on 2098-12-25T00:00:00Z.');
    expect([await readdir('.'), await readdir('content', { recursive: true })]).toEqual(before);
  });

  test('refuses a published advisory and an unknown id', async () => {
    const published = await run('notice', 'LANTERN-2026-0001', '--content', 'content');
    expect(published.code).toBe(1);
    expect(published.err).toContain('LANTERN-2026-0001 has no embargo');
    const unknown = await run('notice', 'LANTERN-2026-0999', '--content', 'content');
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain('LANTERN-2026-0999: no such advisory');
  });
});
