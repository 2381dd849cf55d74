import { HELP, OPTIONS, runSync } from '../../sync/disclose-sync.mjs';
import { parse, UsageError, type Command } from './io.ts';

// The work is in sync/disclose-sync.mjs, plain JavaScript with no dependencies, so that a
// downstream repository runs the same code with Node alone (see the sync action).
export const sync: Command = {
  summary: "Write or check a repository's SECURITY.md against the published site",
  help: `${HELP}
Downstream repositories run the same code without this repository's dependencies:
  node sync/disclose-sync.mjs --site <url> --project <slug> [--check]
`,
  async run(args, io) {
    const { values, positionals } = parse(args, OPTIONS);
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0] ?? ''}"`);
    if (!values.site || !/^https?:\/\//.test(values.site) || !values.project) {
      throw new UsageError('give --site <http(s) URL of the Disclose site> and --project <slug>');
    }
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout takes a number of seconds');
    return runSync({
      timeout,
      site: values.site,
      project: values.project,
      dir: values.dir,
      to: values.to,
      check: values.check,
      force: values.force,
      out: io.out,
      err: io.err,
      colour: io.colour,
    });
  },
};
