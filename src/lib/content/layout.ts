/** The content folder's layout: every file Disclose reads, and who reads it. */
export const CONTENT_LAYOUT = {
  organisation: 'organisation.yaml',
  severities: 'severities.yaml',
  timeline: 'timeline.yaml',
  projects: 'projects',
  policy: 'policy',
  advisories: 'advisories',
} as const;
