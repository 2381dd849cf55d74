import { mdxToJs } from 'satteri';
import type { Entry } from './load-content.ts';
import type { Problem } from './problems.ts';

/**
 * Compiles every MDX policy page with the compiler Astro's MDX integration uses, so a syntax error
 * is reported by `disclose check` with its line, and "valid" means "builds".
 */
export function checkMdx(pages: readonly Entry<unknown>[]): Problem[] {
  const problems: Problem[] = [];
  for (const page of pages) {
    if (!page.source.path.endsWith('.mdx')) continue;
    try {
      mdxToJs(page.source.body);
    } catch (error) {
      const text = error instanceof Error ? error.message : String(error);
      const match = /^(\d+):(\d+): ([\s\S]*)$/.exec(text);
      problems.push({
        file: page.source.path,
        line: match ? page.source.bodyLine + Number(match[1]) - 1 : page.source.bodyLine,
        field: '(body)',
        message: `is not valid MDX: ${(match?.[3] ?? text).trim()}; fix the syntax (or escape < and { as &lt; and \\{ in prose)`,
      });
    }
  }
  return problems;
}
