import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { runCommand } from './build-site.ts';

// A site as an organisation starts one: the package is packed as npm would publish it, a new site
// is written by `disclose init` in a folder outside the repository, the packed tarball is
// installed there from the registry like any dependency, and the site is built with its own Astro.

/** A command that must succeed; nothing of the test run's DISCLOSE_* settings leaks into the site. */
async function run(command: string, args: string[], cwd: string): Promise<string> {
  const env = { DISCLOSE_CONTENT: '', DISCLOSE_OUT: '', DISCLOSE_PRIVATE_CONTENT: '' };
  const { code, output } = await runCommand(command, args, { cwd, env });
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${String(code)}):\n${output}`);
  return output;
}

/** The answers the installed site is created with; the spec checks they are on its pages. */
export const INSTALLED = {
  name: 'Installed Org',
  site: 'https://installed.example/security',
  email: 'security@installed.example',
  project: 'rocket',
  repository: 'https://github.com/installed-org/rocket',
} as const;

/** Packs this repository, creates a site in `folder` with the packed package, builds it; returns its dist. */
export async function buildInstalledSite(folder: string): Promise<string> {
  const repository = process.cwd();
  const packs = `${resolve(folder)}-packs`;
  await rm(packs, { recursive: true, force: true });
  await mkdir(packs, { recursive: true });
  await rm(folder, { recursive: true, force: true });
  await run('npm', ['pack', '--pack-destination', packs, '--silent'], repository);
  const [tarball] = (await readdir(packs)).filter((name) => name.endsWith('.tgz'));
  if (!tarball) throw new Error('npm pack wrote no tarball');
  // `npx astro-disclose init`, as the README's quick start says, from the packed command.
  await run(
    process.execPath,
    [
      join(repository, 'build', 'cli.mjs'),
      'init',
      folder,
      '--name',
      INSTALLED.name,
      '--site',
      INSTALLED.site,
      '--email',
      INSTALLED.email,
      '--project',
      INSTALLED.project,
      '--repository',
      INSTALLED.repository,
    ],
    repository,
  );
  const manifest = JSON.parse(await readFile(join(folder, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  manifest.dependencies['astro-disclose'] = `file:${join(packs, tarball)}`;
  await writeFile(join(folder, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline'], folder);
  await run(process.execPath, [join('node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], folder);
  return join(folder, 'dist');
}
