/**
 * Components that policy prose (content/policy/*.mdx) may use without importing them.
 * Each renders a fact from the typed content, so no number is written twice.
 * The Astro side maps every name here to a component; the checker rejects any other name.
 */
export const POLICY_COMPONENTS = {
  OrganisationName: 'the organisation name',
  Scope: 'what the policy covers, with the list of projects; one part: <Scope part="outOfScope" />',
  HowToReport:
    'the reporting channels, keys, alternatives, reporter conduct and escalation; one channel: <HowToReport channel="email" />, one part: <HowToReport part="keys" />',
  ReportContents: 'the list of what a report should contain',
  SecurityEmail: 'the security e-mail address as a link',
  SeverityTable: 'the severity table',
  TimelineTable: 'the response-timeline table',
  PhaseTarget: 'one target, e.g. <PhaseTarget phase="acknowledgment" group="urgent" />',
  DisclosureWindow: 'the disclosure window and the disclosure rules per severity or class of issue',
  AdvanceNotice:
    'the advance notices with their lists\' rules; one: <AdvanceNotice audience="linux-distros" />',
  Announcements: 'where and how fixes are announced',
  CvePolicy: 'the CVE and CVSS stance',
  BugBounty: 'the bug-bounty programme, or that there is none',
  Team: 'the security team: about, duties, membership, members and their keys; one part: <Team part="members" />',
  PageLink:
    'a link to another page of the site without its base path: <PageLink to="/advisories/">advisories</PageLink>',
  Roles: 'the list of roles',
  SupportedVersions: 'supported versions of every project, or of one: <SupportedVersions project="slug" />',
  ProjectList: 'the list of projects with their status',
  Contacts: 'the other contact addresses',
} as const;

export type PolicyComponentName = keyof typeof POLICY_COMPONENTS;

/** The parts a component can show alone, by its `part` attribute. */
export const COMPONENT_PARTS = {
  Scope: ['summary', 'projects', 'inScope', 'threatModel', 'upstream', 'outOfScope'],
  HowToReport: ['channels', 'keys', 'alternatives', 'conduct', 'escalation'],
  Team: ['about', 'duties', 'membership', 'members'],
} as const satisfies Partial<Record<PolicyComponentName, readonly string[]>>;

export type ScopePart = (typeof COMPONENT_PARTS.Scope)[number];
export type ReportPart = (typeof COMPONENT_PARTS.HowToReport)[number];
export type TeamPart = (typeof COMPONENT_PARTS.Team)[number];
