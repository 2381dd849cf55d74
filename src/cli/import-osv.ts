import { existsSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import { contentDir, privateContentDir } from '../lib/content/folders.ts';
import { nextAdvisoryId } from '../lib/content/advisory-ids.ts';
import { CONTENT_LAYOUT } from '../lib/content/layout.ts';
import { loadContent, type ContentSet } from '../lib/content/load-content.ts';
import { formatProblem, formatProblems } from '../lib/content/problems.ts';
import { fromOsv, type Imported } from '../lib/import/from-osv.ts';
import type { Project } from '../schemas/project.ts';
import { ContentError, EXIT, green, parse, red, shown, UsageError, type Command } from './io.ts';

export const importCommand: Command = {
  summary: 'Turn OSV JSON advisories (GitHub, RustSec, PyPA, Go, ...) into advisory files',
  help: `Usage: disclose import osv <file or folder> ... [--create-projects] [--project <slug>]
                           [--update] [--publish] [--content <folder>]

Reads OSV records (a .json file holding one record or a list of them; a folder is read whole)
and writes one advisory file each, keeping every field: what the content model holds goes into
its fields, everything else into "imported", which the site's OSV output gives back as it came.
  --create-projects  create a project file for each package no project publishes, and list them
  --project          put every record's packages in this project (a package it does not publish
                     is an error, never rewritten)
  --update           update an advisory imported before from the same record (by id or alias)
                     when the record's modified is newer; without it such records are left alone
  --publish          publish at once; otherwise imported advisories are drafts, written to the
                     private content folder (DISCLOSE_PRIVATE_CONTENT) for review
A record keeps its id when it is one of yours (PREFIX-YYYY-NNNN, also as x_PREFIX-...);
any other gets the next free id of its year, and its own id becomes an alias.
Every advisory is checked like any content before anything is written; a record that cannot
be imported is reported with its id and why, and takes no advisory id. Re-importing the same
records changes nothing.
Exit code 1 when a record could not be imported; the others are still written.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      content: { type: 'string' },
      project: { type: 'string' },
      'create-projects': { type: 'boolean' },
      update: { type: 'boolean' },
      publish: { type: 'boolean' },
    });
    const [format, ...inputs] = positionals;
    if (format !== 'osv') throw new UsageError('say which format: disclose import osv <file or folder>');
    if (inputs.length === 0) throw new UsageError('name at least one OSV file or folder');
    const dir = resolve(values.content ?? contentDir());
    const privateDir = privateContentDir();
    // The private folder's ids are taken too: an import never reuses one.
    const { content, problems } = await loadContent({ content: dir, private: privateDir });
    if (!content)
      throw new ContentError(`${formatProblems(problems)}\nFix the content first; the import adds to it.`);
    if (values.project && !content.projects.some((p) => p.slug === values.project)) {
      throw new UsageError(`--project "${values.project}" is not a project in ${shown(dir)}`);
    }
    // Third-party records are drafts until reviewed, and drafts never go into a public repository.
    const publicFolder = content.organisation.data.contentVisibility === 'public';
    const advisoriesDir =
      values.publish || !publicFolder
        ? join(dir, CONTENT_LAYOUT.advisories)
        : privateDir && join(privateDir, CONTENT_LAYOUT.advisories);
    if (!advisoriesDir)
      throw new UsageError(
        'imported advisories are drafts until you review them, and drafts stay out of a public content folder: set DISCLOSE_PRIVATE_CONTENT to a private folder for them, or pass --publish to publish them at once',
      );

    const files = (await Promise.all(inputs.map((input) => jsonFiles(resolve(input))))).flat();
    const records: { label: string; record: Record<string, unknown> }[] = [];
    let failed = 0;
    for (const file of files) {
      try {
        const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
        const list = Array.isArray(parsed) ? parsed : [parsed];
        for (const record of list) {
          if (typeof record !== 'object' || record === null || Array.isArray(record)) {
            io.err(red(io, `${shown(file)}: holds something that is not an OSV record; skipped\n`));
            failed++;
          } else records.push({ label: shown(file), record: record as Record<string, unknown> });
        }
      } catch (error) {
        io.err(red(io, `${shown(file)}: not JSON (${(error as Error).message}); skipped\n`));
        failed++;
      }
    }
    io.err(`importing ${records.length} record(s) from ${files.length} file(s) ...\n`);

    // Advisories imported before, by every id they answer to: a record already here is updated or left alone.
    const known = new Map<
      string,
      { id: string; path: string; modified: string | undefined; draft: boolean }
    >();
    for (const advisory of content.advisories) {
      const entry = {
        id: advisory.data.id,
        path: advisory.source.path,
        modified: advisory.data.imported?.modified,
        draft: advisory.data.draft,
      };
      for (const key of [advisory.data.id, advisory.data.imported?.from, ...advisory.data.aliases])
        if (key) known.set(key, entry);
    }
    const plan = planImport(records, known, values.update === true);
    for (const { label, id, reason } of plan.skipped) io.out(`${label}: ${id} ${reason}\n`);

    const attempt = (accepted: readonly ImportRecord[]) =>
      convert(accepted, content, {
        project: values.project,
        createProjects: values['create-projects'] === true,
        publish: values.publish === true,
      });
    // First pass: convert and check every record; those that fail are dropped and give back their ids.
    let result = attempt(plan.todo);
    for (const { label, source, message } of result.failed) {
      failed++;
      io.err(red(io, `${label} (${source}): ${message}\n`));
    }
    let staged = await stageAndCheck(dir, privateDir, advisoriesDir, result);
    if (staged.rejected.size > 0) {
      for (const item of result.converted) {
        const message = staged.rejected.get(item.imported.id);
        if (!message) continue;
        failed++;
        io.err(red(io, `${item.label} (${item.imported.source}): would not pass the checker: ${message}\n`));
      }
      result = attempt(
        result.converted.filter((item) => !staged.rejected.has(item.imported.id)).map((item) => item.input),
      );
      staged = await stageAndCheck(dir, privateDir, advisoriesDir, result);
      if (staged.rejected.size > 0)
        throw new ContentError(
          `the import would leave the content invalid; nothing was written:\n${[...staged.rejected.values()].join('\n')}`,
        );
    }

    // Nothing is written before every file is known to be valid.
    for (const project of result.projects) {
      const target = join(dir, CONTENT_LAYOUT.projects, `${project.slug}.md`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, project.text, { flag: 'wx' });
      io.out(
        `created project ${project.slug} for ${project.ecosystem} package ${project.name} -> ${shown(target)}\n`,
      );
    }
    let imported = 0;
    let updated = 0;
    for (const item of result.converted) {
      const target =
        item.input.replaces ?? join(advisoriesDir, yearFolder(item.imported.id), `${item.imported.id}.md`);
      await mkdir(dirname(target), { recursive: true });
      if (item.input.replaces) {
        await writeFile(`${target}.tmp`, item.text);
        await rename(`${target}.tmp`, target);
        updated++;
        io.out(`${item.imported.source} -> ${shown(target)} (updated)\n`);
      } else {
        await writeFile(target, item.text, { flag: 'wx' });
        imported++;
        io.out(`${item.imported.source} -> ${shown(target)}\n`);
      }
      for (const warning of item.imported.warnings) io.out(`  note: ${warning}\n`);
    }
    const counts = [
      `imported ${imported} advisor${imported === 1 ? 'y' : 'ies'}`,
      ...(updated > 0 ? [`updated ${updated}`] : []),
      ...(plan.skipped.length > 0 ? [`left ${plan.skipped.length} unchanged`] : []),
      ...(result.projects.length > 0 ? [`created ${result.projects.length} project(s)`] : []),
      ...(failed > 0 ? [`${failed} could not be imported`] : []),
    ];
    const summary = `${counts.join('; ')}.${values.publish ? '' : ' They are drafts: review each, then remove draft: true.'}\n`;
    io.err(failed > 0 ? red(io, summary) : green(io, summary));
    return failed > 0 ? EXIT.problems : EXIT.ok;
  },
};

interface ImportRecord {
  label: string;
  record: Record<string, unknown>;
  /** The file of the advisory this record updates, keeping its id. */
  replaces?: string | undefined;
  keepId?: string | undefined;
  /** Whether the advisory it updates is a draft; an update keeps that. */
  wasDraft?: boolean | undefined;
}

/** Which records are new, which update an advisory imported before, and which are left alone. */
function planImport(
  records: readonly { label: string; record: Record<string, unknown> }[],
  known: ReadonlyMap<string, { id: string; path: string; modified: string | undefined; draft: boolean }>,
  update: boolean,
): { todo: ImportRecord[]; skipped: { label: string; id: string; reason: string }[] } {
  const todo: ImportRecord[] = [];
  const skipped: { label: string; id: string; reason: string }[] = [];
  const seen = new Set<string>();
  for (const { label, record } of records) {
    const source = typeof record['id'] === 'string' ? record['id'] : '';
    const keys = [source, ...(Array.isArray(record['aliases']) ? record['aliases'].map(String) : [])];
    const there = keys.map((key) => known.get(key)).find(Boolean);
    if (seen.has(source)) {
      skipped.push({ label, id: source, reason: 'appears twice in the input; the first is used' });
      continue;
    }
    seen.add(source);
    if (!there) {
      todo.push({ label, record });
      continue;
    }
    const newer =
      typeof record['modified'] === 'string' &&
      (!there.modified || Date.parse(record['modified']) > Date.parse(there.modified));
    if (newer && update)
      todo.push({ label, record, replaces: there.path, keepId: there.id, wasDraft: there.draft });
    else
      skipped.push({
        label,
        id: source,
        reason: newer
          ? `is newer than ${there.id}; pass --update to update it`
          : `is already imported as ${there.id}; unchanged`,
      });
  }
  return { todo, skipped };
}

interface Converted {
  input: ImportRecord;
  label: string;
  imported: Imported;
  text: string;
}

interface CreatedProject {
  slug: string;
  ecosystem: string;
  name: string;
  text: string;
}

/** Turns records into advisory files, allocating ids in order and creating projects as asked. */
function convert(
  records: readonly ImportRecord[],
  content: ContentSet,
  options: { project: string | undefined; createProjects: boolean; publish: boolean },
): {
  converted: Converted[];
  failed: { label: string; source: string; message: string }[];
  projects: CreatedProject[];
} {
  const taken = new Set(content.advisories.map((a) => a.data.id));
  const prefix = content.organisation.data.advisoryPrefix;
  const projects = new Map(content.projects.map((p) => [p.slug, p.data]));
  const created: CreatedProject[] = [];
  const converted: Converted[] = [];
  const failed: { label: string; source: string; message: string }[] = [];
  for (const input of records) {
    let allocated: string | undefined;
    const context = {
      organisation: content.organisation.data,
      severities: content.severities.data,
      projects,
      publish: options.publish,
      project: options.project,
      nextId: (year: number) => {
        if (!input.keepId && !prefix)
          throw new Error(
            'has no CVE id, and organisation.yaml names advisories by CVE (advisoryIds: cve); import it once it has one',
          );
        allocated = input.keepId ?? nextAdvisoryId(taken, prefix ?? '', year);
        return allocated;
      },
      createProject: options.createProjects
        ? (ecosystem: string, name: string, repository: string | undefined) => {
            const project = createdProject(projects, ecosystem, name, repository);
            projects.set(project.slug, project.data);
            created.push({ slug: project.slug, ecosystem, name, text: project.text });
            return project.slug;
          }
        : undefined,
    };
    const projectsBefore = created.length;
    try {
      const imported = fromOsv(input.record, context);
      // An update keeps the advisory's id and its draft state as the maintainer left it.
      if (input.keepId) imported.frontMatter['id'] = input.keepId;
      if (input.keepId) {
        if (input.wasDraft) imported.frontMatter['draft'] = true;
        else delete imported.frontMatter['draft'];
      }
      if (allocated) taken.add(allocated);
      const yaml = jsYaml.dump(imported.frontMatter, { lineWidth: -1, noRefs: true, quotingType: "'" });
      // The details follow the front matter's blank line exactly as the source wrote them.
      const body = imported.body;
      converted.push({
        input,
        label: input.label,
        imported: { ...imported, id: input.keepId ?? imported.id },
        text: `---\n${yaml}---\n${body ? `\n${body}` : ''}`,
      });
    } catch (error) {
      for (const project of created.splice(projectsBefore)) projects.delete(project.slug);
      failed.push({
        label: input.label,
        source: typeof input.record['id'] === 'string' ? input.record['id'] : '?',
        message: (error as Error).message,
      });
    }
  }
  return { converted, failed, projects: created };
}

/** A project file for a package no project publishes: named after it, linking its registry or repository. */
function createdProject(
  projects: ReadonlyMap<string, Project>,
  ecosystem: string,
  name: string,
  repository: string | undefined,
): { slug: string; data: Project; text: string } {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'package';
  let slug = base;
  for (let n = 2; projects.has(slug); n++) slug = `${base}-${n}`;
  const data = {
    name,
    summary: `The ${ecosystem} package ${name}, created by an import.`,
    repository: repository ?? `https://osv.dev/list?q=${encodeURIComponent(name)}`,
    packages: [{ ecosystem, name }],
    status: 'active',
    related: [],
    order: 0,
  } as Project;
  const front = { name, summary: data.summary, repository: data.repository, packages: data.packages };
  const text = `---\n${jsYaml.dump(front, { lineWidth: 100, noRefs: true, quotingType: "'" })}---\n`;
  return { slug, data, text };
}

