import { resolve } from 'node:path';
import { contentDir } from '../lib/content/folders.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblem, formatProblems, type Problem } from '../lib/content/problems.ts';
import { buildTime, isPublic } from '../lib/publication.ts';
import { EXIT, green, parse, red, shown, UsageError, type Command } from './io.ts';

const FORMATS = ['text', 'json', 'github'] as const;

export const check: Command = {
  summary: 'Validate the content folder without building the site',
  help: `Usage: disclose check [--content <folder>] [--format text|json|github]

Validates every file of the content folder with the same schemas and checks as the build,
and reports every problem at once as "path:line: field: what is wrong; what to do".
  --format text    the list, on standard error (default)
  --format json    {"valid": ..., "problems": [{"file", "line", "field", "message"}]} on standard output
  --format github  GitHub Actions annotations (::error file=...,line=...::...) on standard output
Exit code 1 when there is any problem.
`,
  async run(args, io) {
    const { values } = parse(args, {
      content: { type: 'string' },
      format: { type: 'string', default: 'text' },
    });
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const dir = resolve(values.content ?? contentDir());
    if (format === 'text') io.err(`checking ${shown(dir)} ...\n`);
    const { content, problems } = await loadContent(dir);
    if (format === 'json') io.out(`${JSON.stringify({ valid: problems.length === 0, problems }, null, 2)}\n`);
    if (format === 'github') io.out(problems.map(annotation).join(''));
    if (problems.length > 0) {
      if (format === 'text') io.err(`${red(io, formatProblems(problems))}\n`);
      return EXIT.problems;
    }
    if (format === 'text' && content) {
      const now = buildTime();
      const published = content.advisories.filter((a) => isPublic(a.data, now)).length;
      io.err(
        green(
          io,
          `${shown(dir)} is valid: ${content.projects.length} project(s), ${content.policies.length} policy page(s), ${content.advisories.length} advisories (${published} public).\n`,
        ),
      );
    }
    return EXIT.ok;
  },
};

/** A GitHub Actions workflow command: the problem shows on the line of the pull request's diff. */
function annotation(problem: Problem): string {
  const escape = (text: string) =>
    text.replaceAll('%', '%25').replaceAll('\r', '%0D').replaceAll('\n', '%0A');
  const property = (text: string) => escape(text).replaceAll(':', '%3A').replaceAll(',', '%2C');
  const where = [
    `file=${property(problem.file)}`,
    ...(problem.line ? [`line=${problem.line}`] : []),
    `title=${property(problem.field || 'file')}`,
  ];
  return `::error ${where.join(',')}::${escape(formatProblem(problem))}\n`;
}
