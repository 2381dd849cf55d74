import { describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';
import { renderSecurityMd } from '../../src/lib/security-md/render.ts';
import { factsOf, REAL_POLICIES } from '../support/real-policies.ts';

// Six published policies restated as content sets (examples/<name>/), each with the list of every
// fact it states (facts.yaml). The site's half of the check is tests/e2e/real-policies.spec.ts.

test('at least six real policies are examples', () => {
  expect(REAL_POLICIES.length).toBeGreaterThanOrEqual(6);
});

describe.each(REAL_POLICIES)('%s', (example) => {
  const { facts } = factsOf(example);

  test('builds its content with no problem and no invented value', async () => {
    const { problems } = await loadContent(`examples/${example}`);
    expect(problems.map(formatProblem)).toEqual([]);
  });

  test('at least 80 % of its facts are structured data, not prose', () => {
    const structured = facts.filter((f) => f.field !== 'prose').length;
    expect(structured / facts.length).toBeGreaterThanOrEqual(0.8);
  });

  test('a structured fact comes from the data: no page or project body writes it', async () => {
    const { content } = await loadContent(`examples/${example}`);
    const bodies = [...(content?.policies ?? []), ...(content?.projects ?? [])]
      .map((e) => e.source.body)
      .join('\n');
    for (const fact of facts.filter((f) => f.field !== 'prose'))
      expect(bodies, fact.fact).not.toContain(fact.site);
  });

  test('every SECURITY.md states the facts that belong there, its disclosure rules among them', async () => {
    const { content } = await loadContent(`examples/${example}`);
    if (!content) throw new Error(`${example} did not load`);
    const policySlug = content.organisation.data.policyPage ?? content.policies[0]?.slug ?? '';
    for (const project of content.projects) {
      const markdown = renderSecurityMd({
        organisation: content.organisation.data,
        severities: content.severities.data,
        timeline: content.timeline.data,
        project: { slug: project.slug, data: project.data, body: project.source.body },
        policySlug,
      });
      for (const fact of facts.filter(
        (f) => f.securityMd && (!f.projects || f.projects.includes(project.slug)),
      ))
        expect(markdown, `${project.slug}: ${fact.fact}`).toContain(fact.securityMd);
      // Addresses are links, never escaped text such as https\://.
      expect(markdown).not.toContain('\\:');
      // The policy's own disclosure rule, never an assumed one.
      expect(markdown).toMatch(/^- .*details (?:become public|are fixed in public|may be disclosed)/m);
    }
  });
});
