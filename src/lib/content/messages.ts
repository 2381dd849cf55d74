import { relative } from 'node:path';
import { closest } from './zod-problems.ts';

/** A folder as messages show it: relative to the working directory, with a trailing slash. */
export function folder(path: string): string {
  return `${relative(process.cwd(), path)}/`;
}

/** `unknown project "alfa"; did you mean "alpha"? expected one of alpha, beta (content/projects/)` */
export function unknown(kind: string, value: string, candidates: readonly string[], where: string): string {
  const known = [...new Set(candidates)];
  const suggestion = closest(value, known);
  return (
    `unknown ${kind} "${value}"; ` +
    (suggestion ? `did you mean "${suggestion}"? ` : '') +
    (known.length > 0 ? `expected one of ${known.join(', ')} (${where})` : `none are defined (${where})`)
  );
}
