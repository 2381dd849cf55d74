import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { contentDir, outDir } from '../lib/content/folders.ts';
import { renderAdvanceNotice } from '../lib/outputs/advance-notice.ts';
import { checkPublication, folderSource, urlSource } from '../lib/outputs/publish-check.ts';
import { outputContext } from '../lib/outputs/write-outputs.ts';
import { buildTime } from '../lib/publication.ts';
import { EXIT, green, red, shown, UsageError, type Io } from './io.ts';

const HELP = `disclose: tools for a Disclose content folder and its published site

Usage: disclose <command> [options]

Commands:
  notice <id>                    Print the advance notice for distributors of an embargoed
                                 advisory to standard output. Writes nothing.
  publish-check --previous <url|folder> [--out <folder>]
                                 Compare a new build with the published site: fail when an
                                 advisory disappeared, a published date changed, or modified
                                 went backwards.

Options:
  --content <folder>  Content folder (default: $DISCLOSE_CONTENT or content)
  -h, --help          Show help for a command

Exit codes: 0 done; 1 problems found; 2 wrong usage; 3 something could not be read or fetched.
`;

interface Command {
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

const COMMANDS: Record<string, Command> = {
  notice: {
    help: `Usage: disclose notice <id> [--content <folder>]

Prints the advance notice for distributors of an embargoed advisory: the embargo, when the policy
says to send it (disclosure.advanceNotice.leadDays before the embargo ends) and the announcement.
It goes to standard output only; nothing is written into the site.
`,
    async run(args, io) {
      const { values, positionals } = parse(args, { content: { type: 'string' } });
      const [id] = positionals;
      if (!id || positionals.length > 1)
        throw new UsageError('give exactly one advisory id, e.g. disclose notice LANTERN-2026-0004');
      const dir = resolve(values.content ?? contentDir());
      const { content, problems } = await loadContent(dir);
      if (!content) {
        io.err(
          `${formatProblems(problems)}\nFix the content first (disclose notice reads it like the build does).\n`,
        );
        return EXIT.problems;
      }
      const entry = content.advisories.find((a) => a.data.id === id);
      if (!entry) {
        io.err(red(io, `${id}: no such advisory in ${shown(dir)}/advisories/\n`));
        return EXIT.problems;
      }
      try {
        io.out(
          renderAdvanceNotice(
            { data: entry.data, details: entry.source.body },
            outputContext(content),
            buildTime(),
          ),
        );
      } catch (error) {
        io.err(red(io, `${entry.source.path}: ${(error as Error).message}\n`));
        return EXIT.problems;
      }
      return EXIT.ok;
    },
  },
  'publish-check': {
    help: `Usage: disclose publish-check --previous <url|folder> [--out <folder>]

Compares the OSV index of a new build (--out, default: $DISCLOSE_OUT or dist) with the one
published before (a site URL or a folder holding the previous build) and fails, naming each id,
when an advisory disappeared (withdraw it instead), its published date changed, or its modified
date went backwards. When the previous site has no OSV index yet, there is nothing to compare.
`,
    async run(args, io) {
      const { values } = parse(args, { previous: { type: 'string' }, out: { type: 'string' } });
      if (!values.previous)
        throw new UsageError('give --previous <site URL or folder of the previous build>');
      const previous = /^https?:\/\//.test(values.previous)
        ? urlSource(values.previous)
        : folderSource(resolve(values.previous));
      const next = folderSource(resolve(values.out ?? outDir()));
      io.err(`comparing ${shown(resolve(values.out ?? outDir()))} with ${previous.label} ...\n`);
      const result = await checkPublication(previous, next);
      if (!result.compared) {
        io.err(`${previous.label} has no OSV index yet (a first publication): nothing to compare.\n`);
        return EXIT.ok;
      }
      for (const problem of result.problems) io.err(red(io, `${problem.id}: ${problem.message}\n`));
      if (result.problems.length > 0) {
        io.err(
          `${result.problems.length} problem(s); this build would break what mirrors and scanners already hold.\n`,
        );
        return EXIT.problems;
      }
      io.err(
        green(io, `${result.checked} published advisories are all still there, with their dates intact.\n`),
      );
      return EXIT.ok;
    },
  },
};

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Runs one command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.out(HELP);
    return name ? EXIT.ok : EXIT.usage;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`disclose: unknown command "${name}"; run disclose --help for the list\n`);
    return EXIT.usage;
  }
  if (args.includes('-h') || args.includes('--help')) {
    io.out(command.help);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`disclose ${name}: ${error.message}\n\n${command.help}`);
      return EXIT.usage;
    }
    io.err(red(io, `disclose ${name}: ${(error as Error).message}\n`));
    return EXIT.unavailable;
  }
}
