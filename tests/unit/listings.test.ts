import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { generateContent } from '../../scripts/generate-content.ts';
import { PAGE_SIZE } from '../../src/lib/listing.ts';
import { buildSite } from '../support/build-site.ts';

const scratch = await mkdtemp(join(tmpdir(), 'disclose-listings-'));
const out = join(scratch, 'dist');
afterAll(() => rm(scratch, { recursive: true, force: true }));

const page = (path: string) => readFile(join(out, path, 'index.html'), 'utf8');
const items = (html: string) =>
  [...html.matchAll(/class="advisory-id" href="\/advisories\/([^/]+)\/"/g)].map((m) => m[1]);

describe('listings at scale', () => {
  beforeAll(async () => {
    await generateContent(join(scratch, 'content'), 120, 3);
    const { code, output } = await buildSite(join(scratch, 'content'), out);
    expect(output).not.toContain('[ERROR]');
    expect(code).toBe(0);
  });

  test('split every listing into pages of a fixed size, newest first', async () => {
    const first = items(await page('advisories'));
    const third = items(await page('advisories/3'));
    expect(first).toHaveLength(PAGE_SIZE);
    expect(third).toHaveLength(120 - 2 * PAGE_SIZE);
    expect(first[0]).toBe('LANTERN-2025-0012');
    expect(await page('advisories')).toContain('rel="next"');
    expect(await page('advisories/3')).not.toContain('rel="next"');
  });

  test('per project, severity and year pages hold only their own advisories', async () => {
    expect(items(await page('projects/project-0/advisories'))).toHaveLength(40);
    expect(items(await page('advisories/severity/critical'))).toHaveLength(30);
    expect(items(await page('advisories/year/2016'))).toHaveLength(12);
  });

  test('a project page lists only its latest advisories, not all of them', async () => {
    const html = await page('projects/project-1');
    expect(items(html)).toHaveLength(5);
    expect(html).toContain('All 40 advisories for project-1');
  });
});
