import type { APIRoute, GetStaticPaths } from 'astro';
import { renderSecurityMd } from '../../../lib/security-md/render.ts';
import { getSite, type ProjectEntry } from '../../../lib/site-data.ts';

export const getStaticPaths = (async () => {
  const { projects } = await getSite();
  return projects.map((project) => ({ params: { slug: project.id }, props: { project } }));
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
