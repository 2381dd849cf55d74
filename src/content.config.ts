// From astro/content/config rather than astro:content, whose runtime (some 60 modules, loaded
// by Vite one by one for this file in every build, about 0.3 s) the collections do not need:
// its defineCollection only adds a check for live collections, which these are not.
import { defineCollection } from 'astro/content/config';
import config from 'virtual:disclose/config';
import { z } from 'astro/zod';
import type { Loader } from 'astro/loaders';
import { join } from 'node:path';
import { cachedPages, readCachedPages } from './lib/cached-pages.ts';
import { markdownLoader, policyLoader, yamlLoader } from './lib/content/astro-loaders.ts';
import { buildTime, isPublic, showsUnpublished } from './lib/publication.ts';
import { paths } from './lib/urls.ts';
import { AdvisorySchema, type Advisory } from './schemas/advisory.ts';
import { OrganisationSchema } from './schemas/organisation.ts';
import { PolicyPageSchema } from './schemas/policy.ts';
import { ProjectSchema } from './schemas/project.ts';
import { SeverityScaleSchema } from './schemas/severity.ts';
import { TimelineSchema } from './schemas/timeline.ts';

// Collections read the content folder the integration was given (content/ by default) with the
// same schemas the checker uses; the integration has already validated it and checked references.
const folders = { content: config.content, private: config.privateContent };
const dir = folders.content;

/** A YAML file holding one document, stored as a single entry with the given id. */
function singleton(name: string, id: string, wrap: (data: unknown) => unknown = (data) => data ?? {}) {
  return yamlLoader(join(dir, name), id, wrap);
}

/**
 * Advisories from the content folder and the private one, minus drafts and embargoed ones unless
 * this is the dev server. They never enter the store, so nothing of them can reach the build output.
 */
function advisoriesLoader(): Loader {
  return markdownLoader({
    name: 'disclose-advisories',
    folders,
    collection: 'advisories',
    // Pages render the stored HTML; the raw Markdown would only cost memory at 20,000 advisories.
    retainBody: false,
    // Documented as Markdown, so rendered (and sanitised) like the body.
    markdownFields: ['vulnerableWhen', 'mitigation', 'upgrade'],
    // Under the page's own h2 sections: a record's "# Impact" becomes an h3, and a leading
    // "Details" heading, which the page already has, goes.
    headings: { topLevel: 3, repeats: 'Details' },
    keep: (data) => showsUnpublished() || isPublic(data as Advisory, buildTime()),
    leaveOut: () => {
      if (!readCachedPages().leftOut) return undefined;
      const pages = cachedPages();
      return (id) => pages.has(paths.advisory(id));
    },
  });
}

export const collections = {
  // content/organisation.yaml: who publishes the policy; read by every page.
  organisation: defineCollection({
    loader: singleton('organisation.yaml', 'organisation'),
    schema: OrganisationSchema,
  }),
  // content/severities.yaml: the ordered severity scale, wrapped so its order survives.
  severities: defineCollection({
    loader: singleton('severities.yaml', 'scale', (levels) => ({ levels: levels ?? [] })),
    schema: z.object({ levels: SeverityScaleSchema }),
  }),
  // content/timeline.yaml: the response-timeline table.
  timeline: defineCollection({ loader: singleton('timeline.yaml', 'timeline'), schema: TimelineSchema }),
  // One .md per project under content/projects/; id = file name; the body holds its own sections.
  projects: defineCollection({
    loader: markdownLoader({ name: 'disclose-projects', folders, collection: 'projects' }),
    schema: ProjectSchema,
  }),
  // One .md or .mdx per policy page under content/policy/; MDX may use the policy components.
  // One .md per advisory under advisories/ of the content folder or the private one (sub-folders allowed); id = file name = front-matter id.
  advisories: defineCollection({ loader: advisoriesLoader(), schema: AdvisorySchema }),
  policy: defineCollection({ loader: policyLoader(folders), schema: PolicyPageSchema }),
};
