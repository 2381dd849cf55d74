import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ContentSet } from '../content/load-content.ts';
import { byPolicyOrder, byProjectOrder, mainPolicy } from '../ordering.ts';
import { isPublic } from '../publication.ts';
import { paths } from '../urls.ts';
import { renderAnnouncement } from './announcement.ts';
import { rfc3339, type AdvisorySource, type OutputContext } from './context.ts';
import { csafProviderMetadata, csafReleaseDate, newestRelease, toCsaf } from './csaf.ts';
import { folderMaker, type Folders } from './folders.ts';
import { feedEntries, feedSpecs, renderAtom, renderJsonFeed, type FeedSpec } from './feeds.ts';
import { osvId, osvIndex, toOsv } from './osv.ts';
import { idIndex, type IdEntry } from './id-index.ts';
import type { AdvisoryOutline } from './outline.ts';
import type { Advisory } from '../../schemas/advisory.ts';
import { renderSecurityTxt } from './security-txt.ts';

/**
 * An advisory whose own files the build cache gives (see OutputReuse): the outputs that list every
 * advisory need only its outline, unless a feed that is written shows it in full.
 */
export interface OutlinedSource {
  outline: AdvisoryOutline;
}

/** What the outputs are written from: the context, every advisory with its details, the main policy page. */
export interface OutputInput {
  context: OutputContext;
  /** Every advisory, drafts and embargoed ones included; `writeOutputs` decides what is public. */
  advisories: readonly (AdvisorySource | OutlinedSource)[];
  /** Whether the site has an acknowledgments page for security.txt to point at. Default: true. */
  acknowledgmentsPage?: boolean;
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

/** What the outputs need of a content set, and no more. */
export function outputInput(
  content: ContentSet,
  written: (id: string) => boolean = () => true,
): Omit<OutputInput, 'advisories'> & { advisories: AdvisorySource[] } {
  const policies = [...content.policies].sort(byPolicyOrder);
  return {
    context: outputContext(content),
    // Only an advisory's own files quote its details: those whose files come from the build cache
    // (`written` is false) go without, which spares copying them to the outputs worker.
    advisories: content.advisories.map((entry) => ({
      data: entry.data,
      details: written(entry.data.id) ? entry.source.body : '',
    })),
    policySlug: mainPolicy(policies, (p) => p.slug, content.organisation.data.policyPage)?.slug,
  };
}

/** A file written, with the hash the manifest lists, so the manifest need not read it back. */
export interface WrittenFile {
  /** Path on the site, e.g. `/osv/all.json`. */
  path: string;
  sha256: string;
  bytes: number;
}

/**
 * Files of advisories a previous build wrote, unchanged since (see the build cache): taken as they
 * are instead of written again. `wrote` hears of the files written for every other advisory.
 */
export interface OutputReuse {
  cached(id: string): { outputs: WrittenFile[]; osv: { id: string; modified: string } } | undefined;
  /** Puts the cached file at `path` (a path on the site) of the advisory `id` in the site. */
  take(id: string, path: string): void;
  wrote(id: string, outputs: WrittenFile[], osv: { id: string; modified: string }): void;
  /** Whether the cache gives this file (a feed), which is then not written. */
  gives?(path: string): boolean;
  /** The folders made already (see folderMaker), shared with whoever places the rest of the site. */
  folders?: Folders;
}

/**
 * Writes every machine-readable file other than the pages' own into `outDir`: per advisory its
 * OSV record, CSAF document and fix announcement; the OSV index, feeds, security.txt and the
 * CSAF provider metadata with its index.txt, changes.csv and folder listings.
 * Only public advisories are read, so nothing embargoed can reach a file.
 * Files are written synchronously: tens of thousands of small files in a row go faster that way
 * than through the thread pool. `place` says where a site path goes on disk (by default under
 * `outDir`). Returns the files written, sorted by path.
 */
export function writeOutputs(
  input: OutputInput,
  outDir: string,
  now: Date,
  place: (path: string) => string = (path) => join(outDir, path),
  reuse?: OutputReuse,
): WrittenFile[] {
  const { context } = input;
  const { organisation } = context;
  const advisories = input.advisories.filter((source) => isPublic(outlined(source), now));
  const written: WrittenFile[] = [];
  const inFolder = folderMaker(reuse?.folders);
  const write = (path: string, text: string) => {
    const bytes = Buffer.from(text);
    writeFileSync(inFolder(place(path)), bytes);
    written.push({ path, sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length });
  };
  const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

  const index: { id: string; modified: string }[] = [];
  const csafFiles: { path: string; released: Date }[] = [];
  for (const source of advisories) {
    const data = outlined(source);
    const csafPath = paths.csaf(data.id, data.published.getUTCFullYear());
    csafFiles.push({ path: csafPath, released: csafReleaseDate(data) });
    const cached = reuse?.cached(data.id);
    if (cached) {
      for (const file of cached.outputs) {
        reuse?.take(data.id, file.path);
        written.push(file);
      }
      index.push(cached.osv);
      continue;
    }
    if (!('data' in source))
      throw new Error(`${data.id}: the build cache was to give its files, and does not`);
    const first = written.length;
    const osv = toOsv(source, context);
    index.push({ id: osv.id, modified: osv.modified });
    write(paths.osv(osv.id), json(osv));
    write(csafPath, json(toCsaf(source, context)));
    write(paths.announcement(data.id), renderAnnouncement(source, context));
    reuse?.wrote(data.id, written.slice(first), { id: osv.id, modified: osv.modified });
  }
  write(paths.osvIndex(), json(osvIndex(index)));
  const outlines = advisories.map(outlined);
  const byShard = idIndex(outlines, (id) => osvId(organisation, id));
  // Shards whose names differ only in what a file name cannot hold (`DSA-5.12`, `DSA-5:12`) share
  // a file, the one the search page asks for either; the search page looks an id up by itself.
  const byFile = new Map<string, Record<string, IdEntry>>();
  for (const shard of [...byShard.keys()].sort()) {
    const path = paths.searchIds(shard);
    const ids = byShard.get(shard) ?? {};
    // Ids of different shards differ, so no id is in both.
    const before = byFile.get(path);
    byFile.set(path, before ? Object.assign(before, ids) : ids);
  }
  for (const [path, ids] of byFile) write(path, JSON.stringify(ids));
  // The list of shards, so the search page asks only for one that exists.
  write(paths.searchIdShards(), JSON.stringify([...byFile.keys()]));

  const newest = newestRelease(outlines);
  // A feed written shows its entries in full: each must come with its data.
  const whole = new Map<string, Advisory>();
  for (const source of advisories) if ('data' in source) whole.set(source.data.id, source.data);
  const inFull = ({ id }: AdvisoryOutline) => {
    const data = whole.get(id);
    if (!data) throw new Error(`${id}: a feed that is written shows it, and it came without its data`);
    return data;
  };
  for (const spec of feedSpecs(context, outlines)) {
    const [atom, json] = [spec.atomPath, spec.jsonPath].map((path) => !reuse?.gives?.(path));
    if (!atom && !json) continue;
    const shown: FeedSpec = { ...spec, advisories: feedEntries(spec.advisories).map(inFull) };
    if (atom) write(spec.atomPath, renderAtom(shown, context, newest));
    if (json) write(spec.jsonPath, renderJsonFeed(shown, context));
  }

  writeCsafDistribution(csafFiles, write);
  write(paths.csafProviderMetadata(), json(csafProviderMetadata(organisation, newest)));

  const securityTxt =
    input.policySlug &&
    renderSecurityTxt(
      organisation,
      [...context.projects.values()],
      input.policySlug,
      true,
      input.acknowledgmentsPage ?? true,
    );
  if (securityTxt) write(paths.securityTxt(), securityTxt);
  return written.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** What the outputs that list every advisory read of one, whether it comes in full or as its outline. */
function outlined(source: AdvisorySource | OutlinedSource): AdvisoryOutline {
  return 'data' in source ? source.data : source.outline;
}

/**
 * CSAF's directory-based distribution (requirements 11 to 14): one folder per year, index.txt,
 * changes.csv (newest first) and a listing page for each folder.
 */
function writeCsafDistribution(
  files: readonly { path: string; released: Date }[],
  write: (path: string, text: string) => void,
): void {
  const root = paths.csafFolder();
  const relative = (path: string) => path.slice(root.length);
  const sorted = [...files].sort(
    (a, b) => b.released.getTime() - a.released.getTime() || (a.path < b.path ? -1 : 1),
  );
  write(
    `${root}index.txt`,
    sorted
      .map((f) => `${relative(f.path)}\n`)
      .sort()
      .join(''),
  );
  write(`${root}changes.csv`, sorted.map((f) => `"${relative(f.path)}","${rfc3339(f.released)}"\n`).join(''));
  const folders = new Map<string, string[]>();
  for (const { path } of files) {
    const [year = '', name = ''] = relative(path).split('/');
    const names = folders.get(year);
    if (names) names.push(name);
    else folders.set(year, [name]);
  }
  write(
    `${root}index.html`,
    listing(root, ['index.txt', 'changes.csv', ...[...folders.keys()].sort().map((y) => `${y}/`)]),
  );
  for (const [year, names] of folders)
    write(`${root}${year}/index.html`, listing(`${root}${year}/`, names.sort()));
}

/** A folder listing for CSAF consumers that browse: no script, no requests, held to the pages' standard. */
function listing(folder: string, names: readonly string[]): string {
  const html = (text: string) => text.replaceAll(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const items = names.map((name) => `<li><a href="${html(name)}">${html(name)}</a></li>`).join('\n');
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta http-equiv="content-security-policy" content="default-src 'none'; img-src data:; style-src 'unsafe-inline'">`,
    '<link rel="icon" href="data:,">',
    // Links large enough to tap (WCAG 2.2 target size), in the reader's colour scheme.
    '<style>:root{color-scheme:light dark;font-family:system-ui,sans-serif;line-height:1.6;background:#fff;color:#1b1f24}a{color:#0550ae}li a{display:inline-block;min-height:44px;padding:0.5rem 0}@media (prefers-color-scheme:dark){:root{background:#0d1117;color:#e6edf3}a{color:#79c0ff}}</style>',
    `<title>Index of ${html(folder)}</title>`,
  ].join('');
  return `<!doctype html>\n<html lang="en"><head>${head}</head>\n<body><h1>Index of ${html(folder)}</h1>\n<ul>\n${items}\n</ul></body></html>\n`;
}
