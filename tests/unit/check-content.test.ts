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
      'tests/fixtures/invalid-fields/organisation.yaml:11: contcts: unknown field "contcts"; did you mean "contacts"? (allowed: name, site, description, scope, reporting, advisoryPrefix, advisoryIds, disclosure, team, cve, cvss, severityScale, bugBounty, contacts, contentVisibility, contentRepository, policyPage, securityTxt, osv, csaf, cvssBands, appearance)',
      'tests/fixtures/invalid-fields/projects/alpha.md:3: summary: expected a string, got 42',
      'tests/fixtures/invalid-fields/projects/alpha.md:4: repository: "ftp://example.org/alpha" is not an http(s) URL; write the full address, e.g. https://example.org/path',
      'tests/fixtures/invalid-fields/projects/alpha.md:5: status: expected one of active, deprecated, archived; got "retired"',
      'tests/fixtures/invalid-fields/projects/alpha.md:6: suportedVersions: unknown field "suportedVersions"; did you mean "supportedVersions"? (allowed: name, summary, repository, packages, status, statusNote, supportedVersions, related, order)',
    ]);
  });

  test('references to projects, severities, groups, phases and components that do not exist, and duplicates', async () => {
    expect(await problemsOf('invalid-references')).toEqual([
      'tests/fixtures/invalid-references/policy/extra.mdx: (file name): duplicate slug "extra", also used by tests/fixtures/invalid-references/policy/extra.md; rename one of them',
      'tests/fixtures/invalid-references/policy/policy.mdx:6: <SeverityTabel>: unknown component; did you mean <SeverityTable />? (available: OrganisationName, Scope, HowToReport, ReportContents, SecurityEmail, SeverityTable, TimelineTable, PhaseTarget, DisclosureWindow, AdvanceNotice, Announcements, CvePolicy, BugBounty, Team, PageLink, Roles, SupportedVersions, ProjectList, Contacts)',
      'tests/fixtures/invalid-references/policy/policy.mdx:8: <SupportedVersions> project: unknown project "gamma"; expected one of alpha (tests/fixtures/invalid-references/projects/)',
      'tests/fixtures/invalid-references/projects/alpha.md:5: related[0]: unknown project "beta"; expected one of alpha (tests/fixtures/invalid-references/projects/)',
      'tests/fixtures/invalid-references/projects/Bad_Name.md: (file name): "Bad_Name" is not a valid slug; rename the file to lower-case letters, digits and hyphens, e.g. "bad-name.md"',
      'tests/fixtures/invalid-references/severities.yaml:4: [1].id: duplicate severity id "high"; give each severity its own id',
      'tests/fixtures/invalid-references/timeline.yaml:3: groups[0].severities[1]: unknown severity "urgent"; expected one of high, low (tests/fixtures/invalid-references/severities.yaml)',
      'tests/fixtures/invalid-references/timeline.yaml:9: phases[0].targets.slwo: unknown group "slwo"; did you mean "slow"? expected one of fast, slow (groups in this file)',
      'tests/fixtures/invalid-references/timeline.yaml:12: phases[1].targets.fast: "after release" must name an earlier phase; earlier phases: ack',
      'tests/fixtures/invalid-references/timeline.yaml:13: timeZone: "Europe/Berln" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC',
    ]);
  });

  test('missing files, YAML syntax errors and Markdown without front matter', async () => {
    expect(await problemsOf('invalid-files')).toEqual([
      'tests/fixtures/invalid-files/projects/alpha.md:1: (file): has no front matter; start the file with a --- line, the YAML fields, and another --- line',
      'tests/fixtures/invalid-files/severities.yaml:2: (file): is not valid YAML: unexpected end of the stream within a flow collection',
      'tests/fixtures/invalid-files/timeline.yaml: (file): is missing; every content folder needs timeline.yaml (see "Content reference" in the README)',
    ]);
  });

  test('a reference to a project that does not exist, alone, is still an error', async () => {
    expect(await problemsOf('broken-reference')).toEqual([
      'tests/fixtures/broken-reference/projects/alpha.md:5: related[0]: unknown project "omega"; expected one of alpha (tests/fixtures/broken-reference/projects/)',
    ]);
  });

  test('advisories: ids, dates, references, CVSS, ranges and credits, every problem with file and field', async () => {
    const dir = 'tests/fixtures/invalid-advisories/advisories';
    expect(await problemsOf('invalid-advisories')).toEqual([
      `${dir}/dup/MIN-2026-0001.md:2: id: duplicate id "MIN-2026-0001", also used by ${dir}/MIN-2026-0001.md; give this advisory the next free id`,
      `${dir}/MIN-2025-0002.md:11: references[0].url: "http://example.org/insecure" uses http://; use the https:// address`,
      `${dir}/MIN-2025-0002.md:14: credits[0].type: expected one of FINDER, REPORTER, ANALYST, COORDINATOR, REMEDIATION_DEVELOPER, REMEDIATION_REVIEWER, REMEDIATION_VERIFIER, TOOL, SPONSOR, OTHER; got "HACKER"`,
      `${dir}/MIN-2025-0006.md:2: id: has year 2025 but published is in 2026; the id's year is the year of publication`,
      `${dir}/MIN-2025-0006.md:5: modified: 2026-01-01T00:00:00.000Z is before published 2026-02-01T00:00:00.000Z; modified moves forward only`,
      `${dir}/MIN-2025-0006.md:6: withdrawnReason: is required when withdrawn is set; say why, for readers who relied on the advisory`,
      `${dir}/MIN-2025-0006.md:7: severity: unknown severity "urgent"; expected one of high, low (tests/fixtures/invalid-advisories/severities.yaml)`,
      `${dir}/MIN-2025-0006.md:9: affected[0].project: unknown project "alfa"; did you mean "alpha"? expected one of alpha (tests/fixtures/invalid-advisories/projects/)`,
      `${dir}/MIN-2026-0003.md:5: severity: is low (CVSS 0.1–6.9) but the CVSS 4.0 CVSS-B score is 9.3; change the severity or add severityJustification explaining why`,
      `${dir}/MIN-2026-0003.md:7: cvss[0]: "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H" is missing base metric(s) A; copy the vector from a CVSS calculator`,
      `${dir}/MIN-2026-0003.md:12: affected[0].ranges[0].events[1]: fixed 1.5.0 is not after introduced 2.0.0; list events in version order`,
      `${dir}/MIN-2026-0003.md:13: affected[0].ranges[1].events[0]: a range starts with introduced, not fixed`,
      `${dir}/MIN-2026-0003.md:14: affected[0].ranges[2]: a GIT range needs repo: the repository URL`,
      `${dir}/MIN-2026-0003.md:16: affected[0].ranges[3]: mixes fixed and last_affected events, which OSV does not allow in one range; split it into two ranges`,
      `${dir}/MIN-2026-0004.md:2: id: is "MIN-2026-0005" but the file is named MIN-2026-0004.md; rename the file to MIN-2026-0005.md`,
      `${dir}/MIN-2026-0007.md:4: published: 2026-03-01T00:00:00Z is before timeline.reported 2026-03-02T10:00:00Z; an advisory is published after its report`,
      `${dir}/MIN-2026-0007.md:11: timeline.acknowledged: 2026-03-02T09:00:00Z is before reported 2026-03-02T10:00:00Z; the steps go reported, acknowledged, assessed, fixReady, released`,
      `${dir}/MIN-2026-0007.md:12: timeline.fixReady: 2098-12-31T23:00:00Z is in the future; record a step once it has happened`,
      `${dir}/MIN-2026-0008.md:10: timeline.reported: is missing but timeline.acknowledged is given; every step is measured from the report, so add reported: <date-time>`,
      `${dir}/MIN-2026-0008.md:11: timeline.reported: is missing but timeline.assessed is given; every step is measured from the report, so add reported: <date-time>`,
      `${dir}/MIN-2026-0009.md:10: timeline.reported: "2026-02-20T09:00:00" must be a date-time with a time zone, e.g. 2026-03-01T14:00:00Z or 2026-03-01T15:00:00+01:00`,
      `tests/fixtures/invalid-advisories/projects/alpha.md:6: packages[0].ecosystem: "pypi" is not an OSV ecosystem (did you mean "PyPI"?); use OSV's spelling (npm, PyPI, crates.io, Go, Maven, ...) so OSV and CSAF output name the registry`,
    ]);
  });
});
