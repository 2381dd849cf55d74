import { advisoryTitle, affectedProjects } from '../advisory-view.ts';
import { groupBy } from '../listing.ts';
import type { Advisory } from '../../schemas/advisory.ts';
import { scoreCvss } from '../cvss.ts';
import { describeAffected } from '../version-ranges.ts';
import { absolute, paths } from '../urls.ts';
import { rfc3339, type OutputContext } from './context.ts';
import type { AdvisoryOutline } from './outline.ts';

/** How many entries a feed carries: the most recently published or updated advisories. */
export const FEED_SIZE = 50;

/**
 * One feed: the whole site's advisories, or one project's. Worked out from their outlines (see
 * AdvisoryOutline), it is rendered from the advisories in full.
 */
export interface FeedSpec<A extends AdvisoryOutline = Advisory> {
  title: string;
  /** The HTML page the feed belongs to. */
  pagePath: string;
  atomPath: string;
  jsonPath: string;
  /** Advisories in the feed, any order. */
  advisories: readonly A[];
}

/** A feed's newest entries first: by modified, then published, then id. */
export function feedEntries<A extends Pick<AdvisoryOutline, 'id' | 'published' | 'modified'>>(
  advisories: readonly A[],
): A[] {
  const modified = (a: A) => (a.modified ?? a.published).getTime();
  return [...advisories]
    .sort(
      (a, b) =>
        modified(b) - modified(a) || b.published.getTime() - a.published.getTime() || (a.id < b.id ? 1 : -1),
    )
    .slice(0, FEED_SIZE);
}

/** A project's feed links, as pages advertise them. */
export function projectFeed(slug: string, projectName: string, organisationName: string) {
  return {
    title: `${projectName} security advisories (${organisationName})`,
    atom: paths.projectAtom(slug),
    json: paths.projectJsonFeed(slug),
  };
}

/** The site-wide feed links. */
export function siteFeed(organisationName: string) {
  return {
    title: `${organisationName} security advisories`,
    atom: paths.advisoriesAtom(),
    json: paths.advisoriesJsonFeed(),
  };
}

/** The site-wide feed and one per project. */
export function feedSpecs<A extends AdvisoryOutline>(
  context: OutputContext,
  advisories: readonly A[],
): FeedSpec<A>[] {
  const name = context.organisation.name;
  const spec = (
    links: { title: string; atom: string; json: string },
    pagePath: string,
    list: readonly A[],
  ) => ({
    title: links.title,
    pagePath,
    atomPath: links.atom,
    jsonPath: links.json,
    advisories: list,
  });
  // Each project's advisories in one pass, in the order given (200 projects by 20,000 advisories is
  // four million comparisons otherwise).
  const byProject = groupBy(advisories, affectedProjects);
  return [
    spec(siteFeed(name), paths.advisories(), advisories),
    ...[...context.projects].map(([slug, project]) =>
      spec(projectFeed(slug, project.name, name), paths.advisoriesByProject(slug), byProject.get(slug) ?? []),
    ),
  ];
}

/** The feed's `updated`: its newest entry's modified time; for an empty feed, the site's newest. */
function feedUpdated(entries: readonly Advisory[], fallback: Date): string {
  const first = entries[0];
  return rfc3339(first ? (first.modified ?? first.published) : fallback);
}

/** A short HTML body for an entry: severity, scores, what is affected and a link to the page. */
function entryHtml(advisory: Advisory, context: OutputContext, page: string): string {
  const severity = context.severities.find((s) => s.id === advisory.severity)?.label ?? advisory.severity;
  const scores = advisory.cvss.map(scoreCvss).map((s) => `CVSS ${s.version} ${s.score.toFixed(1)}`);
  const affected = advisory.affected.map(
    (entry) =>
      `<li>${escapeXml(context.projects.get(entry.project)?.name ?? entry.project)}: ${escapeXml(describeAffected(entry))}</li>`,
  );
  return [
    ...(advisory.withdrawn
      ? [`<p><strong>Withdrawn:</strong> ${escapeXml(advisory.withdrawnReason ?? '')}</p>`]
      : []),
    `<p>${escapeXml(advisoryTitle(advisory))}</p>`,
    `<p><strong>Severity:</strong> ${escapeXml([severity, ...scores].join(', '))}</p>`,
    `<ul>${affected.join('')}</ul>`,
    `<p><a href="${escapeXml(page)}">Read ${escapeXml(advisory.id)}</a></p>`,
  ].join('');
}

/** An Atom 1.0 feed (RFC 4287). */
export function renderAtom(spec: FeedSpec, context: OutputContext, fallbackUpdated: Date): string {
  const site = context.organisation.site;
  const entries = feedEntries(spec.advisories);
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom">',
    `  <id>${escapeXml(absolute(site, spec.atomPath))}</id>`,
    `  <title>${escapeXml(spec.title)}</title>`,
    `  <subtitle>${escapeXml(context.organisation.description)}</subtitle>`,
    `  <updated>${feedUpdated(entries, fallbackUpdated)}</updated>`,
    `  <link rel="self" type="application/atom+xml" href="${escapeXml(absolute(site, spec.atomPath))}"/>`,
    `  <link rel="alternate" type="text/html" href="${escapeXml(absolute(site, spec.pagePath))}"/>`,
    `  <author><name>${escapeXml(context.organisation.name)}</name></author>`,
    '  <generator>Disclose</generator>',
    ...entries.flatMap((advisory) => {
      const page = absolute(site, paths.advisory(advisory.id));
      return [
        '  <entry>',
        `    <id>${escapeXml(page)}</id>`,
        `    <title>${escapeXml(`${advisory.id}: ${advisoryTitle(advisory)}`)}</title>`,
        `    <link rel="alternate" type="text/html" href="${escapeXml(page)}"/>`,
        `    <published>${rfc3339(advisory.published)}</published>`,
        `    <updated>${rfc3339(advisory.modified ?? advisory.published)}</updated>`,
        `    <summary>${escapeXml(advisoryTitle(advisory))}</summary>`,
        `    <content type="html">${escapeXml(entryHtml(advisory, context, page))}</content>`,
        ...[...(advisory.severity ? [advisory.severity] : []), ...advisory.aliases].map(
          (term) => `    <category term="${escapeXml(term)}"/>`,
        ),
        '  </entry>',
      ];
    }),
    '</feed>',
  ];
  return `${lines.join('\n')}\n`;
}

/** A JSON Feed 1.1 (https://jsonfeed.org/version/1.1). */
export function renderJsonFeed(spec: FeedSpec, context: OutputContext): string {
  const site = context.organisation.site;
  const feed = {
    version: 'https://jsonfeed.org/version/1.1',
    title: spec.title,
    home_page_url: absolute(site, spec.pagePath),
    feed_url: absolute(site, spec.jsonPath),
    description: context.organisation.description,
    authors: [{ name: context.organisation.name, url: site }],
    language: 'en',
    items: feedEntries(spec.advisories).map((advisory) => {
      const page = absolute(site, paths.advisory(advisory.id));
      return {
        id: page,
        url: page,
        title: `${advisory.id}: ${advisoryTitle(advisory)}`,
        summary: advisoryTitle(advisory),
        content_html: entryHtml(advisory, context, page),
        date_published: rfc3339(advisory.published),
        date_modified: rfc3339(advisory.modified ?? advisory.published),
        tags: [advisory.severity, ...advisory.aliases],
      };
    }),
  };
  return `${JSON.stringify(feed, null, 2)}\n`;
}

/** Text safe in XML content and attribute values; characters XML 1.0 forbids are dropped. */
export function escapeXml(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&apos;');
}
