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
    .refine(isRealDate, 'is not a real date-time (check the day of the month and the hours)')
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
    .refine(isRealDate, 'is not a real date (check the day of the month)')
    .transform((text) => new Date(text)),
);

/** Whether a date (and time) as written exists: no 30 February, no 25:00, no minute 60. */
export function isRealDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(text);
  if (!match || Number.isNaN(Date.parse(text))) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1));
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month ?? 1) - 1 &&
    date.getUTCDate() === day &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59
  );
}
