import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import validateStrict from '@secvisogram/csaf-validator-lib/validateStrict.js';
import * as mandatoryTests from '@secvisogram/csaf-validator-lib/mandatoryTests.js';
import { csaf_2_0_strict } from '@secvisogram/csaf-validator-lib/schemaTests.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { parseAtomFeed, parseJsonFeed } from 'feedsmith';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { FrontMatterCache } from '../../src/lib/content/front-matter-cache.ts';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { renderAdvanceNotice } from '../../src/lib/outputs/advance-notice.ts';
import { expiresProblem } from '../../src/lib/outputs/security-txt.ts';
import { toOsv } from '../../src/lib/outputs/osv.ts';
import { purl } from '../../src/lib/outputs/purl.ts';
import { outputInput, writeOutputs } from '../../src/lib/outputs/write-outputs.ts';
import { completeManifest, knownManifest, manifestText } from '../../src/integration/manifest.ts';
import {
  assembleOutputs,
  linkGivenFiles,
  manifestRecords,
  moveAside,
  pageClaims,
  type PageJob,
  type CachedRecords,
  type OutputsJob,
} from '../../src/integration/outputs-worker.ts';
import { layOutAhead, type Premade } from '../../src/integration/layout.ts';
import {
  advisoryPage,
  BuildCache,
  CacheManifest,
  cacheFiles,
  fileName,
  readManifest,
} from '../../src/integration/build-cache.ts';
import { parseSecurityTxt } from '../support/security-txt.ts';

// The OSV schema 1.7 from the OSV project (Apache-2.0), kept in the repository so the test cannot
// pass by not finding it.
const OSV_SCHEMA = 'tests/schemas/osv-schema.json';
const NOW = new Date('2026-11-01T00:00:00Z');
const SITES = [
  'content',
  'examples/multi-project',
  'examples/single-library',
  'examples/solo-maintainer',
  'tests/fixtures/outputs',
];
/** The content sets that publish advisories; the seed examples have none yet. */
const WITH_ADVISORIES = ['content', 'tests/fixtures/outputs'];
/** What a build tells the maintainer when the build cache changed under it. */
const CACHE_CHANGED_HINT =
  'Build again: two builds were using the same build cache at once, or a file was removed from it. The next build renders everything.';

const scratch = await mkdtemp(join(tmpdir(), 'disclose-outputs-'));
const built = new Map<string, { out: string; files: string[] }>();

beforeAll(async () => {
  process.env['DISCLOSE_NOW'] = NOW.toISOString();
  for (const [i, dir] of SITES.entries()) {
    const { content, problems } = await loadContent(dir);
    expect(problems.map(formatProblem)).toEqual([]);
    if (!content) throw new Error(`${dir} did not load`);
    const out = join(scratch, String(i));
    built.set(dir, {
      out,
      files: writeOutputs(outputInput(content), out, NOW).map((file) => file.path),
    });
  }
});
afterAll(async () => {
  delete process.env['DISCLOSE_NOW'];
  await rm(scratch, { recursive: true, force: true });
});

function site(dir: string): { out: string; files: string[] } {
  const result = built.get(dir);
  if (!result) throw new Error(`${dir} was not built`);
  return result;
}

async function readJson<T>(dir: string, path: string): Promise<T> {
  return JSON.parse(await readFile(join(site(dir).out, path), 'utf8')) as T;
}

async function readText(dir: string, path: string): Promise<string> {
  return readFile(join(site(dir).out, path), 'utf8');
}

