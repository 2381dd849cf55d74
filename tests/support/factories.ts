import type { Organisation } from '../../src/schemas/organisation.ts';
import { OrganisationSchema } from '../../src/schemas/organisation.ts';
import { ProjectSchema, type Project } from '../../src/schemas/project.ts';
import { SeverityScaleSchema, type Severity } from '../../src/schemas/severity.ts';
import { TimelineSchema, type Timeline } from '../../src/schemas/timeline.ts';

/** Raw organisation.yaml data that is valid; tests override one field at a time. */
export function rawOrganisation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'Example Org',
    site: 'https://security.example.org',
    description: 'How Example Org handles vulnerabilities.',
    scope: { summary: 'Every Example project.' },
    reporting: { email: 'security@example.org' },
    advisoryPrefix: 'EXAMPLE',
    disclosure: { windowDays: 90 },
    ...overrides,
  };
}

export function rawProject(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    name: 'widget',
    summary: 'A widget',
    repository: 'https://github.com/example/widget',
    ...overrides,
  };
}

export function makeOrganisation(overrides: Record<string, unknown> = {}): Organisation {
  return OrganisationSchema.parse(rawOrganisation(overrides));
}

export function makeProject(overrides: Record<string, unknown> = {}): Project {
  return ProjectSchema.parse(rawProject(overrides));
}

export function makeSeverities(raw: unknown[] = defaultSeverities): Severity[] {
  return SeverityScaleSchema.parse(raw);
}

export function makeTimeline(raw: Record<string, unknown> = defaultTimeline): Timeline {
  return TimelineSchema.parse(raw);
}

const defaultSeverities = [
  { id: 'critical', label: 'Critical', definition: 'Remote, no authentication.', examples: ['RCE'] },
  { id: 'low', label: 'Low', definition: 'Limited impact.' },
];

const defaultTimeline = {
  groups: [
    { id: 'urgent', severities: ['critical'] },
    { id: 'routine', severities: ['low'] },
  ],
  phases: [
    { id: 'ack', label: 'Acknowledgment', targets: { urgent: '24 hours', routine: '2 business days' } },
    {
      id: 'fix',
      label: 'Fix developed',
      milestone: 'the fix',
      targets: { urgent: '7 days', routine: '30 days' },
    },
    {
      id: 'release',
      label: 'Patched release',
      targets: { urgent: '48 hours after fix', routine: { commitment: 'Next scheduled release' } },
    },
  ],
};
