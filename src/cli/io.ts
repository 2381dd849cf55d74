import { parseArgs } from 'node:util';
import { relative } from 'node:path';

/** Where a command writes; tests pass their own. */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  /** Colour only when standard error is a terminal and NO_COLOR is not set. */
  colour: boolean;
}

export const processIo: Io = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  colour: Boolean(process.stderr.isTTY) && !process.env['NO_COLOR'],
};

/** Exit codes, documented in `disclose --help` and the README. */
export const EXIT = {
  ok: 0,
  /** The command ran and found problems (invalid content, an unsafe publication, drift). */
  problems: 1,
  /** Wrong usage: unknown command or option, missing argument. */
  usage: 2,
  /** Something could not be read or fetched: network failure, missing file. */
  unavailable: 3,
} as const;

export class UsageError extends Error {}

/** A refusal the user can act on (bad content, a file in the way): reported without a stack, exit code 1. */
export class ContentError extends Error {}

export function red(io: Io, text: string): string {
  return io.colour ? `\u001b[31m${text}\u001b[39m` : text;
}

export function green(io: Io, text: string): string {
  return io.colour ? `\u001b[32m${text}\u001b[39m` : text;
}

export function shown(path: string): string {
  return relative(process.cwd(), path) || '.';
}

/** One subcommand of `disclose`. */
export interface Command {
  /** One line for `disclose --help`. */
  summary: string;
  /** Shown by `disclose <command> --help`. */
  help: string;
  run(args: string[], io: Io): Promise<number>;
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** Parses a command's arguments; unknown options are a usage error. */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
