import type { z } from 'astro/zod';
import { fieldName, type Problem } from './problems.ts';
import type { SourceFile } from './source-file.ts';

/** Validates a source file's data against a schema, adding one problem per issue. */
export function parseWith<T extends z.ZodType>(
  schema: T,
  source: SourceFile,
  problems: Problem[],
  data: unknown = source.data,
): z.output<T> | undefined {
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  for (const issue of result.error.issues) problems.push(...issueToProblems(issue, source, schema));
  return undefined;
}

/**
 * What can still be checked of data that failed its schema: the top-level fields that were
 * valid, parsed on their own. A file with a typo in one field still has its severity, CVSS and
 * version ranges checked in the same run, so one round of fixes is enough.
 */
export function salvage<T extends z.ZodObject>(schema: T, data: unknown): Partial<z.output<T>> | undefined {
  if (!data || typeof data !== 'object' || Array.isArray(data)) return undefined;
  const valid: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(data)) {
    const field = schema.shape[key] as z.ZodType | undefined;
    if (!field) continue;
    const result = field.safeParse(value);
    if (result.success) valid[key] = result.data;
  }
  return valid as Partial<z.output<T>>;
}

function issueToProblems(issue: z.core.$ZodIssue, source: SourceFile, schema: z.ZodType): Problem[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => {
      const path = [...issue.path, key];
      const known = knownKeys(schema, issue.path);
      const suggestion = closest(key, known);
      return {
        file: source.path,
        line: source.lineOf(path),
        field: fieldName(path),
        message:
          `unknown field "${key}"; ` +
          (suggestion ? `did you mean "${suggestion}"?` : 'remove it or check the spelling') +
          (known.length > 0 ? ` (allowed: ${known.join(', ')})` : ''),
      };
    });
  }
  if (issue.code === 'invalid_union' && issue.errors.length > 0 && !issue.message.startsWith('Invalid input')) {
    return [{ file: source.path, line: source.lineOf(issue.path), field: fieldName(issue.path), message: issue.message }];
  }
  return [
    {
      file: source.path,
      line: source.lineOf(issue.path),
      field: fieldName(issue.path),
      message: describe(issue),
    },
  ];
}

function describe(issue: z.core.$ZodIssue): string {
  const got = 'input' in issue ? show(issue.input) : undefined;
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return `is required; add it (expected ${issue.expected})`;
      return `expected ${article(issue.expected)}, got ${got}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => String(v)).join(', ')}; got ${got}`;
    case 'invalid_format':
      if (issue.format === 'email') return `${got} is not an e-mail address; write it as name@example.org`;
      if (issue.format === 'url' && typeof issue.input === 'string' && issue.input.startsWith('http://'))
        return `${got} uses http://; use the https:// address`;
      if (issue.format === 'url')
        return `${got} is not an http(s) URL; write the full address, e.g. https://example.org/path`;
      return `${got} ${issue.message.replace(/^Invalid string: /, '')}`;
    case 'too_small':
      if (issue.origin === 'array') return `needs at least ${String(issue.minimum)} item(s)`;
      if (issue.origin === 'string') return 'must not be empty';
      return `must be at least ${String(issue.minimum)}; got ${got}`;
    case 'too_big':
      if (issue.origin === 'string')
        return `is ${String((issue.input as string | undefined)?.length ?? 'too many')} characters; it must be at most ${String(issue.maximum)}, so shorten it`;
      if (issue.origin === 'array') return `lists more than ${String(issue.maximum)} items`;
      return `must be at most ${String(issue.maximum)}; got ${got}`;
    default:
      return issue.message;
  }
}

type Def = Record<string, unknown>;

function defOf(schema: unknown): Def | undefined {
  return (schema as { def?: Def } | undefined)?.def;
}

/** Object shapes reachable at a path, looking through optional, default, refine, array, record and union. */
function shapesAt(schema: unknown, path: readonly PropertyKey[]): Record<string, unknown>[] {
  const def = defOf(schema);
  if (!def) return [];
  const type = def['type'];
  if (type === 'object') {
    const shape = def['shape'] as Record<string, unknown>;
    if (path.length === 0) return [shape];
    const [head, ...rest] = path;
    return shapesAt(shape[String(head)], rest);
  }
  if (type === 'array') return path.length === 0 ? [] : shapesAt(def['element'], path.slice(1));
  if (type === 'record') return path.length === 0 ? [] : shapesAt(def['valueType'], path.slice(1));
  if (type === 'union') return (def['options'] as unknown[]).flatMap((option) => shapesAt(option, path));
  const inner = def['innerType'] ?? def['in'] ?? def['schema'];
  return inner ? shapesAt(inner, path) : [];
}

function knownKeys(schema: unknown, path: readonly PropertyKey[]): string[] {
  return [...new Set(shapesAt(schema, path).flatMap((shape) => Object.keys(shape)))];
}

function show(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  // A message quotes what it saw, but never a whole 20 MB field.
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 120 && typeof value === 'string'
    ? `${text.slice(0, 100)}…" (${value.length} characters)`
    : text;
}

function article(type: string): string {
  if (type === 'array') return 'a list';
  if (type === 'object') return 'a mapping';
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

/** The allowed key nearest to a typo, if it is near enough to be a plausible misspelling. */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
