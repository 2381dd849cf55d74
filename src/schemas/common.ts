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
