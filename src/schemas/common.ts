import { z } from 'astro/zod';

/** A lower-case identifier used in URLs and references, e.g. `pki-core`. */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lower-case letters, digits and single hyphens, e.g. "pki-core"',
  );

/** An absolute http(s) URL. */
export const WebUrlSchema = z.httpUrl();

/** An e-mail address such as `security@example.org`. */
export const EmailSchema = z.email();

/** Text that must not be empty. */
export const TextSchema = z.string().trim().min(1, 'must not be empty');

/** A date-time with an explicit time zone, for facts measured in hours: `2026-03-01T14:00:00+01:00`. */
export const DateTimeSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/,
      'must be a date-time with a time zone, e.g. 2026-03-01T14:00:00Z or 2026-03-01T15:00:00+01:00',
    )
    .refine((text) => !Number.isNaN(Date.parse(text)), 'is not a real date-time')
    .transform((text) => new Date(text)),
);

/** A date or date-time in YAML; a date alone means midnight UTC. Time zones must be explicit. */
export const TimestampSchema = z.preprocess(
  (value) => (value instanceof Date ? value.toISOString() : value),
  z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2}))?$/,
      'must be a date (2026-03-01) or a date-time with a time zone (2026-03-01T14:00:00Z)',
    )
    .refine((text) => !Number.isNaN(Date.parse(text)), 'is not a real date')
    .transform((text) => new Date(text)),
);
