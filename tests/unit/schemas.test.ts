import { describe, expect, test } from 'vitest';
import type { z } from 'astro/zod';
import { OrganisationSchema } from '../../src/schemas/organisation.ts';
import { ProjectSchema } from '../../src/schemas/project.ts';
import { SeveritySchema } from '../../src/schemas/severity.ts';
import { TimelineSchema } from '../../src/schemas/timeline.ts';
import { rawOrganisation, rawProject } from '../support/factories.ts';

/** The dotted paths of every failing field. */
function failingFields(schema: z.ZodType, data: unknown): string[] {
  const result = schema.safeParse(data);
  if (result.success) return [];
  return result.error.issues.map((issue) =>
    issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys].join('.') : issue.path.join('.'),
  );
}

describe('OrganisationSchema', () => {
  test('accepts the factory organisation and fills defaults', () => {
    const organisation = OrganisationSchema.parse(rawOrganisation());
    expect(organisation.reporting.githubPrivateReporting).toBe(false);
    expect(organisation.disclosure.roles).toEqual([]);
  });

  test.each([
    ['a site that is not a URL', { site: 'security.example.org' }, 'site'],
    ['a javascript: site', { site: 'javascript:alert(1)' }, 'site'],
    ['a malformed e-mail', { reporting: { email: 'security(at)example.org' } }, 'reporting.email'],
    ['no private channel at all', { reporting: {} }, 'reporting.channels'],
    ['e-mail refused but given', { reporting: { email: 'a@b.org', acceptsEmail: false } }, 'reporting.email'],
    [
      'a platform without its address',
      { reporting: { channels: [{ kind: 'platform', name: 'HackerOne' }] } },
      'reporting.channels.0.url',
    ],
    [
      'a key id written as a fingerprint',
      { reporting: { email: 'a@b.org', keys: [{ keyId: 'EFB9 860A' }] } },
      'reporting.keys.0.keyId',
    ],
    [
      'a lead time in words',
      { disclosure: { advanceNotices: [{ audience: { name: 'distros' }, lead: 'a week' }] } },
      'disclosure.advanceNotices.0.lead',
    ],
    ['ids by prefix without one', { advisoryPrefix: undefined }, 'advisoryPrefix'],
    ['a lower-case advisory prefix', { advisoryPrefix: 'example' }, 'advisoryPrefix'],
    ['a negative disclosure window', { disclosure: { windowDays: -1 } }, 'disclosure.windowDays'],
    ['a window in words', { disclosure: { windowDays: 'ninety' } }, 'disclosure.windowDays'],
    ['a typo in a key', { contcts: [] }, 'contcts'],
    ['a typo in a nested key', { scope: { summary: 'x', upstrem: 'y' } }, 'scope.upstrem'],
    ['PGP with nothing in it', { reporting: { email: 'a@b.org', pgp: {} } }, 'reporting.pgp'],
    [
      'a PGP fingerprint with letters past F',
      { reporting: { email: 'a@b.org', pgp: { fingerprint: 'XYZ0 1234 5678 9ABC' } } },
      'reporting.pgp.fingerprint',
    ],
    [
      'an alternative channel without instructions',
      { reporting: { email: 'a@b.org', alternatives: [{ audience: 'CERTs' }] } },
      'reporting.alternatives.0.instructions',
    ],
    [
      'advance notice without lead time',
      { disclosure: { advanceNotice: { recipients: 'distributors' } } },
      'disclosure.advanceNotice.leadDays',
    ],
  ])('rejects %s, naming the field', (_, overrides, field) => {
    expect(failingFields(OrganisationSchema, rawOrganisation(overrides))).toContain(field);
  });

  test.each(['name', 'site', 'description', 'scope', 'reporting', 'advisoryPrefix', 'disclosure'])(
    'requires %s',
    (field) => {
      const raw = rawOrganisation();
      delete raw[field];
      expect(failingFields(OrganisationSchema, raw)).toEqual([field]);
    },
  );
});

describe('ProjectSchema', () => {
  test('defaults to an active project with no packages', () => {
    const project = ProjectSchema.parse(rawProject());
    expect(project.status).toBe('active');
    expect(project.packages).toEqual([]);
  });

  test.each([
    ['an unknown status', { status: 'retired' }, 'status'],
    ['an archived project without a note', { status: 'archived' }, 'statusNote'],
    ['an ftp repository', { repository: 'ftp://example.org/x' }, 'repository'],
    ['a summary that is a number', { summary: 42 }, 'summary'],
    ['a package without a name', { packages: [{ ecosystem: 'npm' }] }, 'packages.0.name'],
    [
      'a supported-versions block with neither rule nor table',
      { supportedVersions: {} },
      'supportedVersions',
    ],
    [
      'a rule with no releases',
      { supportedVersions: { rule: { latestReleases: 2, releases: [] } } },
      'supportedVersions.rule.releases',
    ],
    [
      'a version row without supported',
      { supportedVersions: { versions: [{ version: '1.x' }] } },
      'supportedVersions.versions.0.supported',
    ],
    ['a related slug with capitals', { related: ['Other'] }, 'related.0'],
    ['a typo in a key', { sumary: 'x' }, 'sumary'],
  ])('rejects %s, naming the field', (_, overrides, field) => {
    expect(failingFields(ProjectSchema, rawProject(overrides))).toContain(field);
  });
});

describe('SeveritySchema', () => {
  test.each([
    ['an inverted CVSS band', { cvss: { min: 9, max: 4 } }, 'cvss.min'],
    ['a CVSS score above 10', { cvss: { min: 9, max: 11 } }, 'cvss.max'],
    ['an empty definition', { definition: '  ' }, 'definition'],
    ['an id with spaces', { id: 'very high' }, 'id'],
  ])('rejects %s', (_, overrides, field) => {
    const raw = { id: 'high', label: 'High', definition: 'Bad.', ...overrides };
    expect(failingFields(SeveritySchema, raw)).toContain(field);
  });
});

describe('TimelineSchema', () => {
  const phase = (targets: Record<string, unknown>) => ({
    phases: [{ id: 'ack', label: 'Acknowledgment', targets }],
  });

  test.each(['24 hours', '1 hour', '5 business days', '7 days', '2 weeks', '48 hours after fix'])(
    'accepts the duration "%s"',
    (target) => {
      expect(failingFields(TimelineSchema, phase({ all: target }))).toEqual([]);
    },
  );

  test.each(['24 hous', 'soon', '24hours', 'within 24 hours', '-1 days'])(
    'rejects the duration "%s"',
    (target) => {
      expect(failingFields(TimelineSchema, phase({ all: target }))).toEqual(['phases.0.targets.all']);
    },
  );

  test('accepts a commitment in words', () => {
    expect(failingFields(TimelineSchema, phase({ all: { commitment: 'Next scheduled release' } }))).toEqual(
      [],
    );
  });

  test('defaults to one group holding every severity', () => {
    expect(TimelineSchema.parse(phase({ all: '1 day' })).groups).toEqual([{ id: 'all' }]);
  });
});
