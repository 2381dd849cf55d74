import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import { CONTENT_LAYOUT } from '../lib/content/layout.ts';
import { contentDir, outDir, privateContentDir } from '../lib/content/folders.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { renderAdvanceNotice } from '../lib/outputs/advance-notice.ts';
import { checkPublication, folderSource, urlSource } from '../lib/outputs/publish-check.ts';
import { outputContext } from '../lib/outputs/write-outputs.ts';
import { buildTime } from '../lib/publication.ts';
import { EXIT, green, parse, red, shown, UsageError, type Command } from './io.ts';

export const notice: Command = {
  summary: 'Print the advance notice for distributors of an embargoed advisory',
  help: `Usage: disclose notice <id> [--content <folder>] [--private <folder>]

Prints the advance notice for distributors of an embargoed advisory: the embargo, when the policy
says to send it (disclosure.advanceNotice.leadDays before the embargo ends) and the announcement.
It goes to standard output only; nothing is written into the site.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, { content: { type: 'string' }, private: { type: 'string' } });
    const [id] = positionals;
    if (!id || positionals.length > 1)
      throw new UsageError('give exactly one advisory id, e.g. disclose notice LANTERN-2026-0004');
    const dir = resolve(values.content ?? contentDir());
    const privateDir = values.private ? resolve(values.private) : privateContentDir();
    const { content, problems } = await loadContent({ content: dir, private: privateDir });
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
};

export const publishCheck: Command = {
  summary: 'Fail a deploy that drops an advisory or rewrites its dates',
  help: `Usage: disclose publish-check [--previous <url|folder>] [--out <folder>] [--content <folder>] [--first-publication] [--timeout <seconds>]

Compares the OSV index of a new build (--out, default: $DISCLOSE_OUT or dist) with the one
published before (a site URL or a folder holding the previous build) and fails, naming each id,
when an advisory disappeared (withdraw it instead), its published date changed, or its modified
date went backwards. --previous defaults to the site URL in organisation.yaml. A previous site
that cannot be read, or answers anything but a Disclose site's index and manifest, fails; a first
publication, with nothing to compare, needs --first-publication. Requests time out after
--timeout seconds (default 30). Exit codes: 0 passed, 1 problems, 2 usage, 3 could not read.
`,
  async run(args, io) {
    const { values } = parse(args, {
      previous: { type: 'string' },
      out: { type: 'string' },
      content: { type: 'string' },
      'first-publication': { type: 'boolean', default: false },
      timeout: { type: 'string' },
    });
    const timeout = values.timeout === undefined ? undefined : Number(values.timeout);
    if (timeout !== undefined && !(timeout > 0)) throw new UsageError('--timeout takes a number of seconds');
    const from = values.previous ?? (await publishedSite(resolve(values.content ?? contentDir())));
    let result;
    try {
      const previous = /^https?:\/\//.test(from)
        ? urlSource(from, fetch, timeout)
        : folderSource(resolve(from));
      const next = folderSource(resolve(values.out ?? outDir()));
      io.err(`comparing ${shown(resolve(values.out ?? outDir()))} with ${previous.label} ...\n`);
      result = await checkPublication(previous, next, { firstPublication: values['first-publication'] });
    } catch (error) {
      io.err(red(io, `disclose publish-check: ${(error as Error).message}\n`));
      return EXIT.unavailable;
    }
    if (!result.compared) {
      io.err(
        `${from} has no OSV index yet; a first publication (--first-publication): nothing to compare.\n`,
      );
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
};

/** The site URL organisation.yaml gives, read without validating the rest of the content. */
async function publishedSite(dir: string): Promise<string> {
  const file = join(dir, CONTENT_LAYOUT.organisation);
  const site = existsSync(file)
    ? (jsYaml.load(await readFile(file, 'utf8')) as { site?: unknown } | null)?.site
    : undefined;
  if (typeof site !== 'string')
    throw new UsageError(`give --previous <site URL or folder>; ${shown(file)} has no site`);
  return site;
}
