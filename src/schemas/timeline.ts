import { z } from 'astro/zod';
import { RESPONSE_STEPS } from './advisory.ts';
import { SlugSchema, TextSchema, NameSchema, ProseSchema } from './common.ts';

/**
 * A duration written as text: `24 hours`, `5 business days`, `7 calendar days`, `2 weeks`,
 * `6 months`; a range or a bound: `3 to 7 days`, `at most 7 days`, `at least 5 days`, `about 7 days`;
 * optionally relative to another phase: `48 hours after fix`, `2 days before release`.
 */
export const DURATION_PATTERN =
  /^(?:(about|at most|at least|up to) )?(\d+(?:\.\d+)?)(?: to (\d+(?:\.\d+)?))? (hours?|(?:calendar )?days?|business days?|weeks?|months?)(?: (after|before) ([a-z0-9-]+))?$/;

const DURATION_HELP =
  'write a duration such as "24 hours", "5 business days", "3 to 7 days", "at most 6 months" or "48 hours after fix"';

/** A duration as text (see DURATION_PATTERN), e.g. a lead time or a support period. */
export const DurationSchema = z.string().regex(DURATION_PATTERN, DURATION_HELP);

/** A target for one phase and one group of severities. */
export const TargetSchema = z.union(
  [
    z.string().regex(DURATION_PATTERN, `${DURATION_HELP}, or { commitment: "..." }`),
    z.strictObject({
      /** The duration, as above. */
      duration: DurationSchema,
      /** A caveat kept next to the target, e.g. `typically; may stretch over holidays`. */
      caveat: TextSchema,
    }),
    z.strictObject({
      /** A promise that is not a duration, e.g. `Next scheduled release`. */
      commitment: ProseSchema,
    }),
  ],
  { error: `${DURATION_HELP}, { duration: "...", caveat: "..." } or { commitment: "..." }` },
);

/** A set of severities that share the same targets, e.g. Critical and High. */
export const TimelineGroupSchema = z.strictObject({
  /** Identifier that phase targets are keyed by, e.g. `urgent`. */
  id: SlugSchema,
  /** Severity ids in this group. Default: every severity (use for a single group). */
  severities: z.array(SlugSchema).optional(),
  /** Column heading. Default: the severities' labels joined by " / ", or "All reports". */
  label: NameSchema.optional(),
});

/** One step of the response process, e.g. acknowledgment or patched release. */
export const TimelinePhaseSchema = z.strictObject({
  /** Identifier used by `after` in other targets, e.g. `fix`. */
  id: SlugSchema,
  /** Row heading, e.g. `Fix developed`. */
  label: NameSchema,
  /** How other phases refer to this one ("within 48 hours of the fix"). Default: the label in lower case. */
  milestone: TextSchema.optional(),
  /** What happens in this phase. Default: none. */
  description: ProseSchema.optional(),
  /**
   * The advisory date that marks this phase done, so each advisory's page can show whether the
   * target was met: `acknowledged`, `assessed`, `fixReady`, `released` or `published`. Default: not measured.
   */
  event: z.enum(RESPONSE_STEPS).optional(),
  /** Target per group id. A group without a target shows "No fixed target". */
  targets: z.record(SlugSchema, TargetSchema),
});

/** content/timeline.yaml: the response-timeline table. */
export const TimelineSchema = z.strictObject({
  /** Columns of the table. Default: one group holding every severity. */
  groups: z
    .array(TimelineGroupSchema)
    .min(1)
    .default([{ id: 'all' }]),
  /** Rows of the table, in order. Default: none, for a policy that promises no response times (no table is shown). */
  phases: z.array(TimelinePhaseSchema).default([]),
  /** When business days are counted: weekdays Monday to Friday. Said under the table. Default: true. */
  businessDaysNote: z.boolean().default(true),
  /** Time zone days and business days are counted in (IANA name, e.g. `Europe/Berlin`). Default: UTC. */
  timeZone: z.string().default('UTC'),
  /** Days that are not business days besides weekends, as dates. Default: none. */
  holidays: z
    .array(
      z.preprocess(
        (value) => (value instanceof Date ? value.toISOString().slice(0, 10) : value),
        z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date such as 2026-12-25'),
      ),
    )
    .default([]),
});

export type Timeline = z.output<typeof TimelineSchema>;
export type TimelinePhase = z.output<typeof TimelinePhaseSchema>;
export type TimelineGroup = z.output<typeof TimelineGroupSchema>;
export type Target = z.output<typeof TargetSchema>;
