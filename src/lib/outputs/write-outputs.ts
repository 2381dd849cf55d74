import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ContentSet } from '../content/load-content.ts';
import { mapLimit } from '../content/map-limit.ts';
import { byPolicyOrder, byProjectOrder, mainPolicy } from '../ordering.ts';
import { isPublic } from '../publication.ts';
import { paths } from '../urls.ts';
import { renderAnnouncement } from './announcement.ts';
import { rfc3339, type AdvisorySource, type OutputContext } from './context.ts';
import { csafProviderMetadata, csafReleaseDate, toCsaf } from './csaf.ts';
import { feedSpecs, renderAtom, renderJsonFeed } from './feeds.ts';
import { osvIndex, toOsv } from './osv.ts';
import { renderSecurityTxt } from './security-txt.ts';

/** What the outputs are written from: the context, every advisory with its details, the main policy page. */
export interface OutputInput {
  context: OutputContext;
  /** Every advisory, drafts and embargoed ones included; `writeOutputs` decides what is public. */
  advisories: AdvisorySource[];
  /** Slug of the policy page security.txt links to. */
  policySlug: string | undefined;
}

/** The context outputs are written from, with projects in the order the site lists them. */
export function outputContext(content: ContentSet): OutputContext {
  return {
    organisation: content.organisation.data,
    severities: content.severities.data,
    timeline: content.timeline.data,
    projects: new Map([...content.projects].sort(byProjectOrder).map((p) => [p.slug, p.data])),
  };
}

/** Keeps what the outputs need of a content set, and no more, for the length of a build. */
export function outputInput(content: ContentSet): OutputInput {
  const policies = [...content.policies].sort(byPolicyOrder);
  return {
    context: outputContext(content),
    advisories: content.advisories.map((entry) => ({ data: entry.data, details: entry.source.body })),
    policySlug: mainPolicy(policies, (p) => p.slug, content.organisation.data.policyPage)?.slug,
  };
}

/**
 * Writes every machine-readable file other than the pages' own into `outDir`: per advisory its
 * OSV record, CSAF document and fix announcement; the OSV index, feeds, security.txt and the
 * CSAF provider metadata with its index.txt, changes.csv and folder listings.
 * Only public advisories are read, so nothing embargoed can reach a file. Returns the paths written.
 */
export async function writeOutputs(input: OutputInput, outDir: string, now: Date): Promise<string[]> {
  const { context } = input;
  const { organisation } = context;
  const advisories = input.advisories.filter((source) => isPublic(source.data, now));
  const written: string[] = [];
  const made = new Set<string>();
  const write = async (path: string, text: string) => {
    const file = join(outDir, path);
    const folder = dirname(file);
    if (!made.has(folder)) {
      await mkdir(folder, { recursive: true });
      made.add(folder);
    }
    await writeFile(file, text);
    written.push(path);
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  const index: { id: string; modified: string }[] = [];
  const csafFiles: { path: string; released: Date }[] = [];
  await mapLimit(advisories, 64, async (source) => {
    const { data } = source;
    const osv = toOsv(source, context);
    index.push({ id: osv.id, modified: osv.modified });
    const csafPath = paths.csaf(data.id, data.published.getUTCFullYear());
    csafFiles.push({ path: csafPath, released: csafReleaseDate(data) });
    await write(paths.osv(osv.id), json(osv));
    await write(csafPath, json(toCsaf(source, context)));
    await write(paths.announcement(data.id), renderAnnouncement(source, context));
  });
  await write(paths.osvIndex(), json(osvIndex(index)));

  const newest = advisories.reduce((latest, { data }) => {
    const date = csafReleaseDate(data);
    return date > latest ? date : latest;
  }, new Date(0));
  for (const spec of feedSpecs(
    context,
    advisories.map((a) => a.data),
  )) {
    await write(spec.atomPath, renderAtom(spec, context, newest));
    await write(spec.jsonPath, renderJsonFeed(spec, context));
  }

  await writeCsafDistribution(csafFiles, write);
  await write(paths.csafProviderMetadata(), json(csafProviderMetadata(organisation, newest)));

  const securityTxt =
    input.policySlug &&
    renderSecurityTxt(organisation, [...context.projects.values()], input.policySlug, true);
  if (securityTxt) await write(paths.securityTxt(), securityTxt);
  return written.sort();
}

/**
 * CSAF's directory-based distribution (requirements 11 to 14): one folder per year, index.txt,
 * changes.csv (newest first) and a listing page for each folder.
 */
async function writeCsafDistribution(
  files: readonly { path: string; released: Date }[],
  write: (path: string, text: string) => Promise<void>,
): Promise<void> {
  const root = paths.csafFolder();
  const relative = (path: string) => path.slice(root.length);
  const sorted = [...files].sort(
    (a, b) => b.released.getTime() - a.released.getTime() || (a.path < b.path ? -1 : 1),
  );
  await write(
    `${root}index.txt`,
    sorted
      .map((f) => `${relative(f.path)}\n`)
      .sort()
      .join(''),
  );
  await write(
    `${root}changes.csv`,
    sorted.map((f) => `"${relative(f.path)}","${rfc3339(f.released)}"\n`).join(''),
  );
  const folders = new Map<string, string[]>();
  for (const { path } of files) {
    const [year = '', name = ''] = relative(path).split('/');
    const names = folders.get(year);
    if (names) names.push(name);
    else folders.set(year, [name]);
  }
  await write(
    `${root}index.html`,
    listing(root, ['index.txt', 'changes.csv', ...[...folders.keys()].sort().map((y) => `${y}/`)]),
  );
  for (const [year, names] of folders)
    await write(`${root}${year}/index.html`, listing(`${root}${year}/`, names.sort()));
}

function listing(folder: string, names: readonly string[]): string {
  const items = names.map((name) => `<li><a href="${name}">${name}</a></li>`).join('\n');
  return `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>Index of ${folder}</title></head>\n<body><h1>Index of ${folder}</h1>\n<ul>\n${items}\n</ul></body></html>\n`;
}
