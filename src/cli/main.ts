import { check } from './check.ts';
import { importCommand } from './import-osv.ts';
import { init } from './init.ts';
import { ContentError, EXIT, red, UsageError, type Command, type Io } from './io.ts';
import { newCommand } from './new.ts';
import { notice, publishCheck } from './publish.ts';
import { sync } from './sync.ts';

const COMMANDS: Record<string, Command> = {
  init,
  new: newCommand,
  check,
  sync,
  import: importCommand,
  notice,
  'publish-check': publishCheck,
};

function help(): string {
  const width = Math.max(...Object.keys(COMMANDS).map((name) => name.length));
  return `disclose: tools for a Disclose content folder and its published site

Usage: disclose <command> [options]     disclose <command> --help for its options

Commands:
${Object.entries(COMMANDS)
  .map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`)
  .join('\n')}

Most commands take --content <folder> (default: $DISCLOSE_CONTENT, else content).
Exit codes: 0 done; 1 problems found; 2 wrong usage; 3 something could not be read or fetched.
Colour only on a terminal; set NO_COLOR to turn it off there too.
`;
}

/** Runs one command line; returns the exit code. */
export async function main(argv: readonly string[], io: Io): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === '-h' || name === '--help' || name === 'help') {
    io.out(help());
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
    if (error instanceof ContentError) {
      io.err(red(io, `disclose ${name}: ${error.message}\n`));
      return EXIT.problems;
    }
    io.err(red(io, `disclose ${name}: ${(error as Error).message}\n`));
    return EXIT.unavailable;
  }
}