describe('OSV', () => {
  test('ranges over ecosystems that do not version by SemVer are ECOSYSTEM, as osv.dev writes them; Go stdlib has no purl', async () => {
    const { content } = await loadContent('tests/fixtures/outputs');
    if (!content) throw new Error('fixture did not load');
    const input = outputInput(content);
    const source = input.advisories.find((a) => a.data.id === 'CURL-2026-0001');
    if (!source) throw new Error('CURL-2026-0001 missing');
    // The Maven package's range written as SEMVER (the default), the npm one left as it is.
    const affected = source.data.affected.map((entry) =>
      entry.package === 'org.conformance:multi-core'
        ? { ...entry, ranges: entry.ranges.map((range) => ({ ...range, type: 'SEMVER' as const })) }
        : entry,
    );
    const record = toOsv({ ...source, data: { ...source.data, affected } }, input.context);
    const types = new Map<string, string[]>(
      record.affected.map((a) => [a.package?.name ?? '', (a.ranges ?? []).map((r) => r.type)]),
    );
    expect(types.get('org.conformance:multi-core')).toEqual(['ECOSYSTEM']);
    expect(types.get('@conformance/multi')).toEqual(['SEMVER', 'SEMVER']);
    expect(types.get('github.com/conformance/multi')).toEqual(['GIT']);
    expect(purl('Go', 'stdlib')).toBeUndefined();
    expect(purl('Go', 'toolchain')).toBeUndefined();
    expect(purl('Go', 'golang.org/x/net')).toBe('pkg:golang/golang.org/x/net');
  });

  test('the vendored OSV schema is there to validate against', () => {
    expect(
      existsSync(OSV_SCHEMA),
      `${OSV_SCHEMA} is missing; restore it from the OSV schema repository`,
    ).toBe(true);
  });

  test.each(WITH_ADVISORIES)(
    'every record of %s conforms to the OSV 1.7 schema, and all.json lists each one',
    async (dir) => {
      const ajv = new Ajv2020({ allErrors: true, strict: false });
      addFormats(ajv);
      const validate = ajv.compile(JSON.parse(await readFile(OSV_SCHEMA, 'utf8')) as object);
      const records = site(dir).files.filter((f) => /^\/osv\/(?!all\.json).+\.json$/.test(f));
      expect(records.length).toBeGreaterThan(0);
      for (const path of records) {
        const record = await readJson<{ id: string; schema_version: string }>(dir, path);
        expect(validate(record), `${path}: ${ajv.errorsText(validate.errors)}`).toBe(true);
        expect(record.schema_version).toBe('1.7.0');
        expect(path).toBe(`/osv/${record.id}.json`);
      }
      const index = await readJson<{ id: string; modified: string }[]>(dir, '/osv/all.json');
      expect(index.map((e) => `/osv/${e.id}.json`).sort()).toEqual([...records].sort());
      for (const entry of index) {
        expect(Object.keys(entry)).toEqual(['id', 'modified']);
        expect((await readJson<{ modified: string }>(dir, `/osv/${entry.id}.json`)).modified).toBe(
          entry.modified,
        );
      }
    },
  );

  test.each(SITES.filter((dir) => !WITH_ADVISORIES.includes(dir)))(
    '%s, with no advisories, publishes an empty index and empty feeds',
    async (dir) => {
      expect(await readJson<unknown[]>(dir, '/osv/all.json')).toEqual([]);
      expect(parseAtomFeed(await readText(dir, '/advisories/feed.xml')).entries ?? []).toEqual([]);
      expect(await readText(dir, '/.well-known/csaf/white/index.txt')).toBe('');
    },
  );

  test('an unregistered prefix gets the x_ form; a registered one is kept', async () => {
    const demo = await readJson<{ id: string }[]>('content', '/osv/all.json');
    expect(demo.map((e) => e.id)).toContain('x_LANTERN-2026-0001');
    expect(demo.every((e) => e.id.startsWith('x_'))).toBe(true);
    const registered = await readJson<{ id: string; related: string[] }>(
      'tests/fixtures/outputs',
      '/osv/CURL-2026-0001.json',
    );
    expect(registered.id).toBe('CURL-2026-0001');
    expect(registered.related).toEqual(['CURL-2026-0002']);
  });

  test('maps packages with purls, every range type, versions, severity, credits and withdrawal', async () => {
    type Record = {
      affected: {
        package?: { ecosystem: string; name: string; purl?: string };
        ranges?: { type: string; repo?: string }[];
        versions?: string[];
      }[];
      severity: { type: string; score: string }[];
      credits: { name: string; type: string; contact?: string[] }[];
      references: { type: string; url: string }[];
      modified: string;
      published: string;
      details: string;
    };
    const record = await readJson<Record>('tests/fixtures/outputs', '/osv/CURL-2026-0001.json');
    expect(record.affected.map((a) => a.package?.purl)).toEqual([
      'pkg:npm/%40conformance/multi',
      'pkg:maven/org.conformance/multi-core',
      'pkg:golang/github.com/conformance/multi',
      undefined,
      undefined,
    ]);
    expect(record.affected[3]?.package).toEqual({ ecosystem: 'Debian:12', name: 'multi' });
    expect(record.affected[3]?.versions).toEqual(['1.0-1', '1.0-2']);
    expect(record.affected[4]?.package).toBeUndefined();
    expect(record.affected.flatMap((a) => a.ranges?.map((r) => r.type) ?? [])).toEqual([
      'SEMVER',
      'SEMVER',
      'ECOSYSTEM',
      'GIT',
      'SEMVER',
    ]);
    expect(record.affected[2]?.ranges?.[0]?.repo).toBe('https://github.com/conformance/multi');
    expect(record.severity).toEqual([
      { type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N' },
    ]);
    expect(record.credits).toEqual([
      { name: 'Zoë Ñandú', contact: ['mailto:zoe@example.org'], type: 'REPORTER' },
      { name: 'Fuzz Tool', type: 'TOOL' },
    ]);
    expect(record.references[0]).toEqual({
      type: 'ADVISORY',
      url: 'https://example.github.io/security/advisories/CURL-2026-0001/',
    });
    // +02:00 in the content becomes UTC.
    expect(record.modified).toBe('2026-03-05T08:00:00Z');
    expect(record.published).toBe('2026-03-01T00:00:00Z');
    expect(record.details).toBe('Input with `<script>` is echoed & not escaped.');

    const withdrawn = await readJson<{ withdrawn: string; severity: { type: string }[]; details: string }>(
      'tests/fixtures/outputs',
      '/osv/CURL-2026-0002.json',
    );
    expect(withdrawn.withdrawn).toBe('2026-04-03T00:00:00Z');
    expect(withdrawn.severity.map((s) => s.type)).toEqual(['CVSS_V4']);
    expect(withdrawn.details).toContain('Duplicate of CURL-2026-0001.');
  });
});

describe('CSAF 2.0', () => {
  test.each(WITH_ADVISORIES)(
    'every document of %s passes the strict schema and every mandatory test',
    async (dir) => {
      const documents = site(dir).files.filter((f) =>
        /^\/\.well-known\/csaf\/white\/\d{4}\/.+\.json$/.test(f),
      );
      expect(documents.length).toBeGreaterThan(0);
      const tests = [csaf_2_0_strict, ...Object.values(mandatoryTests)];
      expect(tests.length).toBeGreaterThan(20);
      for (const path of documents) {
        const result = await validateStrict(tests, await readJson<object>(dir, path));
        const failed = result.tests
          .filter((t) => !t.isValid)
          .map((t) => `${t.name}: ${JSON.stringify(t.errors)}`);
        expect(failed, path).toEqual([]);
        expect(result.isValid).toBe(true);
      }
    },
  );

  test('provider metadata, index.txt and changes.csv describe the same documents', async () => {
    const dir = 'tests/fixtures/outputs';
    const metadata = await readJson<Record<string, unknown>>(dir, '/.well-known/csaf/provider-metadata.json');
    // The required properties of CSAF 2.0 section 7.1.7's provider metadata.
    for (const key of [
      'canonical_url',
      'last_updated',
      'list_on_CSAF_aggregators',
      'metadata_version',
      'mirror_on_CSAF_aggregators',
      'publisher',
      'role',
    ]) {
      expect(metadata).toHaveProperty(key);
    }
    expect(metadata['canonical_url']).toBe(
      'https://example.github.io/security/.well-known/csaf/provider-metadata.json',
    );
    expect(metadata['distributions']).toEqual([
      { directory_url: 'https://example.github.io/security/.well-known/csaf/white/' },
    ]);
    expect(await readText(dir, '/.well-known/csaf/white/index.txt')).toBe(
      '2026/curl-2026-0001.json\n2026/curl-2026-0002.json\n',
    );
    expect(await readText(dir, '/.well-known/csaf/white/changes.csv')).toBe(
      '"2026/curl-2026-0002.json","2026-04-03T00:00:00Z"\n"2026/curl-2026-0001.json","2026-03-05T08:00:00Z"\n',
    );
    const document = await readJson<{
      vulnerabilities: { product_status: Record<string, string[]>; cve: string }[];
      document: { tracking: { version: string } };
    }>(dir, '/.well-known/csaf/white/2026/curl-2026-0001.json');
    expect(document.vulnerabilities[0]?.cve).toBe('CVE-2026-10001');
    expect(Object.keys(document.vulnerabilities[0]?.product_status ?? {}).sort()).toEqual([
      'fixed',
      'known_affected',
    ]);
    expect(document.document.tracking.version).toBe('2');
  });
});

describe('feeds', () => {
  test('Atom and JSON Feed parse with an independent parser, newest change first, with stable ids', async () => {
    const atom = parseAtomFeed(await readText('content', '/advisories/feed.xml'));
    const json = parseJsonFeed(JSON.parse(await readText('content', '/advisories/feed.json')) as unknown);
    const page = (id: string) => `https://security.lanternfish.example/advisories/${id}/`;
    const expected = ['LANTERN-2026-0002', 'LANTERN-2026-0001', 'LANTERN-2025-0007', 'LANTERN-2025-0003'].map(
      page,
    );
    expect(atom.entries?.map((e) => e.id)).toEqual(expected);
    expect(json.items?.map((i) => i.id)).toEqual(expected);
    expect(atom.id).toBe('https://security.lanternfish.example/advisories/feed.xml');
    expect(atom.links?.find((l) => l.rel === 'self')?.href).toBe(
      'https://security.lanternfish.example/advisories/feed.xml',
    );
    // updated comes from modified: 0001 was published on the 10th and changed on the 12th.
    const first = atom.entries?.find((e) => e.id === page('LANTERN-2026-0001'));
    expect(first?.updated).toBe('2026-02-12T09:30:00Z');
    expect(first?.published).toBe('2026-02-10T15:00:00Z');
    expect(atom.updated).toBe('2026-04-02T10:00:00Z');
    expect(json.items?.[1]?.date_modified).toBe('2026-02-12T09:30:00Z');
    // No embargoed or draft advisory.
    expect(JSON.stringify([atom, json])).not.toMatch(/LANTERN-2026-000[34]/);
  });

  test('each project has its own feed with only its advisories; an empty one is still valid', async () => {
    const beacon = parseAtomFeed(await readText('content', '/projects/beacon/advisories/feed.xml'));
    expect(beacon.title?.value).toBe('beacon security advisories (Lanternfish Labs)');
    expect(beacon.entries?.length).toBeGreaterThan(0);
    for (const entry of beacon.entries ?? []) expect(entry.content?.value).toContain('<li>beacon: affected:');
    const glimmer = parseAtomFeed(await readText('content', '/projects/glimmer/advisories/feed.xml'));
    expect(glimmer.entries ?? []).toEqual([]);
    expect(glimmer.updated).toBe('2026-04-02T10:00:00Z');
  });

  test('markup in a summary is escaped, not injected', async () => {
    const atom = await readText('tests/fixtures/outputs', '/advisories/feed.xml');
    expect(atom).not.toContain('<markup>');
    const parsed = parseAtomFeed(atom);
    expect(
      parsed.entries?.some(
        (e) => e.title?.value === 'CURL-2026-0001: Every kind of range & "quoted" <markup> in one advisory',
      ),
    ).toBe(true);
  });
});

describe('security.txt', () => {
  test('follows RFC 9116 with every channel that is a URI, and the CSAF line', async () => {
    const txt = parseSecurityTxt(await readText('content', '/.well-known/security.txt'));
    expect(txt.get('Contact')).toEqual([
      'mailto:security@lanternfish.example',
      'https://github.com/lanternfish-labs/beacon/security/advisories/new',
      'https://github.com/lanternfish-labs/lumen/security/advisories/new',
      'https://github.com/lanternfish-labs/ember/security/advisories/new',
      'mailto:cert-liaison@lanternfish.example',
    ]);
    expect(txt.get('Expires')).toEqual(['2027-09-30T00:00:00Z']);
    expect(txt.get('Encryption')).toEqual(['https://security.lanternfish.example/pgp-key.txt']);
    expect(txt.get('Policy')).toEqual(['https://security.lanternfish.example/policy/security-policy/']);
    expect(txt.get('Canonical')).toEqual(['https://security.lanternfish.example/.well-known/security.txt']);
    expect(txt.get('Acknowledgments')).toEqual(['https://security.lanternfish.example/acknowledgments/']);
    expect(txt.get('Preferred-Languages')).toEqual(['en, de']);
    expect(txt.get('CSAF')).toEqual([
      'https://security.lanternfish.example/.well-known/csaf/provider-metadata.json',
    ]);
  });

  test('a site under a path keeps its path in every URL', async () => {
    const txt = parseSecurityTxt(await readText('tests/fixtures/outputs', '/.well-known/security.txt'));
    expect(txt.get('Canonical')).toEqual(['https://example.github.io/security/.well-known/security.txt']);
    expect(txt.get('Contact')).toEqual([
      'mailto:security@conformance.example',
      'https://conformance.example/report',
    ]);
  });

  test('is not written when organisation.yaml has no securityTxt', () => {
    expect(site('examples/multi-project').files).not.toContain('/.well-known/security.txt');
  });

  test.each([
    [
      '2026-10-31T00:00:00Z',
      /has passed, so security.txt is stale; renew it: set securityTxt.expires to a date up to a year ahead, e.g. 2027-10-02/,
    ],
    ['2026-11-20T00:00:00Z', /is only 19 day\(s\) away; renew it/],
    [
      '2027-11-02T00:00:00Z',
      /is more than a year ahead; RFC 9116 asks for less than a year, so set a date before 2027-11-01/,
    ],
  ])('Expires %s fails the build', (expires, message) => {
    expect(expiresProblem(new Date(expires), NOW)).toMatch(message);
  });

  test.each(['2026-12-01T00:00:00Z', '2027-10-31T00:00:00Z'])('Expires %s is accepted', (expires) => {
    expect(expiresProblem(new Date(expires), NOW)).toBeUndefined();
  });

  test('the checker names the file, line and field of a stale Expires', async () => {
    process.env['DISCLOSE_NOW'] = '2027-09-15T00:00:00Z';
    try {
      const { problems } = await loadContent('content');
      expect(problems.map(formatProblem)).toEqual([
        'content/organisation.yaml:64: securityTxt.expires: 2027-09-30T00:00:00Z is only 15 day(s) away; renew it: set securityTxt.expires to a date up to a year ahead, e.g. 2028-08-15, and publish again',
      ]);
    } finally {
      process.env['DISCLOSE_NOW'] = NOW.toISOString();
    }
  });
});

describe('search id index', () => {
  test('ids whose shards differ only in a dot, colon or comma are each found in the file the search page asks for', async () => {
    const { content } = await loadContent('tests/fixtures/outputs');
    const [first, second] = content?.advisories ?? [];
    if (!content || !first || !second)
      throw new Error('tests/fixtures/outputs has fewer than two advisories');
    // Both shards (DSA-5.12 and DSA-5:12) have the same file name, /search/ids/DSA-5_12.json.
    first.data.aliases = [...first.data.aliases, 'DSA-5.12-1'];
    second.data.aliases = [...second.data.aliases, 'DSA-5:12-1'];
    const out = join(scratch, 'colliding-ids');
    writeOutputs(outputInput(content), out, NOW);
    const listed = JSON.parse(await readFile(join(out, 'search', 'ids.json'), 'utf8')) as string[];
    expect(new Set(listed).size).toBe(listed.length);
    for (const [id, advisory] of [
      ['DSA-5.12-1', first.data.id],
      ['DSA-5:12-1', second.data.id],
    ] as const) {
      // As the search page works out the file of an id.
      const upper = id.toUpperCase();
      const path = `/search/ids/${upper.slice(0, upper.indexOf('-') + 5).replace(/[^A-Z0-9_-]/g, '_')}.json`;
      expect(listed).toContain(path);
      const ids = JSON.parse(await readFile(join(out, path), 'utf8')) as Record<string, { advisory: string }>;
      expect([id, ids[upper]?.advisory]).toEqual([id, advisory]);
    }
  });
});

describe('announcements', () => {
  test('follow the fix-announcement template: CVEs with score, upgrade target, am I vulnerable, mitigation, upgrade, details, credit', async () => {
    const text = await readText('content', '/advisories/LANTERN-2026-0001/announcement.md');
    const headings = text.split('\n').filter((line) => /^#+ [A-Z]/.test(line));
    expect(headings).toEqual([
      '# LANTERN-2026-0001: Signature check skipped for manifests with a duplicated header',
      '## Am I vulnerable?',
      '## How do I mitigate the vulnerability?',
      '## How do I upgrade?',
      '## Vulnerability details',
      '## Credit',
    ]);
    expect(text).toContain('- CVE-2026-31337 (CVSS 4.0 score 9.3, Critical): Signature check skipped');
    expect(text).toContain(
      'Upgrading to beacon-client (crates.io) 2.8.1 or 3.2.1 is encouraged to fix this issue.',
    );
    expect(text).toContain('- beacon-client (crates.io): >= 2.4.0, < 2.8.1; >= 3.0.0, < 3.2.1');
    expect(text).toContain("cargo update --package 'beacon-client' --precise '3.2.1'");
    expect(text).toContain("Pin the update server's certificate");
    expect(text).toContain('- Ada Okonkwo (finder)');
  });

  test('an advisory without a fix says so and offers no upgrade command', async () => {
    const text = await readText('content', '/advisories/LANTERN-2025-0007/announcement.md');
    expect(text).toContain('No fixed version is available yet.');
    expect(text).not.toContain('```sh');
  });

  test('advance notice: the lead time comes from the policy; a public advisory has none', async () => {
    const { content } = await loadContent('tests/fixtures/outputs');
    if (!content) throw new Error('fixture did not load');
    const input = outputInput(content);
    const embargoed = input.advisories.find((a) => a.data.id === 'CURL-2026-0003');
    const published = input.advisories.find((a) => a.data.id === 'CURL-2026-0001');
    if (!embargoed || !published) throw new Error('fixture advisories missing');
    const notice = renderAdvanceNotice(embargoed, input.context, NOW);
    expect(notice).toContain('Subject: [EMBARGOED until 2099-01-01T00:00:00Z] CURL-2026-0003');
    expect(notice).toContain('To: distributors');
    expect(notice).toContain('Our policy sends this notice 5 days ahead, on 2098-12-27T00:00:00Z.');
    expect(notice).toContain('EMBARGO-CANARY-OUTPUTS');
    expect(() => renderAdvanceNotice(published, input.context, NOW)).toThrow(/CURL-2026-0001 has no embargo/);
  });
});

describe('embargo', () => {
  test('no output mentions an embargoed advisory', async () => {
    const { out } = site('tests/fixtures/outputs');
    for (const entry of await readdir(out, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile()) continue;
      const text = await readFile(join(entry.parentPath, entry.name), 'utf8');
      expect(text, entry.name).not.toContain('CURL-2026-0003');
      expect(text, entry.name).not.toContain('EMBARGO-CANARY-OUTPUTS');
    }
  });
});

describe('disclose-manifest.json', () => {
  test('is written as JSON.stringify would indent it, for any path and for none', () => {
    const files = [
      { path: '/osv/all.json', sha256: 'a'.repeat(64), bytes: 12 },
      { path: '/advisories/GHSA-"q\\u"/announcement.md', sha256: 'b'.repeat(64), bytes: 0 },
      { path: '/projects/ünïcode\n/SECURITY.md', sha256: 'c'.repeat(64), bytes: 1_234_567 },
    ];
    for (const listed of [files, files.slice(0, 1), []]) {
      const text = manifestText(listed);
      expect(text).toBe(`${JSON.stringify({ generator: 'Disclose', version: 1, files: listed }, null, 2)}\n`);
    }
  });

  test('made from what the outputs wrote and the files Astro wrote, lists each file once, sorted', async () => {
    const file = (path: string, hash = 'a') => ({ path, sha256: hash.repeat(64), bytes: path.length });
    // What the outputs worker knows: its files and the cache's (a page, which is not listed, among them).
    const known = knownManifest([
      file('/osv/x_B.json'),
      file('/advisories/B/index.html'),
      file('/osv/x_D.json'),
      file('/projects/p/SECURITY.md', 'b'),
      { path: '/projects/q/SECURITY.md' },
    ]);
    // Astro's: before, between and after those, one the worker wrote too, and its pages and Pagefind's.
    const found = [
      file('/sitemap-0.xml'),
      file('/osv/x_C.json'),
      file('/.well-known/security.txt'),
      file('/projects/p/SECURITY.md', 'c'),
      file('/index.html'),
      file('/pagefind/pagefind-entry.json'),
    ];
    const dir = await mkdtemp(join(tmpdir(), 'disclose-manifest-'));
    try {
      expect(await completeManifest(dir, known, found)).toBe(6);
      expect(await readFile(join(dir, 'disclose-manifest.json'), 'utf8')).toBe(
        manifestText([
          file('/.well-known/security.txt'),
          file('/osv/x_B.json'),
          file('/osv/x_C.json'),
          file('/osv/x_D.json'),
          file('/projects/p/SECURITY.md', 'b'),
          file('/sitemap-0.xml'),
        ]),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the outputs from a build cache', () => {
  const ID = 'CURL-2026-0001';

  /** The outputs of tests/fixtures/outputs where the integration took ID from the cache under key `a…`. */
  async function reusing(folder: string, records: CachedRecords) {
    const { content } = await loadContent('tests/fixtures/outputs');
    if (!content) throw new Error('tests/fixtures/outputs did not load');
    return assembleOutputs(
      {
        input: outputInput(content, (advisory) => advisory !== ID),
        folder: join(scratch, folder),
        now: NOW,
        reused: { [ID]: 'a'.repeat(64) },
        cacheFiles: join(scratch, 'no-cache'),
        pages: [],
        remove: [],
      },
      records,
      () => undefined,
    );
  }

  test('a cache whose record changed since the build read it stops the build, asking for another', async () => {
    // The manifest here has the advisory under another key.
    const result = await reusing('changed-cache', (wanted) =>
      wanted === ID
        ? {
            key: 'b'.repeat(64),
            outputs: [],
            osv: { id: ID, modified: NOW.toISOString() },
            outline: { id: ID, aliases: [], published: NOW, draft: false, affected: [] },
          }
        : undefined,
    );
    expect(result).toEqual({
      error: `the build cache's record of ${ID} changed while this build ran`,
      hint: CACHE_CHANGED_HINT,
      cacheChanged: true,
    });
  });

  test("a record of the build cache's manifest that does not read stops the build, naming the advisory", async () => {
    // The same records whether the worker writes the outputs or the integration does where it cannot start.
    const manifest = new CacheManifest('g'.repeat(64));
    // Its key matches, so the build took it from the cache; the rest of its line was cut.
    manifest.advisories.set(ID, { key: 'a'.repeat(64), search: null, json: '{"outputs":[' });
    expect(await reusing('unreadable-record', manifestRecords(manifest))).toEqual({
      error: `the build cache's manifest has a record of ${ID} that does not read`,
      hint: CACHE_CHANGED_HINT,
      cacheChanged: true,
    });
  });

  /** The outputs of a job for tests/fixtures/outputs whose advisories are all written afresh. */
  async function job(folder: string) {
    const dir = await mkdtemp(join(scratch, 'front-matter-'));
    const checked = new FrontMatterCache(dir, 'a'.repeat(64));
    const { content } = await loadContent('tests/fixtures/outputs', { checked });
    if (!content) throw new Error('tests/fixtures/outputs did not load');
    const input = outputInput(content);
    const base = {
      folder: join(scratch, folder),
      now: NOW,
      reused: {},
      cacheFiles: undefined,
      pages: [],
      remove: [],
    };
    return { dir, content, input, base, checked };
  }

  test('advisories whose front matter came checked from the build cache are read from its file, with the same outputs', async () => {
    const full = await job('full-job');
    const fromData = assembleOutputs(
      { ...full.base, input: full.input },
      () => undefined,
      () => undefined,
    );
    // Saved as a build saves it; the next build takes each front matter from the cache.
    for (const advisory of full.content.advisories)
      full.checked.set(advisory.source.checkedAs ?? '', advisory.data);
    full.checked.save(new Set(full.content.advisories.map((a) => a.source.checkedAs ?? '')));
    const next = new FrontMatterCache(full.dir, 'a'.repeat(64));
    const { content } = await loadContent('tests/fixtures/outputs', { checked: next });
    if (!content) throw new Error('tests/fixtures/outputs did not load');
    const compact = outputInput(content).advisories.map((advisory, at) => ({
      checked: content.advisories[at]?.source.checkedAs ?? '',
      details: advisory.details,
    }));
    const fromCache = assembleOutputs(
      { ...full.base, folder: join(scratch, 'compact-job'), input: { ...full.input, advisories: compact } },
      () => undefined,
      () => new FrontMatterCache(full.dir, 'a'.repeat(64)),
    );
    if ('error' in fromData || 'error' in fromCache) throw new Error('the outputs failed');
    expect(fromCache.written.length).toBeGreaterThan(10);
    expect(fromCache.written).toEqual(fromData.written);
  });

  test('front matter the build cache no longer holds stops the build, asking for another', async () => {
    const { base, input, dir } = await job('gone-job');
    const result = assembleOutputs(
      {
        ...base,
        input: {
          ...input,
          advisories: input.advisories.map((a) => ({ checked: 'x'.repeat(43), details: a.details })),
        },
      },
      () => undefined,
      () => new FrontMatterCache(dir, 'a'.repeat(64)),
    );
    expect(result).toEqual({
      error: `the build cache's record of front matter ${'x'.repeat(43)} changed while this build ran`,
      hint: CACHE_CHANGED_HINT,
      cacheChanged: true,
    });
  });

  /** A last build of tests/fixtures/outputs in `name`: every advisory written, with a page, and stored in a build cache under key k…. */
  async function lastBuild(name: string) {
    const { content } = await loadContent('tests/fixtures/outputs');
    if (!content) throw new Error('tests/fixtures/outputs did not load');
    const input = outputInput(content);
    const base = { now: NOW, pages: [], remove: [] };
    const last = join(scratch, `${name}-last`);
    const first = assembleOutputs(
      { ...base, input, folder: last, reused: {}, cacheFiles: undefined },
      () => undefined,
      () => undefined,
    );
    if ('error' in first) throw new Error(first.error);
    moveAside(first.aside, last);
    const ids = first.fresh.map(([id]) => id);
    const key = 'k'.repeat(64);
    const cache = join(scratch, `${name}-cache`);
    const data = new Map(content.advisories.map((a) => [a.data.id, a.data]));
    const store = new BuildCache(cache, 'g'.repeat(64), new Map(ids.map((id) => [id, key])), new Map(), {
      outline: (id) => data.get(id),
    });
    for (const [id, outputs, osv] of first.fresh) {
      mkdirSync(join(last, advisoryPage(id), '..'), { recursive: true });
      writeFileSync(join(last, advisoryPage(id)), `<p>${id}</p>`);
      store.wrote(id, outputs, osv);
    }
    store.storeFiles(last);
    store.storeIndex(last, new Map(), []);
    return { input, base, first, ids, key, cache, manifest: readManifest(cache) };
  }

  /** Every file of a site folder, as paths on the site, with its text. */
  const siteTexts = async (dir: string) =>
    new Map(
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name))
        .sort()
        .map((file) => [file.slice(dir.length), readFileSync(file, 'utf8')]),
    );

  /**
   * The outputs of `job`, with the main thread coming to the files the cache gives (see
   * pageClaims) while the worker still writes the others: its share too.
   */
  function alongsideMainThread(job: OutputsJob, files: PageJob, records: CachedRecords) {
    let helped: ReturnType<typeof linkGivenFiles> | undefined;
    const result = assembleOutputs(
      job,
      (id) => {
        // Once, on the first record the worker reads, and never again from within (it reads records too).
        if (!helped) {
          helped = { linked: -1 };
          helped = linkGivenFiles(files, records);
        }
        return records(id);
      },
      () => undefined,
    );
    return { result, helped };
  }

  test('the files the build cache gives are linked by whichever thread comes to them first, each once', async () => {
    const { input, base, ids, key, cache, manifest } = await lastBuild('shared');
    const given = { reused: Object.fromEntries(ids.map((id) => [id, key])), cacheFiles: cacheFiles(cache) };
    const job = (folder: string) => ({ ...base, ...given, input, folder });
    const records = manifestRecords(manifest);
    const plain = assembleOutputs(job(join(scratch, 'shared-plain')), records, () => undefined);
    // The main thread waits for the worker; before the worker has its job, it links nothing.
    const files: PageJob = { ...given, pages: [], folder: join(scratch, 'shared-next') };
    files.claims = pageClaims(files);
    expect(linkGivenFiles(files, records)).toEqual({ linked: 0 });
    // Here the main thread comes to them while the worker still writes the files of the advisory
    // written afresh, and links every advisory's.
    const { result, helped } = alongsideMainThread(
      { ...job(files.folder), claims: files.claims },
      files,
      records,
    );
    if ('error' in result || 'error' in plain) throw new Error('the outputs failed');
    expect(helped).toEqual({ linked: ids.length });
    // Then there is none left for either.
    expect(linkGivenFiles(files, records)).toEqual({ linked: 0 });
    expect(await siteTexts(files.folder)).toEqual(await siteTexts(join(scratch, 'shared-plain')));
  });

  test('a file the build cache no longer has stops the build, on whichever thread comes to it', async () => {
    const { input, base, ids, key, cache, manifest } = await lastBuild('missing');
    const records = manifestRecords(manifest);
    const files: PageJob = {
      reused: Object.fromEntries(ids.map((id) => [id, key])),
      cacheFiles: cacheFiles(cache),
      pages: [],
      folder: join(scratch, 'missing-next'),
    };
    files.claims = pageClaims(files);
    rmSync(join(cacheFiles(cache), fileName(key, advisoryPage(ids[0] ?? ''))));
    const { result, helped } = alongsideMainThread({ ...base, ...files, input }, files, records);
    expect(helped).toEqual({
      error: `the build cache has no file ${fileName(key, advisoryPage(ids[0] ?? ''))}, which its manifest names`,
      hint: CACHE_CHANGED_HINT,
      cacheChanged: true,
    });
    // The worker finds nothing left to claim past what the main thread claimed: its own job ends well.
    expect('error' in result).toBe(false);
  });

  test('files of the build cache laid out before the job came stay where the job takes them, and the rest go before anything is written', async () => {
    const { input, base, first, ids, key, cache, manifest } = await lastBuild('ahead');
    // This build: the cache laid out ahead, then one advisory (edited since) written afresh.
    const [edited = '', ...unchanged] = ids;
    const [, outputs = []] = first.fresh.find(([id]) => id === edited) ?? [];
    const stored = (path: string) => readFileSync(join(cacheFiles(cache), fileName(key, path)), 'utf8');
    const before = outputs.map((file) => stored(file.path));
    const next = join(scratch, 'ahead-next');
    const ahead: Premade = layOutAhead(manifest, next, cache, () => false);
    while (!ahead.over) await new Promise((done) => setImmediate(done));
    expect(ahead.advisories.size).toBe(ids.length);
    const changed = {
      ...input,
      advisories: input.advisories.map((advisory) =>
        advisory.data.id === edited ? { ...advisory, details: 'Edited since the last build.' } : advisory,
      ),
    };
    const job = {
      ...base,
      input: changed,
      reused: Object.fromEntries(unchanged.map((id) => [id, key])),
      cacheFiles: cacheFiles(cache),
    };
    const result = assembleOutputs(
      { ...job, folder: next },
      manifestRecords(manifest),
      () => undefined,
      ahead,
    );
    const plain = assembleOutputs(
      { ...job, folder: join(scratch, 'ahead-plain') },
      manifestRecords(manifest),
      () => undefined,
    );
    if ('error' in result || 'error' in plain) throw new Error('the outputs failed');
    expect(result.prelinked).toBeGreaterThan(0);
    // The same site as a build that laid nothing out: the edited advisory's page went, its files were written anew.
    const files = async (dir: string) =>
      (await readdir(dir, { recursive: true, withFileTypes: true }))
        .filter((entry) => entry.isFile())
        .map((entry) => join(entry.parentPath, entry.name).slice(dir.length))
        .sort();
    expect(await files(next)).toEqual(await files(join(scratch, 'ahead-plain')));
    for (const path of await files(next))
      expect(readFileSync(join(next, path), 'utf8'), path).toBe(
        readFileSync(join(scratch, 'ahead-plain', path), 'utf8'),
      );
    expect(existsSync(join(next, advisoryPage(edited)))).toBe(false);
    // Nothing was written through a link into the cache: its files of the edited advisory are as they were.
    expect(outputs.length).toBeGreaterThan(0);
    expect(outputs.map((file) => stored(file.path))).toEqual(before);
    expect(readFileSync(join(next, outputs[0]?.path ?? ''), 'utf8')).not.toBe(before[0]);
  });
});
