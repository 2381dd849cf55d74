/** One thing wrong with the content, located precisely enough to fix without searching. */
export interface Problem {
  /** Path of the file, relative to the working directory. */
  file: string;
  /** 1-based line of the offending value, when known. */
  line?: number | undefined;
  /** Dotted path of the field, e.g. `reporting.email` or `phases[2].targets.urgent`. */
  field: string;
  /** What is wrong, then what to do. */
  message: string;
  /** A problem of a kind a command can ask for alone: `undisclosed`, an unpublished advisory in a public folder. */
  rule?: 'undisclosed' | undefined;
}

/** `path:line: field: message`, the shape editors and CI annotations understand. */
export function formatProblem(problem: Problem): string {
  const where = problem.line ? `${problem.file}:${problem.line}` : problem.file;
  return `${where}: ${problem.field || '(file)'}: ${problem.message}`;
}

/** Every problem, grouped under a header line, in file order. */
export function formatProblems(problems: readonly Problem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  return [`The content has ${count}:`, ...sortProblems(problems).map((p) => `  - ${formatProblem(p)}`)].join(
    '\n',
  );
}

export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || a.field.localeCompare(b.field),
  );
}

/** Renders a path such as `['phases', 2, 'label']` as `phases[2].label`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? String(part) : `.${String(part)}`))
    .join('');
}
