/**
 * Components that policy prose (content/policy/*.mdx) may use without importing them.
 * Each renders a fact from the typed content, so no number is written twice.
 * The Astro side maps every name here to a component; the checker rejects any other name.
 */
export const POLICY_COMPONENTS = {
  OrganisationName: 'the organisation name',
  Scope: 'what the policy covers, with the list of projects',
  HowToReport: 'the reporting channels, PGP and alternatives',
  ReportContents: 'the list of what a report should contain',
  SecurityEmail: 'the security e-mail address as a link',
  SeverityTable: 'the severity table',
  TimelineTable: 'the response-timeline table',
  PhaseTarget: 'one target, e.g. <PhaseTarget phase="acknowledgment" group="urgent" />',
  DisclosureWindow: 'the disclosure window, e.g. "90 days"',
  AdvanceNotice: 'the advance-notice rule for distributors',
  Roles: 'the list of roles',
  SupportedVersions: 'supported versions of every project, or of one: <SupportedVersions project="slug" />',
  ProjectList: 'the list of projects with their status',
  Contacts: 'the other contact addresses',
} as const;

export type PolicyComponentName = keyof typeof POLICY_COMPONENTS;
