import type { APIRoute, GetStaticPaths } from 'astro';
import { cachedPages } from '../../../lib/cached-pages.ts';
import { renderSecurityMd } from '../../../lib/security-md/render.ts';
import { getSite, type ProjectEntry } from '../../../lib/site-data.ts';
import { paths } from '../../../lib/urls.ts';

export const getStaticPaths = (async () => {
  const { projects } = await getSite();
  // Those the build cache gives are not rendered again.
  const reused = cachedPages();
  return projects
    .filter((project) => !reused.has(paths.securityMd(project.id)))
    .map((project) => ({ params: { slug: project.id }, props: { project } }));
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ project: ProjectEntry }> = async ({ props }) => {
  const { organisation, severities, timeline, mainPolicy } = await getSite();
  const { project } = props;
  const body = renderSecurityMd({
    organisation,
    severities,
    timeline,
    project: { slug: project.id, data: project.data, body: project.body ?? '' },
    policySlug: mainPolicy.id,
  });
  return new Response(body, { headers: { 'Content-Type': 'text/markdown; charset=utf-8' } });
};
