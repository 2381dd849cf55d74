import { z } from 'astro/zod';
import {
  ContactUrlSchema,
  DateTimeSchema,
  line,
  NameSchema,
  ProseSchema,
  SlugSchema,
  TextSchema,
  TimestampSchema,
  VersionSchema,
  VulnerabilityIdSchema,
  WebUrlSchema,
} from './common.ts';

/** OSV's range event kinds, in the order a range lists them. */
export const RangeEventSchema = z.union(
  [
    z.strictObject({ introduced: VersionSchema }),
    // OSV allows an empty fixed version, and real records carry one; it is kept as written.
    z.strictObject({ fixed: z.union([VersionSchema, z.literal('')]) }),
    z.strictObject({ last_affected: VersionSchema }),
    z.strictObject({ limit: VersionSchema }),
  ],
  { error: 'each event is one of { introduced: v }, { fixed: v }, { last_affected: v } or { limit: v }' },
);

/** An OSV range: events over one version scheme. */
export const RangeSchema = z.strictObject({
  /** `SEMVER`, `ECOSYSTEM` (the registry's own ordering) or `GIT` (commit hashes). Default: SEMVER. */
  type: z.enum(['SEMVER', 'ECOSYSTEM', 'GIT']).default('SEMVER'),
  /** Repository URL; required for GIT ranges. */
  repo: z.httpUrl().optional(),
  /** Events in version order; each affected stretch starts with `introduced` (`"0"` for "every version"). */
  events: z.array(RangeEventSchema).min(1, 'list at least an introduced event'),
});

/** What an advisory affects in one project. */
export const AffectedSchema = z.strictObject({
  /** Slug of the affected project (a file in content/projects/). */
  project: SlugSchema,
  /** Package name, one of the project's packages. Default: the project's only package, or none. */
  package: TextSchema.optional(),
  /** Version ranges; several fixed branches are several introduced/fixed pairs. */
  ranges: z.array(RangeSchema).default([]),
  /** Explicitly affected versions, in addition to the ranges. */
  versions: z.array(VersionSchema).default([]),
});

/** OSV reference types. */
export const REFERENCE_TYPES = [
  'ADVISORY',
  'ARTICLE',
  'DETECTION',
  'DISCUSSION',
  'REPORT',
  'FIX',
  'INTRODUCED',
  'GIT',
  'PACKAGE',
  'EVIDENCE',
  'WEB',
] as const;

/** OSV credit types. */
export const CREDIT_TYPES = [
  'FINDER',
  'REPORTER',
  'ANALYST',
  'COORDINATOR',
  'REMEDIATION_DEVELOPER',
  'REMEDIATION_REVIEWER',
  'REMEDIATION_VERIFIER',
  'TOOL',
  'SPONSOR',
  'OTHER',
] as const;

/** A vulnerability alias such as a CVE or GHSA id. */
export const AliasSchema = VulnerabilityIdSchema;

/**
 * When each step of the response happened, for the response-timeline page. Each is a date-time
 * with its time zone; publication is the advisory's `published`.
 */
export const ResponseFactsSchema = z.strictObject({
  /** When the report arrived. Required once any other step is given. */
  reported: DateTimeSchema.optional(),
  /** When the reporter was told it was received. */
  acknowledged: DateTimeSchema.optional(),
  /** When the severity was assessed and agreed. */
  assessed: DateTimeSchema.optional(),
  /** When the fix was ready (merged, or ready to release). */
  fixReady: DateTimeSchema.optional(),
  /** When the fixed release was out. */
  released: DateTimeSchema.optional(),
});

/** The response steps in the order they happen, as `timeline.yaml` phases name them in `event`. */
export const RESPONSE_STEPS = ['acknowledged', 'assessed', 'fixReady', 'released', 'published'] as const;
export type ResponseStep = (typeof RESPONSE_STEPS)[number];

