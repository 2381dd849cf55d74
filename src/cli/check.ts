import { resolve } from 'node:path';
import { contentDir, privateContentDir } from '../lib/content/folders.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblem, formatProblems, type Problem } from '../lib/content/problems.ts';
import { buildTime, isPublic } from '../lib/publication.ts';
import { EXIT, green, parse, red, shown, UsageError, type Command } from './io.ts';

const FORMATS = ['text', 'json', 'github'] as const;

export const check: Command = {
  summary: 'Validate the content folder without building the site',
  help: `Usage: disclose check [--content <folder>] [--private <folder>] [--format text|json|github] [--undisclosed]

Validates every file of the content folder (and of the private content folder, --private, default
$DISCLOSE_PRIVATE_CONTENT) with the same schemas and checks as the build, and reports every
problem at once as "path:line: field: what is wrong; what to do".
  --undisclosed    report only drafts and embargoed advisories in a public content folder
                   (what the pre-push hook runs: nothing undisclosed reaches a public repository)
  --format text    the list, on standard error (default)
  --format json    {"valid": ..., "problems": [{"file", "line", "field", "message"}]} on standard output
  --format github  GitHub Actions annotations (::error file=...,line=...::...) on standard output
Exit code 1 when there is any problem.
`,
  async run(args, io) {
    const { values } = parse(args, {
      content: { type: 'string' },
      private: { type: 'string' },
      format: { type: 'string', default: 'text' },
      undisclosed: { type: 'boolean', default: false },
    });
    const format = values.format as (typeof FORMATS)[number];
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const dir = resolve(values.content ?? contentDir());
    if (format === 'text') io.err(`checking ${shown(dir)} ...\n`);
    const privateDir = values.private ? resolve(values.private) : privateContentDir();
    const loaded = await loadContent({ content: dir, private: privateDir });
    const { content } = loaded;
    const problems = values.undisclosed
      ? loaded.problems.filter((p) => p.rule === 'undisclosed')
      : loaded.problems;
    if (format === 'json') io.out(`${JSON.stringify({ valid: problems.length === 0, problems }, null, 2)}\n`);
    if (format === 'github') io.out(problems.map(annotation).join(''));
    if (problems.length > 0) {
      if (format === 'text') io.err(`${red(io, formatProblems(problems))}\n`);
      return EXIT.problems;
    }
    if (format === 'text' && values.undisclosed) {
      io.err(green(io, `${shown(dir)} holds no draft or embargoed advisory.\n`));
    } else if (format === 'text' && content) {
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
