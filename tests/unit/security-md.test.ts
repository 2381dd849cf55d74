import { describe, expect, test } from 'vitest';
import {
  GENERATED_MARKER,
  renderSecurityMd,
  type SecurityMdInput,
} from '../../src/lib/security-md/render.ts';
import { makeOrganisation, makeProject, makeSeverities, makeTimeline } from '../support/factories.ts';
import { markdownHeadings, markdownTable, parseMarkdown, plainText } from '../support/markdown.ts';

function makeInput(overrides: Partial<SecurityMdInput> = {}): SecurityMdInput {
  return {
    organisation: makeOrganisation(),
    severities: makeSeverities(),
    timeline: makeTimeline(),
    project: {
      slug: 'widget',
      data: makeProject({
        supportedVersions: { rule: { branches: ['main'], latestReleases: 1, releases: ['2.0.0', '1.9.0'] } },
      }),
      body: '## Security testing\n\nFuzzed nightly.\n',
    },
    policySlug: 'security-policy',
    ...overrides,
  };
}

describe('renderSecurityMd', () => {
  test('has the sections a downstream repository needs, in order', () => {
    expect(markdownHeadings(renderSecurityMd(makeInput()), 2)).toEqual([
      'Reporting a vulnerability',
      'Scope',
      'Supported versions',
      'Severity',
      'Response timeline',
      'Disclosure',
      'Security testing',
    ]);
  });

  test('links the central policy and says it is generated and where to edit it', () => {
    const markdown = renderSecurityMd(
      makeInput({
        organisation: makeOrganisation({ contentRepository: 'https://github.com/example/security' }),
      }),
    );
    expect(markdown).toContain(
      '[Example Org security policy](https://security.example.org/policy/security-policy/)',
    );
    expect(
      markdown.startsWith(
        `<!-- ${GENERATED_MARKER} from https://security.example.org/projects/widget/SECURITY.md`,
      ),
    ).toBe(true);
    expect(markdown).toContain('**This file is generated.**');
    expect(markdown).toContain('`projects/widget.md`');
    expect(markdown).toContain('<https://github.com/example/security>');
  });

  test('tells reporters not to use public issues, and links GitHub private reporting when it is on', () => {
    const organisation = makeOrganisation({
      reporting: { email: 'security@example.org', githubPrivateReporting: true },
    });
    const markdown = renderSecurityMd(makeInput({ organisation }));
    expect(markdown).toContain('**Do not report security vulnerabilities through public issues');
    expect(markdown).toContain('(https://github.com/example/widget/security/advisories/new)');
    expect(markdown).toContain('- E-mail: <security@example.org>');
  });

  test('carries the supported-versions, severity and timeline tables cell for cell', () => {
    const markdown = renderSecurityMd(makeInput());
    expect(markdownTable(markdown, 'Version')).toEqual([
      ['Version', 'Supported', 'Notes'],
      ['main', 'Yes', 'Development branch'],
      ['2.0.0', 'Yes', 'Latest release'],
      ['1.9.0', 'No', 'Upgrade to a supported release'],
    ]);
    expect(markdownTable(markdown, 'Severity')).toEqual([
      ['Severity', 'Definition', 'Examples'],
      ['Critical', 'Remote, no authentication.', 'RCE'],
      ['Low', 'Limited impact.', ''],
    ]);
    expect(markdownTable(markdown, 'Phase')).toEqual([
      ['Phase', 'Critical', 'Low'],
      ['Acknowledgment', '24 hours', '2 business days'],
      ['Fix developed', '7 days', '30 days'],
      ['Patched release', 'Within 48 hours of the fix', 'Next scheduled release'],
    ]);
  });

  test.each([
    ['a pipe', 'Bypass | only on Tuesdays'],
    ['asterisks', 'A *not emphasised* word and **not strong**'],
    ['angle brackets', 'Injects <script>alert(1)</script> into <title>'],
    ['backticks', 'Passing `--insecure` or ``double`` ticks'],
    ['a line break', 'First line\nSecond line'],
    ['brackets and underscores', '[not a link](x) and _not_ emphasis'],
    ['a leading hash', '# not a heading'],
  ])('a table cell with %s survives the round trip', (_, definition) => {
    const severities = makeSeverities([{ id: 'high', label: 'High', definition }]);
    const markdown = renderSecurityMd(makeInput({ severities }));
    expect(markdownTable(markdown, 'Severity')[1]).toEqual(['High', definition]);
  });

  test('text outside tables is escaped too: a summary cannot inject HTML or links', () => {
    const project = makeProject({
      summary: 'Parses <img src=x onerror=alert(1)> and [links](javascript:alert(1))',
    });
    const markdown = renderSecurityMd(makeInput({ project: { slug: 'widget', data: project, body: '' } }));
    const intro = parseMarkdown(markdown).children.find((node) => node.type === 'paragraph');
    expect(plainText(intro!)).toContain(
      'Parses <img src=x onerror=alert(1)> and [links](javascript:alert(1))',
    );
  });

  test('an archived project says so before anything else', () => {
    const data = makeProject({ status: 'archived', statusNote: 'Read-only since 2021.' });
    const markdown = renderSecurityMd(makeInput({ project: { slug: 'widget', data, body: '' } }));
    expect(markdownHeadings(markdown, 2)[0]).toBe('Project status');
    expect(markdown).toContain('**Archived.** Read-only since 2021.');
  });

  test('advance notice and roles come from the organisation', () => {
    const organisation = makeOrganisation({
      disclosure: {
        windowDays: 90,
        advanceNotice: { leadDays: 7, approximate: true, recipients: 'distributors' },
        roles: [{ name: 'Triage', description: 'Reproduces reports.' }],
      },
    });
    const markdown = renderSecurityMd(makeInput({ organisation }));
    expect(markdown).toContain('90-day disclosure window');
    expect(markdown).toContain(
      'About 7 days before public disclosure, we send advance notice to distributors.',
    );
    expect(markdown).toContain('- **Triage**: Reproduces reports.');
  });

  test('same input, same bytes', () => {
    expect(renderSecurityMd(makeInput())).toBe(renderSecurityMd(makeInput()));
  });
});
