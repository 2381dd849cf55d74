import { z } from 'astro/zod';
import { TextSchema, NameSchema } from './common.ts';

// Front matter of content/policy/<slug>.mdx: one page of policy prose each.
export const PolicyPageSchema = z.strictObject({
  /** Page title, e.g. `Security policy`. */
  title: NameSchema,
  /** One sentence for search results and the page head. */
  description: TextSchema,
  /** Label in the site navigation. Default: the title. */
  navLabel: NameSchema.optional(),
  /** Position in the navigation; lower first. Default: 0. */
  order: z.number().int().default(0),
});

export type PolicyPage = z.output<typeof PolicyPageSchema>;
