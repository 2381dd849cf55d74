import { cp, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import jsYaml from 'js-yaml';
import { disclose } from './cli.ts';

/**
 * A content set as an attacker would write it: the demo content with a script payload in every
 * text field and every Markdown body, plus a third-party OSV record imported with
 * `disclose import osv` whose details carry the classic XSS vectors. It must build, and no page
 * of the result may run any of it.
 */

/** Appended to every one-line field: breaks out of attributes and opens tags. */
export const LINE_PAYLOAD = `"'><img src=x onerror=alert('field')><script>alert('field-script')</script>`;

/** Appended to every Markdown body and every multi-line field. */
export const BODY_PAYLOAD = `

<script>alert('body-script')</script>

<img src="data:x" onerror="alert('body-img')">

<svg onload="alert('body-svg')"><circle r="1"></circle></svg>

<iframe srcdoc="<script>alert('body-iframe')</script>"></iframe>

<details open ontoggle="alert('body-details')"><summary>more</summary>text</details>

[a link](javascript:alert('body-link')) and <a href="javascript:alert('body-a')">another</a>

<a href="data:text/html,<script>alert('body-data')</script>">data</a>

<img src="https://tracker.invalid/pixel.png" alt="pixel"> <img src="//tracker.invalid/pixel.png" alt="pixel">

<form action="https://evil.invalid/"><button formaction="javascript:alert('body-form')">go</button></form>

<style>body { background: url(https://evil.invalid/bg.png) }</style>

<div style="background: url(javascript:alert('body-style'))">styled</div>

<math><mtext><table><mglyph><style><img src=data:x onerror=alert('body-mxss')></style></mglyph></table></mtext></math>
`;

/** Keys whose string values are free text that readers see. */
const LINE_KEYS = new Set([
  'name',
  'label',
  'summary',
  'title',
  'navLabel',
  'audience',
  'holder',
  'milestone',
  'keyServers',
  'package',
  // One line on policy pages, prose elsewhere: the one-line payload fits both.
  'description',
]);
const PROSE_KEYS = new Set([
  'definition',
  'instructions',
  'recipients',
  'shortenedWhen',
  'whenWindowPasses',
  'upstream',
  'note',
  'text',
  'statusNote',
  'commitment',
  'withdrawnReason',
  'severityJustification',
  'vulnerableWhen',
  'mitigation',
  'upgrade',
]);
const LIST_KEYS = new Set(['examples', 'outOfScope', 'include', 'contents']);

function poison(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (LINE_KEYS.has(key)) return `${value} ${LINE_PAYLOAD}`;
    if (PROSE_KEYS.has(key)) return `${value}${BODY_PAYLOAD}`;
    return value;
  }
  if (Array.isArray(value))
    return value.map((item) =>
      LIST_KEYS.has(key) && typeof item === 'string' ? `${item} ${LINE_PAYLOAD}` : poison(item, key),
    );
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, poison(v, k)]));
  return value;
}

const dump = (data: unknown) => jsYaml.dump(data, { schema: jsYaml.CORE_SCHEMA, lineWidth: -1 });

async function files(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true }))
    .filter((d) => d.isFile())
    .map((d) => join(d.parentPath, d.name));
}

/** A third-party OSV record as GitHub's database would send it, with script in its details. */
const IMPORTED = {
  schema_version: '1.7.0',
  id: 'GHSA-2r4m-9w8v-q6xp',
  modified: '2026-03-02T10:00:00Z',
  published: '2026-03-01T10:00:00Z',
  aliases: ['CVE-2026-40001'],
  summary: `Imported <img src=x onerror=alert('osv-summary')>`,
  details: `Imported from a third-party database.${BODY_PAYLOAD}`,
  affected: [
    {
      package: { ecosystem: 'crates.io', name: 'beacon-client' },
      ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '3.2.2' }] }],
    },
  ],
  references: [{ type: 'WEB', url: 'https://github.com/lanternfish-labs/beacon/issues/1' }],
  database_specific: { severity: 'HIGH' },
  severity: [{ type: 'CVSS_V3', score: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:L/A:N' }],
};

/** Writes the hostile content set into `dir` (which must not exist yet). */
export async function writeHostileContent(dir: string): Promise<void> {
  await cp('content', dir, { recursive: true });
  const record = join(dir, '..', 'hostile-osv.json');
  await writeFile(record, JSON.stringify(IMPORTED));
  const imported = await disclose('import', 'osv', record, '--publish', '--content', dir);
  if (imported.code !== 0) throw new Error(`importing the hostile OSV record failed:\n${imported.err}`);

  for (const file of await files(dir)) {
    const text = await readFile(file, 'utf8');
    if (file.endsWith('.yaml')) {
      await writeFile(file, dump(poison(jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA }))));
    } else if (file.endsWith('.md') || file.endsWith('.mdx')) {
      const match = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text);
      if (!match) throw new Error(`${file} has no front matter`);
      const data = poison(jsYaml.load(match[1] ?? '', { schema: jsYaml.CORE_SCHEMA }));
      // MDX pages are maintainer code (they may use components); Markdown bodies are content.
      const body = file.endsWith('.md') ? `${match[2] ?? ''}${BODY_PAYLOAD}` : (match[2] ?? '');
      await writeFile(file, `---\n${dump(data)}---\n${body}`);
    }
  }
}