// Front matter of content/advisories/<id>.md (any sub-folder); the body holds the details in Markdown.
export const AdvisorySchema = z.strictObject({
  /** `<advisoryPrefix>-<year>-<sequence>`, e.g. `LANTERN-2026-0001`; the file is named after it. */
  id: z.string().regex(/^[A-Z][A-Z0-9]*-\d{4}-\d{4,}$/, 'must look like PREFIX-2026-0001'),
  /** One line saying what is wrong. Default: none; the page is then titled by what it affects (imported records often have none). */
  summary: line(300).optional(),
  /** Other ids of the same vulnerability: CVE-..., GHSA-.... Default: none. */
  aliases: z.array(AliasSchema).default([]),
  /** Ids of related but different vulnerabilities. Default: none. */
  related: z.array(VulnerabilityIdSchema).default([]),
  /** When it was published. */
  published: TimestampSchema,
  /** When it last changed in substance. Default: `published`. */
  modified: TimestampSchema.optional(),
  /** When it was withdrawn; it then stays at its URL with a banner. Requires `withdrawnReason`. */
  withdrawn: TimestampSchema.optional(),
  /** Why it was withdrawn. */
  withdrawnReason: ProseSchema.optional(),
  /** One of the policy's severity ids (content/severities.yaml); `TODO` while a draft is being written. Default: not rated (imported records often are not). */
  severity: z
    .union([SlugSchema, z.literal('TODO')], {
      error: 'must be a severity id such as high (lower case)',
    })
    .optional(),
  /** Why the severity differs from the one its CVSS score falls in. Default: none. */
  severityJustification: ProseSchema.optional(),
  /** CVSS vectors, one per version: 4.0, 3.1, 3.0 or 2.0, e.g. `CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H`. Default: none. */
  cvss: z.array(z.string()).default([]),
  /** CWE ids, e.g. `CWE-79`. Default: none. */
  cwes: z.array(z.string().regex(/^CWE-\d+$/, 'must look like CWE-79')).default([]),
  /** What it affects, per project. */
  affected: z.array(AffectedSchema).min(1, 'name at least one affected project'),
  /** Links, each with an OSV type. Only https. */
  references: z
    .array(
      z.strictObject({
        /** One of ADVISORY, ARTICLE, DETECTION, DISCUSSION, REPORT, FIX, INTRODUCED, GIT, PACKAGE, EVIDENCE, WEB. */
        type: z.enum(REFERENCE_TYPES),
        /** An https URL; http is kept for imported records, with a warning from the importer. */
        url: z
          .url({ protocol: /^https?$/, hostname: z.regexes.domain })
          .max(2000, 'must be at most 2,000 characters')
          .refine((url) => WebUrlSchema.safeParse(url).success, 'must not contain spaces or line breaks'),
      }),
    )
    .default([]),
  /** People and organisations to thank. */
  credits: z
    .array(
      z.strictObject({
        /** Name as it should be shown. */
        name: NameSchema,
        /** One of FINDER, REPORTER, ANALYST, COORDINATOR, REMEDIATION_DEVELOPER, REMEDIATION_REVIEWER, REMEDIATION_VERIFIER, TOOL, SPONSOR, OTHER. Default: OTHER. */
        type: z.enum(CREDIT_TYPES).default('OTHER'),
        /** How to reach them: URLs or mailto: addresses. Default: none. */
        contact: z.array(ContactUrlSchema).default([]),
      }),
    )
    .default([]),
  /** "Am I vulnerable?": the features, extensions or configuration that make a system vulnerable in practice (Markdown). Default: none. */
  vulnerableWhen: ProseSchema.optional(),
  /** What users can do before they can upgrade (Markdown). Default: none. */
  mitigation: ProseSchema.optional(),
  /** How to upgrade (Markdown). Default: "Upgrade <package> to <fixed version>" with the registry's command. */
  upgrade: ProseSchema.optional(),
  /** When each step of the response happened (reported, acknowledged, assessed, fixReady, released). Default: none recorded. */
  timeline: ResponseFactsSchema.optional(),
  /** Where an imported advisory came from, written by `disclose import osv`. Default: none. */
  imported: z
    .strictObject({
      /** The record's id in the database it came from, e.g. `GHSA-...` or `GO-2024-0001`. */
      from: VulnerabilityIdSchema,
      /** The record's `modified` exactly as the source wrote it; a later import with `--update` replaces the advisory only when the source's is newer. */
      modified: z.string().max(40),
      /** The record's OSV fields Disclose has no field for (`database_specific`, `ecosystem_specific`, exact timestamps, ...), published back in `/osv/` as they came. */
      osv: z.record(z.string(), z.unknown()).default({}),
    })
    .optional(),
  /** Work in progress: shown by `npm run dev` only. Default: false. */
  draft: z.boolean().default(false),
  /** Not public before this date-time, which must carry its time zone (`2026-03-01T14:00:00Z`): shown by `npm run dev` only until then. Default: none. */
  embargo: DateTimeSchema.optional(),
});
// Rules across fields (withdrawn needs a reason, date order, ...) are in lib/content/check-advisories.ts,
// so that a file breaking one of them still gets every other check in the same run.

export type Advisory = z.output<typeof AdvisorySchema>;
export type AffectedEntry = z.output<typeof AffectedSchema>;
export type Range = z.output<typeof RangeSchema>;
export type RangeEvent = z.output<typeof RangeEventSchema>;
