import { z } from 'astro/zod';
import { SlugSchema, TextSchema, ProseSchema, WebUrlSchema, NameSchema } from './common.ts';

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
  /** e.g. `until 2027-06-30` or `critical fixes only`. Default: none. */
  note: ProseSchema.optional(),
});

/** A rule such as "the main branch plus the two most recent releases". */
export const SupportRuleSchema = z.strictObject({
  /** The rule in words. Default: written from the fields below. */
  text: ProseSchema.optional(),
  /** Branches that are always supported, e.g. `[main]`. Default: none. */
  branches: z.array(TextSchema).default([]),
  /** How many of the most recent releases are supported. */
  latestReleases: z.number().int().min(0),
  /** Releases the rule applies to, newest first. */
  releases: z.array(TextSchema).min(1, 'list the releases the rule applies to, newest first'),
});

/** Supported versions: a rule, an explicit table, or both. */
export const SupportedVersionsSchema = z
  .strictObject({
    /** A rule applied to a list of releases. */
    rule: SupportRuleSchema.optional(),
    /** Explicit rows. */
    versions: z.array(VersionLineSchema).optional(),
  })
  .refine((s) => s.rule ?? s.versions, { message: 'give a rule, a versions table, or both' });

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
