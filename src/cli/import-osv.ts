import { existsSync, statSync } from 'node:fs';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import jsYaml from 'js-yaml';
import { contentDir, privateContentDir } from '../lib/content/folders.ts';
import { nextAdvisoryId } from '../lib/content/advisory-ids.ts';
import { CONTENT_LAYOUT } from '../lib/content/layout.ts';
import { loadContent } from '../lib/content/load-content.ts';
import { formatProblems } from '../lib/content/problems.ts';
import { fromOsv } from '../lib/import/from-osv.ts';
import { ContentError, EXIT, green, parse, red, shown, UsageError, type Command } from './io.ts';

export const importCommand: Command = {
  summary: 'Turn OSV JSON advisories (GitHub, RustSec, PyPA, Go, ...) into advisory files',
  help: `Usage: disclose import osv <file or folder> ... [--project <slug>] [--severity <id>] [--content <folder>]

Reads OSV records (a .json file holding one record or a list of them; a folder is read whole)
and writes one advisory file each into advisories/, keeping every field the content model holds:
ids and aliases, dates, withdrawal, summary, details, CVSS 3.1 and 4.0 vectors, CWE ids,
affected packages with their ranges and versions, references and credits.
  --project   the project for records whose package matches no project's packages
  --severity  the severity for records that carry neither a severity word nor a CVSS vector
A record keeps its id when it is one of yours (PREFIX-YYYY-NNNN, also as x_PREFIX-...);
any other gets the next free id of its year, and its own id becomes an alias.
Prints what each record became and every field it could not carry over. Never overwrites a file.
Exit code 1 when a record could not be imported; the others are still written.
`,
  async run(args, io) {
    const { values, positionals } = parse(args, {
      content: { type: 'string' },
      project: { type: 'string' },
      severity: { type: 'string' },
    });
    const [format, ...inputs] = positionals;
    if (format !== 'osv') throw new UsageError('say which format: disclose import osv <file or folder>');
    if (inputs.length === 0) throw new UsageError('name at least one OSV file or folder');
    const dir = resolve(values.content ?? contentDir());
    // The private folder's ids are taken too: an import never reuses one.
    const { content, problems } = await loadContent({ content: dir, private: privateContentDir() });
    if (!content)
      throw new ContentError(`${formatProblems(problems)}\nFix the content first; the import adds to it.`);
    if (values.project && !content.projects.some((p) => p.slug === values.project)) {
      throw new UsageError(`--project "${values.project}" is not a project in ${shown(dir)}`);
    }
    if (values.severity && !content.severities.data.some((s) => s.id === values.severity)) {
      throw new UsageError(
        `--severity "${values.severity}" is not one of ${content.severities.data.map((s) => s.id).join(', ')}`,
      );
    }

    const existing = new Map(content.advisories.map((a) => [a.data.id, a.source.path]));
    const taken = new Set(existing.keys());
    const prefix = content.organisation.data.advisoryPrefix;
    const nextId = (year: number) => {
      const id = nextAdvisoryId(taken, prefix, year);
      taken.add(id);
      return id;
    };
    const context = {
      organisation: content.organisation.data,
      severities: content.severities.data,
      projects: new Map(content.projects.map((p) => [p.slug, p.data])),
      nextId,
      project: values.project,
      severity: values.severity,
    };

    const files = (await Promise.all(inputs.map((input) => jsonFiles(resolve(input))))).flat();
    io.err(`importing ${files.length} file(s) into ${shown(join(dir, CONTENT_LAYOUT.advisories))} ...\n`);
    let imported = 0;
    let failed = 0;
    for (const file of files) {
      let records: unknown[];
      try {
        const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
        records = Array.isArray(parsed) ? parsed : [parsed];
      } catch (error) {
        io.err(red(io, `${shown(file)}: not JSON (${(error as Error).message}); skipped\n`));
        failed++;
        continue;
      }
      for (const record of records) {
        const label = `${shown(file)}${records.length > 1 ? ` (${String((record as { id?: unknown }).id)})` : ''}`;
        try {
          if (typeof record !== 'object' || record === null) throw new Error('is not an OSV record');
          const result = fromOsv(record as Record<string, unknown>, context);
          const target = join(dir, CONTENT_LAYOUT.advisories, `${result.id}.md`);
          // Only a record that keeps its own id can meet an advisory already there.
          const there = existing.get(result.id) ?? (existsSync(target) ? shown(target) : undefined);
          if (there) throw new Error(`${result.id} already exists as ${there}; nothing was written`);
          await mkdir(join(dir, CONTENT_LAYOUT.advisories), { recursive: true });
          const yaml = jsYaml.dump(result.frontMatter, { lineWidth: 100, noRefs: true, quotingType: "'" });
          await writeFile(target, `---\n${yaml}---\n\n${result.body.trim()}\n`, { flag: 'wx' });
          imported++;
          io.out(`${result.source} -> ${shown(target)}\n`);
          for (const field of result.unmapped) io.out(`  not carried over: ${field}\n`);
        } catch (error) {
          failed++;
          io.err(red(io, `${label}: ${(error as Error).message}\n`));
        }
      }
    }
    const summary = `imported ${imported} advisor${imported === 1 ? 'y' : 'ies'}${failed > 0 ? `; ${failed} could not be imported` : ''}. Review them, then run disclose check.\n`;
    io.err(failed > 0 ? red(io, summary) : green(io, summary));
    return failed > 0 ? EXIT.problems : EXIT.ok;
  },
};

async function jsonFiles(path: string): Promise<string[]> {
  if (!existsSync(path)) throw new ContentError(`${shown(path)} does not exist`);
  if (!statSync(path).isDirectory()) return [path];
  return (await readdir(path, { recursive: true }))
    .filter((name) => name.endsWith('.json') && basename(name) !== 'all.json')
    .map((name) => join(path, name))
    .sort();
}
