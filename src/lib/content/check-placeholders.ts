import type { Entry, PartialContent } from './load-content.ts';
import { fieldName, type Problem } from './problems.ts';

/** The word `disclose new` marks every value still to be written with. */
export const PLACEHOLDER = 'TODO';
const MARK = new RegExp(`\\b${PLACEHOLDER}\\b`);

/**
 * Projects and advisories that are about to be published must not still hold a placeholder from
 * `disclose new`. Drafts may: they are work in progress and never published.
 */
export function checkPlaceholders(content: PartialContent): Problem[] {
  return [
    ...content.projects.entries.flatMap((entry) => placeholders(entry)),
    ...content.advisories.filter((entry) => !entry.data.draft).flatMap((entry) => placeholders(entry)),
  ];
}

function placeholders(entry: Entry<unknown>): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, path: PropertyKey[]) => {
    if (typeof value === 'string' && MARK.test(value)) {
      problems.push({
        file: entry.source.path,
        line: entry.source.lineOf(path),
        field: fieldName(path),
        message: `still holds the ${PLACEHOLDER} placeholder from disclose new ("${value}"); write the real value`,
      });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
    } else if (value && typeof value === 'object' && !(value instanceof Date)) {
      for (const [key, item] of Object.entries(value)) visit(item, [...path, key]);
    }
  };
  // A value holds the word only if the YAML text does, or spells it with escapes: front matter
  // with neither is not parsed just to look (it may come checked from the FrontMatterCache).
  const { yaml } = entry.source;
  if (yaml.includes(PLACEHOLDER) || yaml.includes('\\')) visit(entry.source.data, []);
  // A line holds the word only if the body does: most bodies are not split into lines at all.
  const { body } = entry.source;
  const bodyLine = MARK.test(body) ? body.split('\n').findIndex((line) => MARK.test(line)) : -1;
  if (bodyLine >= 0) {
    problems.push({
      file: entry.source.path,
      line: entry.source.bodyLine + bodyLine,
      field: '(body)',
      message: `still holds the ${PLACEHOLDER} placeholder from disclose new; write the text`,
    });
  }
  return problems;
}
