import type { Io } from '../../src/cli/io.ts';
import { main } from '../../src/cli/main.ts';

/** Runs one `disclose` command line in-process; returns its exit code and what it printed. */
export async function disclose(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = { out: (t) => (out += t), err: (t) => (err += t), colour: false };
  const code = await main(argv, io);
  return { code, out, err };
}
