import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';

async function problemsOf(fixture: string): Promise<string[]> {
  const { problems } = await loadContent(`tests/fixtures/${fixture}`);
  return problems.map(formatProblem);
}

describe('loadContent', () => {
  test.each([
    'tests/fixtures/minimal',
    'content',
    'examples/multi-project',
    'examples/single-library',
    'examples/solo-maintainer',
  ])('%s is valid', async (dir) => {
    const { problems, content } = await loadContent(dir);
    expect(problems.map(formatProblem)).toEqual([]);
    expect(content?.projects.length).toBeGreaterThan(0);
  });

  test('reports a folder that does not exist', async () => {
    expect(await problemsOf('no-such-folder')).toEqual([
      'tests/fixtures/no-such-folder: (file): content folder does not exist; create it or point DISCLOSE_CONTENT at one',
    ]);
  });

  test('wrong types, missing fields, bad URLs and e-mails and typos: every problem, each with file, line and field', async () => {
    expect(await problemsOf('invalid-fields')).toEqual([
      'tests/fixtures/invalid-fields/organisation.yaml:1: description: is required; add it (expected string)',
      'tests/fixtures/invalid-fields/organisation.yaml:2: site: "not a url" is not an http(s) URL; write the full address, e.g. https://example.org/path',
      'tests/fixtures/invalid-fields/organisation.yaml:6: reporting.email: "security-at-minimal" is not an e-mail address; write it as name@example.org',
      'tests/fixtures/invalid-fields/organisation.yaml:7: reporting.githubPrivateReporting: expected a boolean, got "yes"',
      'tests/fixtures/invalid-fields/organisation.yaml:8: advisoryPrefix: "min" must be upper-case letters and digits, e.g. "EXAMPLE"',
      'tests/fixtures/invalid-fields/organisation.yaml:10: disclosure.windowDays: expected a number, got "thirty"',
      'tests/fixtures/invalid-fields/organisation.yaml:11: contcts: unknown field "contcts"; did you mean "contacts"? (allowed: name, site, description, scope, reporting, advisoryPrefix, disclosure, contacts, contentRepository, policyPage)',
      'tests/fixtures/invalid-fields/projects/alpha.md:3: summary: expected a string, got 42',
      'tests/fixtures/invalid-fields/projects/alpha.md:4: repository: "ftp://example.org/alpha" is not an http(s) URL; write the full address, e.g. https://example.org/path',
      'tests/fixtures/invalid-fields/projects/alpha.md:5: status: expected one of active, deprecated, archived; got "retired"',
      'tests/fixtures/invalid-fields/projects/alpha.md:6: suportedVersions: unknown field "suportedVersions"; did you mean "supportedVersions"? (allowed: name, summary, repository, packages, status, statusNote, supportedVersions, related, order)',
    ]);
  });

  test('references to projects, severities, groups, phases and components that do not exist, and duplicates', async () => {
    expect(await problemsOf('invalid-references')).toEqual([
      'tests/fixtures/invalid-references/policy/policy.mdx:6: <SeverityTabel>: unknown component; did you mean <SeverityTable />? (available: OrganisationName, Scope, HowToReport, ReportContents, SecurityEmail, SeverityTable, TimelineTable, PhaseTarget, DisclosureWindow, AdvanceNotice, Roles, SupportedVersions, ProjectList, Contacts)',
      'tests/fixtures/invalid-references/policy/policy.mdx:8: <SupportedVersions> project: unknown project "gamma"; expected one of alpha (tests/fixtures/invalid-references/projects/)',
      'tests/fixtures/invalid-references/projects/alpha.md:5: related[0]: unknown project "beta"; expected one of alpha (tests/fixtures/invalid-references/projects/)',
      'tests/fixtures/invalid-references/projects/Bad_Name.md: (file name): "Bad_Name" is not a valid slug; rename the file to lower-case letters, digits and hyphens, e.g. "bad-name.md"',
      'tests/fixtures/invalid-references/severities.yaml:4: [1].id: duplicate severity id "high"; give each severity its own id',
      'tests/fixtures/invalid-references/timeline.yaml:3: groups[0].severities[1]: unknown severity "urgent"; expected one of high, low (tests/fixtures/invalid-references/severities.yaml)',
      'tests/fixtures/invalid-references/timeline.yaml:9: phases[0].targets.slwo: unknown group "slwo"; did you mean "slow"? expected one of fast, slow (groups in this file)',
      'tests/fixtures/invalid-references/timeline.yaml:12: phases[1].targets.fast: "after release" must name an earlier phase; earlier phases: ack',
    ]);
  });

  test('missing files, YAML syntax errors and Markdown without front matter', async () => {
    expect(await problemsOf('invalid-files')).toEqual([
      'tests/fixtures/invalid-files/projects/alpha.md:1: (file): has no front matter; start the file with a --- line, the YAML fields, and another --- line',
      'tests/fixtures/invalid-files/severities.yaml:2: (file): is not valid YAML: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'tests/fixtures/invalid-files/timeline.yaml: (file): is missing; every content folder needs timeline.yaml (see "Content reference" in the README)',
    ]);
  });

  test('a reference to a project that does not exist, alone, is still an error', async () => {
    expect(await problemsOf('broken-reference')).toEqual([
      'tests/fixtures/broken-reference/projects/alpha.md:5: related[0]: unknown project "omega"; expected one of alpha (tests/fixtures/broken-reference/projects/)',
    ]);
  });
});
