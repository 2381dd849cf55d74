import { existsSync, readdirSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { EmailSchema, SlugSchema, WebUrlSchema } from '../schemas/common.ts';
import { siteFiles, type InitAnswers } from './init-templates.ts';
import { ContentError, EXIT, green, parse, shown, UsageError, type Command } from './io.ts';

/** The questions `init` asks, each answerable by a flag. */
const QUESTIONS = [
  { flag: 'name', ask: 'Organisation name', example: 'Lanternfish Labs' },
  {
    flag: 'site',
    ask: 'URL the site will be published at',
    example: 'https://lanternfish-labs.github.io/security',
  },
  { flag: 'email', ask: 'Security e-mail address (empty for none)', example: 'security@lanternfish.example' },
  {
    flag: 'github-reporting',
    ask: "Take reports through GitHub's private vulnerability reporting? (y/n)",
    example: '',
  },
  { flag: 'project', ask: 'First project (a slug: lower case and hyphens)', example: 'beacon' },
  {
    flag: 'repository',
    ask: "The project's repository URL",
    example: 'https://github.com/lanternfish-labs/beacon',
  },
] as const;

export const init: Command = {
  summary: 'Create a new security site: content, config, workflows and a README',
  help: `Usage: disclose init <folder> [--name <organisation>] [--site <url>] [--email <address>]
                     [--github-reporting] [--project <slug>] [--repository <url>]
                     [--summary <text>] [--prefix <PREFIX>] [--window-days <n>]

Writes a complete, valid site into <folder> (new or empty): content/ with the policy written from
your answers, astro.config.mjs, package.json, the deploy and pull-request workflows, a workflow
for project repositories to keep their SECURITY.md in step, and a README. Then:
  cd <folder> && npm install && npm run build
On a terminal it asks for what the flags do not say; elsewhere it needs
  --name, --site, --project, --repository, and --email and/or --github-reporting.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      name: { type: 'string' },
      site: { type: 'string' },
      email: { type: 'string' },
      'github-reporting': { type: 'boolean' },
      project: { type: 'string' },
      repository: { type: 'string' },
      summary: { type: 'string' },
      prefix: { type: 'string' },
      'window-days': { type: 'string' },
    });
    const [folder, ...rest] = positionals;
    if (!folder || rest.length > 0)
      throw new UsageError('name the folder to create, e.g. disclose init my-security-site');
    const target = resolve(folder);
    if (existsSync(target) && readdirSync(target).length > 0)
      throw new ContentError(`${shown(target)} is not empty; choose a new folder. Nothing was written`);

    const given: Record<string, string | boolean | undefined> = { ...values };
    const missing = QUESTIONS.filter(
      (q) =>
        given[q.flag] === undefined &&
        !(q.flag === 'email' && given['github-reporting']) &&
        !(q.flag === 'github-reporting' && given['email']),
    );
    if (missing.length > 0) {
      if (!process.stdin.isTTY)
        throw new UsageError(
          `there is no terminal to ask on, so give ${missing
            .map((q) => `--${q.flag}${q.example ? ` <${q.example}>` : ''}`)
            .join(', ')
            .replace(/, (--github-reporting)/, ' and/or $1')}`,
        );
      const prompt = createInterface({ input: process.stdin, output: process.stderr });
      try {
        for (const question of missing) {
          const answer = (
            await prompt.question(`${question.ask}${question.example ? ` (e.g. ${question.example})` : ''}: `)
          ).trim();
          given[question.flag] =
            question.flag === 'github-reporting' ? /^y/i.test(answer) : answer || undefined;
        }
      } finally {
        prompt.close();
      }
    }
    const answers = validate(given);
    const files = siteFiles(answers);
    for (const [path, text] of Object.entries(files)) {
      const file = join(target, path);
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text, { flag: 'wx' });
    }
    await chmod(join(target, '.githooks', 'pre-push'), 0o755);
    io.err(
      green(
        io,
        `Wrote a security site for ${answers.name} in ${shown(target)}. Next:\n  cd ${shown(target)} && npm install && npm run build\n`,
      ),
    );
    return EXIT.ok;
  },
};

function validate(given: Record<string, string | boolean | undefined>): InitAnswers {
  const text = (flag: string) => (typeof given[flag] === 'string' ? given[flag].trim() : '');
  const problems: string[] = [];
  const name = text('name');
  if (!name || /[\r\n]/.test(name)) problems.push('--name: give the organisation name, on one line');
  const site = text('site');
  if (!WebUrlSchema.safeParse(site).success)
    problems.push(`--site: "${site}" is not an http(s) URL, e.g. https://example.github.io/security`);
  const email = text('email') || undefined;
  if (email && !EmailSchema.safeParse(email).success)
    problems.push(`--email: "${email}" is not an e-mail address`);
  const githubReporting = given['github-reporting'] === true;
  if (!email && !githubReporting)
    problems.push('give --email, --github-reporting or both: how reporters reach you');
  const slug = text('project');
  if (!SlugSchema.safeParse(slug).success)
    problems.push(`--project: "${slug}" is not a slug; use lower-case letters, digits and hyphens`);
  const repository = text('repository');
  if (!WebUrlSchema.safeParse(repository).success)
    problems.push(`--repository: "${repository}" is not an http(s) URL`);
  const prefix =
    text('prefix') ||
    name
      .toUpperCase()
      .replace(/[^A-Z0-9]/g, '')
      .replace(/^[0-9]+/, '')
      .slice(0, 10) ||
    'SEC';
  if (!/^[A-Z][A-Z0-9]*$/.test(prefix))
    problems.push(`--prefix: "${prefix}" must be upper-case letters and digits, e.g. ACME`);
  const windowDays = text('window-days') ? Number(text('window-days')) : 90;
  if (!Number.isInteger(windowDays) || windowDays < 1)
    problems.push('--window-days: a whole number of days, e.g. 90');
  if (problems.length > 0) throw new UsageError(problems.join('\n'));
  return {
    name,
    site,
    email,
    githubReporting,
    project: { slug, name: slug, repository, summary: text('summary') || `A project of ${name}` },
    prefix,
    windowDays,
    versions: { disclose: `^${PACKAGE_VERSION}`, astro: ASTRO_RANGE },
    today: new Date(),
  };
}

/** The version of this package, and the Astro it needs; kept in step with package.json by a test. */
export const PACKAGE_VERSION = '0.2.0';
export const ASTRO_RANGE = '^7.3.5';
