import { z } from 'astro/zod';
import { ROUTE_NAMES } from './routes.ts';

/**
 * The options of `disclose()` in astro.config.mjs. Environment variables override the folders,
 * for CI: `DISCLOSE_CONTENT`, `DISCLOSE_PRIVATE_CONTENT` and `DISCLOSE_OUT`.
 */
const COLOUR = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour such as #0b5fff');

export const DiscloseOptionsSchema = z.strictObject({
  /** The accent colour of links and highlights on the light background; checked for WCAG AA contrast. Default: Disclose's blue. */
  accent: COLOUR.optional(),
  /** The accent colour on the dark background (dark mode). Default: Disclose's light blue. */
  accentDark: COLOUR.optional(),
  /** The organisation's logo, a file in the site's public/ folder (e.g. `public/logo.svg`), shown in the header. Default: none. */
  logo: z.string().min(1).optional(),
  /** The content folder, relative to the project. Default: `content`. */
  content: z.string().min(1).default('content'),
  /** A folder of advisories from a private repository, merged into the build (drafts, embargoes). Default: none. */
  privateContent: z.string().min(1).optional(),
  /**
   * Pages to replace with a file of your own (`transparency: './src/pages-disclose/transparency.astro'`),
   * or, for `search`, `transparency` and `acknowledgments`, to leave out (`false`). Default: all of Disclose's.
   */
  pages: z.partialRecord(z.enum(ROUTE_NAMES), z.union([z.literal(false), z.string().min(1)])).default({}),
  /**
   * Components and layouts to replace by name with a file of your own, e.g.
   * `{ SeverityBadge: './src/components/MyBadge.astro' }`. The replacement receives the same props,
   * and may import the original as `astro-disclose/components/SeverityBadge.astro`. Default: none.
   */
  components: z
    .record(
      z.string().regex(/^[A-Z][A-Za-z0-9]*$/, 'must be a component name such as SeverityBadge'),
      z.string().min(1),
    )
    .default({}),
});

export type DiscloseUserOptions = z.input<typeof DiscloseOptionsSchema>;
export type DiscloseOptions = z.output<typeof DiscloseOptionsSchema>;