/** Advisories are filed by year: advisories/2026/PREFIX-2026-0001.md. */
function yearFolder(id: string): string {
  return /-(\d{4})-\d+$/.exec(id)?.[1] ?? '';
}

/**
 * Writes the import into a copy of the content, runs the checker on it, and says which new
 * advisories it rejects and why. Nothing in the real content folder is touched.
 */
async function stageAndCheck(
  dir: string,
  privateDir: string | undefined,
  advisoriesDir: string,
  result: ReturnType<typeof convert>,
): Promise<{ rejected: Map<string, string> }> {
  const stage = await mkdtemp(join(tmpdir(), 'disclose-import-'));
  try {
    const stagedContent = join(stage, 'content');
    await cp(dir, stagedContent, { recursive: true });
    const stagedPrivate = privateDir && join(stage, 'private');
    if (privateDir && stagedPrivate && existsSync(privateDir))
      await cp(privateDir, stagedPrivate, { recursive: true });
    const mapPath = (path: string) => {
      if (isInside(dir, path)) return join(stagedContent, relative(dir, path));
      if (privateDir && stagedPrivate && isInside(privateDir, path))
        return join(stagedPrivate, relative(privateDir, path));
      return path;
    };
    const files = new Map<string, string>();
    for (const project of result.projects) {
      const target = join(stagedContent, CONTENT_LAYOUT.projects, `${project.slug}.md`);
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, project.text);
    }
    for (const item of result.converted) {
      const target = mapPath(
        item.input.replaces ?? join(advisoriesDir, yearFolder(item.imported.id), `${item.imported.id}.md`),
      );
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, item.text);
      files.set(resolve(target), item.imported.id);
    }
    const { problems } = await loadContent({ content: stagedContent, private: stagedPrivate });
    const rejected = new Map<string, string>();
    for (const problem of problems) {
      const id = files.get(resolve(problem.file));
      const message = `${problem.field || '(file)'}: ${problem.message}`;
      if (id) rejected.set(id, rejected.has(id) ? `${rejected.get(id)}; ${message}` : message);
      else rejected.set(`(content) ${problem.file}`, formatProblem(problem));
    }
    return { rejected };
  } finally {
    await rm(stage, { recursive: true, force: true });
  }
}

function isInside(parent: string, path: string): boolean {
  const inside = relative(parent, path);
  return inside === '' || (!inside.startsWith('..') && !isAbsolute(inside));
}

async function jsonFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) throw new ContentError(`${shown(path)} does not exist`);
  if (!statSync(path).isDirectory()) return [path];
  return (await readdir(path, { recursive: true }))
    .filter((name) => name.endsWith('.json') && basename(name) !== 'all.json')
    .map((name) => join(path, name))
    .sort();
}
