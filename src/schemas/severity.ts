import { z } from 'astro/zod';
import { NameSchema, ProseSchema, SlugSchema } from './common.ts';

/** A CVSS base-score band, inclusive at both ends. */
export const CvssBandSchema = z
  .strictObject({
    /** Lowest base score in the band, 0.0 to 10.0. */
    min: z.number().min(0).max(10),
    /** Highest base score in the band, 0.0 to 10.0. */
    max: z.number().min(0).max(10),
  })
  .refine((band) => band.min <= band.max, {
    message: 'min must not be greater than max',
    path: ['min'],
  });

// One entry of content/severities.yaml; the file lists them from most to least severe.
export const SeveritySchema = z.strictObject({
  /** Identifier that timeline groups and advisories refer to, e.g. `critical`. */
  id: SlugSchema,
  /** Name shown to readers, e.g. `Critical`. */
  label: NameSchema,
  /** What makes an issue this severe. */
  definition: ProseSchema,
  /** Typical issues of this severity. Default: none. */
  examples: z.array(ProseSchema).default([]),
  /** The CVSS base-score band this severity corresponds to. Default: no band. */
  cvss: CvssBandSchema.optional(),
  /** Other words imported records use for this severity, e.g. `[MODERATE]` for medium (GitHub's word); matched ignoring case. Default: none. */
  matches: z.array(NameSchema).default([]),
});

/** content/severities.yaml: every severity, most severe first. May be empty. */
export const SeverityScaleSchema = z.array(SeveritySchema);

export type Severity = z.output<typeof SeveritySchema>;
