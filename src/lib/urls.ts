/** Every URL Disclose publishes, in one place, so pages, SECURITY.md and feeds agree. */
export const paths = {
  home: () => '/',
  policy: (slug: string) => `/policy/${slug}/`,
  projects: () => '/projects/',
  project: (slug: string) => `/projects/${slug}/`,
  securityMd: (slug: string) => `/projects/${slug}/SECURITY.md`,
  manifest: () => '/disclose-manifest.json',
  advisories: () => '/advisories/',
  advisory: (id: string) => `/advisories/${id}/`,
  advisoriesByYear: (year: number) => `/advisories/year/${year}/`,
  advisoriesBySeverity: (id: string) => `/advisories/severity/${id}/`,
  advisoriesByProject: (slug: string) => `/projects/${slug}/advisories/`,
  acknowledgments: () => '/acknowledgments/',
  search: () => '/search/',
  transparency: () => '/transparency/',
  announcement: (id: string) => `/advisories/${id}/announcement.md`,
  advisoriesAtom: () => '/advisories/feed.xml',
  advisoriesJsonFeed: () => '/advisories/feed.json',
  projectAtom: (slug: string) => `/projects/${slug}/advisories/feed.xml`,
  projectJsonFeed: (slug: string) => `/projects/${slug}/advisories/feed.json`,
  /** An OSV record, named by its OSV id (see osvId). */
  osv: (osvId: string) => `/osv/${osvId}.json`,
  osvIndex: () => '/osv/all.json',
  /** The ids (own, OSV and aliases) starting with a shard's prefix, for id-shaped searches. */
  searchIds: (shard: string) => `/search/ids/${shard.replace(/[^A-Z0-9_-]/g, '_')}.json`,
  searchIdShards: () => '/search/ids.json',
  securityTxt: () => '/.well-known/security.txt',
  csafProviderMetadata: () => '/.well-known/csaf/provider-metadata.json',
  /** CSAF's TLP:WHITE folder; documents sit in one folder per year, named as CSAF section 5.1 says. */
  csafFolder: () => '/.well-known/csaf/white/',
  csaf: (id: string, year: number) =>
    `/.well-known/csaf/white/${year}/${id.toLowerCase().replace(/[^+\-a-z0-9]+/g, '_')}.json`,
};

/** An absolute URL on the published site; the site URL may have a path (GitHub Pages project sites). */
export function absolute(site: string, path: string): string {
  return new URL(path.replace(/^\//, ''), site.endsWith('/') ? site : `${site}/`).href;
}

/** The path part of the site URL, used as Astro's `base`: `/security` for `https://example.github.io/security`. */
export function basePath(site: string): string {
  return new URL(site).pathname.replace(/\/+$/, '') || '/';
}

/** A link within the site, under the base path Astro was built with. */
export function href(path: string): string {
  return `${import.meta.env.BASE_URL.replace(/\/+$/, '')}${path}`;
}

/** Where a contact (an e-mail address or a URL, as alternative channels allow) links to. */
export function contactHref(contact: string): string {
  return contact.includes('@') && !contact.includes('://') ? `mailto:${contact}` : contact;
}

/** GitHub's private vulnerability reporting form for a repository. */
export function githubReportUrl(repository: string): string {
  return `${repository.replace(/\/+$/, '').replace(/\.git$/, '')}/security/advisories/new`;
}
