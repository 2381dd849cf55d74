// Collections are the objects Astro's defineCollection returns for a loader (it sets their type
// and does nothing else for collections that are not live), written out here: importing it from
// astro/content/config has Vite load it and Astro's errors, 8 modules, one by one in every build.
// tests/unit/content-store.test.ts checks that they are what defineCollection makes of them.
import type { defineCollection } from 'astro/content/config';
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

/** A collection read by a loader, as defineCollection makes it. */
function collection<S extends z.ZodType>(config: { loader: Loader; schema: S }) {
  return { type: 'content_layer', ...config } as const satisfies ReturnType<typeof defineCollection>;
}

export const collections = {
  // content/organisation.yaml: who publishes the policy; read by every page.
  organisation: collection({
    loader: singleton('organisation.yaml', 'organisation'),
    schema: OrganisationSchema,
  }),
  // content/severities.yaml: the ordered severity scale, wrapped so its order survives.
  severities: collection({
    loader: singleton('severities.yaml', 'scale', (levels) => ({ levels: levels ?? [] })),
    schema: z.object({ levels: SeverityScaleSchema }),
  }),
  // content/timeline.yaml: the response-timeline table.
  timeline: collection({ loader: singleton('timeline.yaml', 'timeline'), schema: TimelineSchema }),
  // One .md per project under content/projects/; id = file name; the body holds its own sections.
  projects: collection({
    loader: markdownLoader({ name: 'disclose-projects', folders, collection: 'projects' }),
    schema: ProjectSchema,
  }),
  // One .md or .mdx per policy page under content/policy/; MDX may use the policy components.
  // One .md per advisory under advisories/ of the content folder or the private one (sub-folders allowed); id = file name = front-matter id.
  advisories: collection({ loader: advisoriesLoader(), schema: AdvisorySchema }),
  policy: collection({ loader: policyLoader(folders), schema: PolicyPageSchema }),
};
