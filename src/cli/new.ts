import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import { SlugSchema } from '../schemas/common.ts';
import { contentDir, privateContentDir } from '../lib/content/folders.ts';
import { nextAdvisoryId } from '../lib/content/advisory-ids.ts';
import { CONTENT_LAYOUT } from '../lib/content/layout.ts';
import { unknown } from '../lib/content/messages.ts';
import { isoDate } from '../lib/advisory-view.ts';
import { buildTime } from '../lib/publication.ts';
import { ContentError, EXIT, parse, red, shown, UsageError, type Command } from './io.ts';

export const newCommand: Command = {
  summary: 'Start a new advisory or project file from a commented template',
  help: `Usage: disclose new advisory --project <slug> [--content <folder>] [--private <folder>]
       disclose new project <slug> [--content <folder>]

new advisory  writes advisories/<next free id of this year>.md in the private content folder
              (--private, default $DISCLOSE_PRIVATE_CONTENT; a content folder whose
              organisation.yaml says contentVisibility: private may hold it): today's date, the project (and
              its package) filled in, draft: true, and every other field commented. Fill in
              each TODO, then remove draft: true to publish it.
new project   writes projects/<slug>.md with every field commented.
Prints the path of the new file. Never overwrites a file.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      content: { type: 'string' },
      private: { type: 'string' },
      project: { type: 'string' },
    });
    const [kind, ...rest] = positionals;
    const dir = resolve(values.content ?? contentDir());
    const privateDir = values.private ? resolve(values.private) : privateContentDir();
    if (!existsSync(join(dir, CONTENT_LAYOUT.organisation))) {
      io.err(
        red(
          io,
          `${shown(dir)} is not a content folder (it has no ${CONTENT_LAYOUT.organisation}); pass --content <folder>\n`,
        ),
      );
      return EXIT.problems;
    }
    let path: string;
    if (kind === 'advisory') {
      if (rest.length > 0)
        throw new UsageError('new advisory takes no other argument; name the project with --project <slug>');
      if (!values.project)
        throw new UsageError('name the affected project: disclose new advisory --project <slug>');
      path = await newAdvisory(dir, privateDir, values.project);
    } else if (kind === 'project') {
      const [slug] = rest;
      if (!slug || rest.length > 1)
        throw new UsageError('give the new project a slug: disclose new project <slug>');
      path = await newProject(dir, slug);
    } else {
      throw new UsageError(
        'say what to create: disclose new advisory --project <slug>, or disclose new project <slug>',
      );
    }
    io.out(`${shown(path)}\n`);
    return EXIT.ok;
  },
};

async function yamlFile(path: string): Promise<unknown> {
  try {
    return jsYaml.load(await readFile(path, 'utf8'));
  } catch (error) {
    throw new ContentError(
      `${shown(path)} cannot be read: ${(error as Error).message.split('\n')[0] ?? ''}; run disclose check`,
    );
  }
}

async function projectSlugs(dir: string): Promise<string[]> {
  const folder = join(dir, CONTENT_LAYOUT.projects);
  if (!existsSync(folder)) return [];
  return (await readdir(folder))
    .filter((name) => name.endsWith('.md'))
    .map((name) => basename(name, '.md'))
    .sort();
}

async function newAdvisory(dir: string, privateDir: string | undefined, project: string): Promise<string> {
  const organisation = (await yamlFile(join(dir, CONTENT_LAYOUT.organisation))) as {
    advisoryPrefix?: unknown;
    advisoryIds?: unknown;
    contentVisibility?: unknown;
  } | null;
  const slugs = await projectSlugs(dir);
  if (!slugs.includes(project)) {
    throw new ContentError(
      `--project: ${unknown('project', project, slugs, `${shown(join(dir, CONTENT_LAYOUT.projects))}/`)}`,
    );
  }
  // A new advisory is a draft of an undisclosed vulnerability: it is written where no one can read it.
  if (!privateDir && organisation?.contentVisibility !== 'private') {
    throw new ContentError(
      `a new advisory describes an undisclosed vulnerability, and ${shown(dir)} is public once pushed; pass --private <folder> (or set DISCLOSE_PRIVATE_CONTENT) to write it in the private content folder, or set contentVisibility: private in organisation.yaml if this repository is private. Nothing was written`,
    );
  }
  if (organisation?.advisoryIds === 'cve' || organisation?.advisoryIds === 'any') {
    throw new ContentError(
      `${shown(join(dir, CONTENT_LAYOUT.organisation))} names advisories by ${organisation.advisoryIds === 'cve' ? 'their CVE id' : 'an existing scheme'} (advisoryIds: ${organisation.advisoryIds}), so Disclose cannot number a new one; copy an advisory file and give it its id. Nothing was written`,
    );
  }
  const prefix = organisation?.advisoryPrefix;
  if (typeof prefix !== 'string' || !/^[A-Z][A-Z0-9]*$/.test(prefix)) {
    throw new ContentError(
      `${shown(join(dir, CONTENT_LAYOUT.organisation))} has no valid advisoryPrefix; run disclose check`,
    );
  }
  const projectFile = join(dir, CONTENT_LAYOUT.projects, `${project}.md`);
  const front = /^---\r?\n([\s\S]*?)\r?\n---/.exec(await readFile(projectFile, 'utf8'))?.[1] ?? '';
  const packages = ((jsYaml.load(front) as { packages?: { name?: unknown }[] } | null)?.packages ?? [])
    .map((p) => p.name)
    .filter((name): name is string => typeof name === 'string');
  const severities = (await yamlFile(join(dir, CONTENT_LAYOUT.severities))) as { id?: unknown }[] | null;
  const severityIds = (Array.isArray(severities) ? severities : [])
    .map((s) => s.id)
    .filter((id): id is string => typeof id === 'string');

  const today = buildTime();
  const year = today.getUTCFullYear();
  const taken = [...(await advisoryIds(dir)), ...(privateDir ? await advisoryIds(privateDir) : [])];
  const id = nextAdvisoryId(taken, prefix, year);
  // Into the year's folder when the content set files advisories by year.
  const byYear = (await usesYearFolders(dir)) || (privateDir ? await usesYearFolders(privateDir) : false);
  const path = join(
    privateDir ?? dir,
    CONTENT_LAYOUT.advisories,
    ...(byYear ? [String(year)] : []),
    `${id}.md`,
  );
  await mkdir(dirname(path), { recursive: true });
  if (existsSync(path)) throw new ContentError(`${shown(path)} already exists; nothing was written`);
  const quote = (text: string) => JSON.stringify(text);
  const packageLine =
    packages.length === 1
      ? `    package: ${quote(packages[0] ?? '')}\n`
      : packages.length > 1
        ? `    package: ${quote(packages[0] ?? '')} # ${project} publishes several: ${packages.join(', ')}\n`
        : '';
  const text = `---
# A new advisory. Fill in every ${'TODO'}, then remove \`draft: true\` to publish it.
# Every field is described under "advisories/<id>.md" in the README; commented ones are optional.
id: ${id}
summary: 'TODO: one line saying what is wrong'
# aliases: [CVE-${year}-NNNNN, GHSA-xxxx-xxxx-xxxx]
# related: []
published: ${isoDate(today)} # the day it becomes public; a date-time with a time zone also works
# modified: ${isoDate(today)}
severity: ${'TODO'} # one of: ${severityIds.join(', ') || 'the ids in severities.yaml'}
# severityJustification: why the severity differs from the CVSS score's band
# cvss:
#   - CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H
#   - CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N
# cwes: [CWE-79]
affected:
  - project: ${project}
${packageLine}    ranges:
      - type: SEMVER # or ECOSYSTEM, or GIT with repo:
        events:
          - introduced: '0' # the first affected version; '0' means every version before the fix
          # - fixed: 1.2.3 # the version that fixes it; leave it out while there is no fix
    # versions: ['1.2.3'] # explicitly affected versions
# references:
#   - type: FIX # ADVISORY, ARTICLE, DETECTION, DISCUSSION, REPORT, FIX, INTRODUCED, GIT, PACKAGE, EVIDENCE, WEB
#     url: https://github.com/OWNER/REPO/commit/HASH
# credits:
#   - name: Who found it
#     type: FINDER # REPORTER, ANALYST, COORDINATOR, REMEDIATION_DEVELOPER, ..., OTHER
#     contact: [https://example.org/them]
# vulnerableWhen: the configuration that makes a system vulnerable in practice
# mitigation: what users can do before they can upgrade
# upgrade: how to upgrade, when the registry's command is not enough
# timeline: # when each step of the response happened, each a date-time with its time zone
#   reported: ${isoDate(today)}T09:00:00Z
#   acknowledged: ${isoDate(today)}T15:00:00Z
#   assessed:
#   fixReady:
#   released:
draft: true # production builds leave it out until you remove this line
# embargo: ${year + 1}-01-15T15:00:00Z # not public before this moment, even without draft
---

TODO: what is wrong, who is affected, what an attacker can do, and how it was fixed.
`;
  await writeFile(path, text, { flag: 'wx' });
  return path;
}

