/**
 * Every page Disclose injects: its name (what `pages` in the integration's options refers to),
 * its pattern and its entrypoint in this package. Pages that other pages link to cannot be left
 * out, only replaced; the optional ones can be turned off with `false`.
 */
export const ROUTES = {
  home: { pattern: '/', entrypoint: 'index.astro', optional: false },
  notFound: { pattern: '/404', entrypoint: '404.astro', optional: false },
  policy: { pattern: '/policy/[slug]', entrypoint: 'policy/[slug].astro', optional: false },
  projects: { pattern: '/projects', entrypoint: 'projects/index.astro', optional: false },
  project: { pattern: '/projects/[slug]', entrypoint: 'projects/[slug]/index.astro', optional: false },
  securityMd: {
    pattern: '/projects/[slug]/SECURITY.md',
    entrypoint: 'projects/[slug]/SECURITY.md.ts',
    optional: false,
  },
  projectAdvisories: {
    pattern: '/projects/[slug]/advisories/[...page]',
    entrypoint: 'projects/[slug]/advisories/[...page].astro',
    optional: false,
  },
  advisories: { pattern: '/advisories/[...page]', entrypoint: 'advisories/[...page].astro', optional: false },
  advisory: { pattern: '/advisories/[id]', entrypoint: 'advisories/[id]/index.astro', optional: false },
  advisoriesBySeverity: {
    pattern: '/advisories/severity/[severity]/[...page]',
    entrypoint: 'advisories/severity/[severity]/[...page].astro',
    optional: false,
  },
  advisoriesByYear: {
    pattern: '/advisories/year/[year]/[...page]',
    entrypoint: 'advisories/year/[year]/[...page].astro',
    optional: false,
  },
  search: { pattern: '/search', entrypoint: 'search.astro', optional: true },
  transparency: { pattern: '/transparency', entrypoint: 'transparency.astro', optional: true },
  acknowledgments: { pattern: '/acknowledgments', entrypoint: 'acknowledgments.astro', optional: true },
} as const satisfies Record<string, { pattern: string; entrypoint: string; optional: boolean }>;

export type RouteName = keyof typeof ROUTES;
export const ROUTE_NAMES = Object.keys(ROUTES) as [RouteName, ...RouteName[]];
