import { z } from 'astro/zod';
import { SlugSchema, TextSchema, ProseSchema, WebUrlSchema, NameSchema, TimestampSchema } from './common.ts';
import { DurationSchema } from './timeline.ts';

/** A package the project publishes, named as its registry names it. */
export const PackageSchema = z.strictObject({
  /** Registry, in OSV's spelling: `npm`, `PyPI`, `crates.io`, `Go`, `Maven`, `RubyGems`, `NuGet`, ... */
  ecosystem: TextSchema,
  /** Package name in that registry. */
  name: NameSchema,
});

/** One row of an explicit supported-versions table. */
export const VersionLineSchema = z.strictObject({
  /** Version line or branch, e.g. `2.x` or `main`. Quote numbers: `"2.0"`. */
  version: TextSchema,
  /** Whether it receives security fixes. */
  supported: z.boolean(),
  /** The date it stops receiving security fixes, e.g. `2027-10-31`; shown as "until" or "ended". Default: not stated. */
  endOfLife: TimestampSchema.optional(),
  /** True for a long-term-support line. Default: false. */
  lts: z.boolean().default(false),
  /** e.g. `critical fixes only`. Default: none. */
  note: ProseSchema.optional(),
});

/** A rule such as "the main branch plus the two most recent releases". */
export const SupportRuleSchema = z
  .strictObject({
    /** The rule in words. Default: written from the fields below. */
    text: ProseSchema.optional(),
    /** Branches that are always supported, e.g. `[main]`. Default: none. */
    branches: z.array(TextSchema).default([]),
    /** How many of the most recent releases are supported. Default: not counted (see period). */
    latestReleases: z.number().int().min(0).optional(),
    /** Support measured in time, e.g. `6 months after the next release` or `at least 12 months`. Default: none. */
    period: DurationSchema.optional(),
    /** How long long-term-support lines are kept, e.g. `at least 12 months`. Default: no LTS lines. */
    ltsPeriod: DurationSchema.optional(),
    /** Releases the rule applies to, newest first. Default: none listed. */
    releases: z.array(TextSchema).default([]),
  })
  .refine((rule) => rule.latestReleases !== undefined || rule.period || rule.text, {
    message: 'say what the rule supports: latestReleases, period, or the rule in text',
    path: ['latestReleases'],
  })
  .refine((rule) => rule.latestReleases === undefined || rule.releases.length > 0, {
    message: 'list the releases the rule applies to, newest first',
    path: ['releases'],
  });

/** Supported versions: a rule, an explicit table, or both. */
export const SupportedVersionsSchema = z
  .strictObject({
    /** A rule applied to a list of releases. */
    rule: SupportRuleSchema.optional(),
    /** Explicit rows. */
    versions: z.array(VersionLineSchema).optional(),
    /** Where an up-to-date table is kept, when it lives elsewhere (e.g. a release schedule page). */
    link: WebUrlSchema.optional(),
  })
  .refine((s) => s.rule ?? s.versions ?? s.link, { message: 'give a rule, a versions table or a link' });

// Front matter of content/projects/<slug>.md; the file name is the slug and the
// Markdown body holds the project's own sections (## headings).
export const ProjectSchema = z
  .strictObject({
    /** Display name, e.g. `pki-core`. */
    name: NameSchema,
    /** One line saying what it is. */
    summary: TextSchema,
    /** Source repository URL. */
    repository: WebUrlSchema,
    /** Published packages. Default: none. */
    packages: z.array(PackageSchema).default([]),
    /** `active`, `deprecated` or `archived`. Default: active. */
    status: z.enum(['active', 'deprecated', 'archived']).default('active'),
    /** Required unless active: since when, and where users should go. */
    statusNote: ProseSchema.optional(),
    /** Which versions receive security fixes. Default: not stated. */
    supportedVersions: SupportedVersionsSchema.optional(),
    /** Slugs of related projects, linked from the project page. Default: none. */
    related: z.array(SlugSchema).default([]),
    /** Position in project lists; lower first, then by name. Default: 0. */
    order: z.number().int().default(0),
  })
  .refine((p) => p.status === 'active' || p.statusNote, {
    message: 'a deprecated or archived project needs statusNote: say since when and what users should do',
    path: ['statusNote'],
  });

export type Project = z.output<typeof ProjectSchema>;
export type SupportedVersions = z.output<typeof SupportedVersionsSchema>;