/** Whether advisories are filed in year folders (advisories/2026/...). */
async function usesYearFolders(dir: string): Promise<boolean> {
  const folder = join(dir, CONTENT_LAYOUT.advisories);
  if (!existsSync(folder)) return false;
  return (await readdir(folder, { withFileTypes: true })).some(
    (d) => d.isDirectory() && /^\d{4}$/.test(d.name),
  );
}

/** Every advisory id in use, from the file names (drafts and embargoed advisories included). */
async function advisoryIds(dir: string): Promise<string[]> {
  const folder = join(dir, CONTENT_LAYOUT.advisories);
  if (!existsSync(folder)) return [];
  return (await readdir(folder, { recursive: true }))
    .filter((name) => name.endsWith('.md'))
    .map((name) => basename(name, '.md'));
}

async function newProject(dir: string, slug: string): Promise<string> {
  if (!SlugSchema.safeParse(slug).success) {
    throw new UsageError(
      `"${slug}" is not a slug; use lower-case letters, digits and hyphens, e.g. "pki-core"`,
    );
  }
  const path = join(dir, CONTENT_LAYOUT.projects, `${slug}.md`);
  if (existsSync(path)) throw new ContentError(`${shown(path)} already exists; nothing was written`);
  const text = `---
# A new project. Fill in every ${'TODO'}; every field is described under "projects/<slug>.md" in the README.
name: ${slug}
summary: 'TODO: one line saying what it is'
repository: https://github.com/TODO/${slug}
# packages:
#   - ecosystem: npm # OSV's spelling: npm, PyPI, crates.io, Go, Maven, RubyGems, NuGet, ...
#     name: ${slug}
# status: active # or deprecated / archived, with statusNote: since when, and where users should go
# supportedVersions:
#   rule:
#     branches: [main]
#     latestReleases: 2
#     releases: ['2.1', '2.0', '1.9'] # newest first
# related: [] # slugs of related projects
# order: 0 # lower comes first in project lists
---
`;
  await mkdir(join(dir, CONTENT_LAYOUT.projects), { recursive: true });
  await writeFile(path, text, { flag: 'wx' });
  return path;
}
