import { z } from 'astro/zod';

/** A lower-case identifier used in URLs and references, e.g. `pki-core`. */
export const SlugSchema = z
  .string()
  .regex(
    /^[a-z0-9]+(?:-[a-z0-9]+)*$/,
    'must be lower-case letters, digits and single hyphens, e.g. "pki-core"',
  );

/** URLs are parsed leniently (a line break inside is dropped); the text as written must have none. */
const NO_SPACES = /^[^\s\u0000-\u001f\u007f-\u009f]+$/;

/** An absolute http(s) URL, at most 2,000 characters. */
export const WebUrlSchema = z
  .httpUrl()
  .max(2000, 'must be at most 2,000 characters')
  .refine(
    (url) => !URL.canParse(url) || NO_SPACES.test(url),
    'must not contain spaces, line breaks or control characters; encode them (%20)',
  );

/** An e-mail address such as `security@example.org`. */
export const EmailSchema = z.email();

/** Bidirectional overrides and isolates (U+202A–U+202E, U+2066–U+2069): they make text read differently from how it is stored. */
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
/** Control characters other than tab, line feed and carriage return. */
const CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
const NO_BIDI =
  'must not contain bidirectional override characters (U+202A–U+202E, U+2066–U+2069); retype the text';

/**
 * One line of text, such as a name, a title or a summary: no line breaks, no control characters,
 * no bidirectional overrides, at most `max` characters. It may end up in an HTTP-style line
 * (security.txt), a page title and a feed entry, where a line break would start a new field.
 */
export function line(max = 500) {
  return z
    .string()
    .trim()
    .min(1, 'must not be empty')
    .max(max, `must be at most ${max} characters; shorten it`)
    .refine(
      (text) => !/[\r\n\u2028\u2029]/.test(text),
      'must be one line; remove the line breaks (or fold it with > in YAML)',
    )
    .refine(
      (text) => !CONTROLS.test(text) && !text.includes('\t'),
      'must not contain control characters such as tabs; retype the text',
    )
    .refine((text) => !BIDI_CONTROLS.test(text), NO_BIDI);
}

/** One line of text that must not be empty, at most 500 characters. */
export const TextSchema = line();

/** A name or label: one line of at most 200 characters. */
export const NameSchema = line(200);

/** Text of one or more paragraphs (Markdown where documented): at most 20,000 characters, no control characters. */
export const ProseSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(20_000, 'must be at most 20,000 characters; shorten it, or move the detail to the Markdown body')
  .refine((text) => !CONTROLS.test(text), 'must not contain control characters; retype the text')
  .refine((text) => !BIDI_CONTROLS.test(text), NO_BIDI);

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
  // Date.UTC reads years 0 to 99 as 1900 to 1999; OSV's zero time is year 1, so set the year apart.
  const date = new Date(Date.UTC(2000, (month ?? 1) - 1, day ?? 1));
  date.setUTCFullYear(year ?? 0);
  return (
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === (month ?? 1) - 1 &&
    date.getUTCDate() === day &&
    (hour ?? 0) <= 23 &&
    (minute ?? 0) <= 59 &&
    (second ?? 0) <= 59
  );
}

/**
 * A vulnerability id as OSV databases write them: `CVE-2026-12345`, `GHSA-xxxx-xxxx-xxxx`,
 * `PYSEC-2021-1`, `openSUSE-SU-2024:1234-1`. Letters, digits and `. _ : , -` only, so an id can
 * never be a URL or a path (`javascript:`, `../../etc/passwd`).
 */
export const VulnerabilityIdSchema = z
  .string()
  .max(100, 'must be at most 100 characters')
  .regex(
    /^[A-Za-z][A-Za-z0-9_]*(?:-[A-Za-z0-9][A-Za-z0-9._:,]*)+$/,
    'must be an id such as CVE-2026-12345 or GHSA-xxxx-xxxx-xxxx (letters, digits, hyphens)',
  );

/**
 * A package version or commit as a range event or version list holds it: letters, digits and
 * `. + ~ : _ - !` (SemVer, PEP 440, Debian, Go pseudo-versions, git hashes). Nothing a shell or a
 * URL would read as syntax.
 */
export const VersionSchema = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters')
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9.+~:_!-]*$/,
    'must be a version such as 1.2.4 (letters, digits and . + ~ : _ - ! only; no spaces or shell characters)',
  );

/** How to reach someone: an http(s) URL or a mailto: address. */
export const ContactUrlSchema = z
  .url({ protocol: /^(?:https?|mailto)$/, error: 'must be an https:// URL or a mailto: address' })
  .max(2000, 'must be at most 2,000 characters')
  .refine(
    (url) => !URL.canParse(url) || NO_SPACES.test(url),
    'must not contain spaces, line breaks or control characters; encode them (%20)',
  );
