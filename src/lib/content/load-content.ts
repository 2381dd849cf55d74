import { existsSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { AdvisorySchema, type Advisory } from '../../schemas/advisory.ts';
import { SlugSchema } from '../../schemas/common.ts';
import { OrganisationSchema, type Organisation } from '../../schemas/organisation.ts';
import { PolicyPageSchema, type PolicyPage } from '../../schemas/policy.ts';
import { ProjectSchema, type Project } from '../../schemas/project.ts';
import { SeverityScaleSchema, type Severity } from '../../schemas/severity.ts';
import { TimelineSchema, type Timeline } from '../../schemas/timeline.ts';
import { buildTime } from '../publication.ts';
import { logoProblem } from '../logo.ts';
import { advisoryCheckContext } from './check-advisories.ts';
import { checkPublication } from './check-publication.ts';
import { checkMdx } from './check-mdx.ts';
import { checkReferences } from './check-references.ts';
import { contentFiles, type ContentFolders } from './content-files.ts';
import { CONTENT_LAYOUT } from './layout.ts';
import { sortProblems, type Problem } from './problems.ts';
import type { ChecksRecord, FrontMatterCache } from './front-matter-cache.ts';
import { readFileText, readSourceFile, type FileText, type SourceFile } from './source-file.ts';
import { parseWith, salvage } from './zod-problems.ts';

/** A Markdown entry: its slug (the file name), where it lives, its validated front matter and its body. */
export interface Entry<T> {
  slug: string;
  source: SourceFile;
  data: T;
  /** Whether the file is in the private content folder (advisories only). */
  private?: boolean;
}

/** A whole content folder, validated. */
export interface ContentSet {
  dir: string;
  organisation: Parsed<Organisation>;
  severities: Parsed<Severity[]>;
  timeline: Parsed<Timeline>;
  projects: Entry<Project>[];
  policies: Entry<PolicyPage>[];
  /** Every advisory, drafts and embargoed ones included; publication decides what is shown. */
  advisories: Entry<Advisory>[];
}


/**
 * Reads and validates every file of a content folder with the same schemas the site uses,
 * then checks references between files. Returns every problem found, never just the first.
 */
export async function loadContent(
  where: string | ContentFolders,
  { checked }: { checked?: FrontMatterCache | undefined } = {},
): Promise<{ content?: ContentSet; problems: Problem[]; checks?: ChecksRecord }> {
  const folders: ContentFolders = typeof where === 'string' ? { content: where } : where;
  const dir = folders.content;
  const problems: Problem[] = [];
  if (folders.private && !existsSync(folders.private)) {
    problems.push({
      file: relative(process.cwd(), folders.private) || '.',
      field: '',
      message:
        'private content folder does not exist; check it out (see "Embargoes and public repositories" in the README) or unset DISCLOSE_PRIVATE_CONTENT',
    });
    return { problems };
  }
  if (!existsSync(dir)) {
    problems.push({
      file: relative(process.cwd(), dir) || '.',
      field: '',
      message: 'content folder does not exist; create it or point DISCLOSE_CONTENT at one',
    });
    return { problems };
  }

  const partial: PartialContent = {
    dir,
    organisation: readSingleton(dir, CONTENT_LAYOUT.organisation, problems, (s) =>
      parseWith(OrganisationSchema, s, problems),
    ),
    severities: readSingleton(dir, CONTENT_LAYOUT.severities, problems, (s) =>
      parseWith(SeverityScaleSchema, s, problems, s.data ?? []),
    ),
    timeline: readSingleton(dir, CONTENT_LAYOUT.timeline, problems, (s) =>
      parseWith(TimelineSchema, s, problems),
    ),
    projects: readEntries(folders, 'projects', problems, (s) => parseWith(ProjectSchema, s, problems)),
    policies: readEntries(folders, 'policy', problems, (s) => parseWith(PolicyPageSchema, s, problems)),
    advisories: [],
    salvaged: [],
  };
  ({ entries: partial.advisories, salvaged: partial.salvaged } = readAdvisories(folders, problems, checked));
  const context = checked ? advisoryCheckContext(partial) : undefined;
  if (context) partial.checkedBefore = checked?.passedChecks(context, buildTime());
  // References are checked on whatever parsed, so one run reports every problem.
  const logo = partial.organisation?.data.appearance.logo;
  const logoError = logo === undefined ? undefined : await logoProblem(dir, logo);
  if (logoError)
    problems.push({
      file: relative(process.cwd(), join(dir, CONTENT_LAYOUT.organisation)),
      field: 'appearance.logo',
      message: logoError,
    });
  problems.push(
    ...checkReferences(partial),
    ...checkPublication(partial, buildTime()),
    ...checkMdx(partial.policies.entries),
  );
  // Taken once the checks are done: every date they found not in the future is not later than this.
  const checks = context ? { context, at: buildTime().getTime() } : undefined;
  const { organisation, severities, timeline, projects, policies } = partial;
  if (problems.length > 0 || !organisation || !severities || !timeline) {
    return { problems: sortProblems(problems) };
  }
  return {
    content: {
      dir,
      organisation,
      severities,
      timeline,
      projects: projects.entries,
      policies: policies.entries,
      advisories: partial.advisories,
    },
    problems,
    ...(checks && { checks }),
  };
}

/** A singleton file with the source it came from. */
export interface Parsed<T> {
  data: T;
  source: SourceFile;
}

/** What parsed of a content folder; a missing part failed and has its problems reported already. */
export interface PartialContent {
  dir: string;
  organisation: Parsed<Organisation> | undefined;
  severities: Parsed<Severity[]> | undefined;
  timeline: Parsed<Timeline> | undefined;
  /** `slugs` names every file present, valid or not, so a reference to a broken file is not also reported as missing. */
  projects: { entries: Entry<Project>[]; slugs: string[] };
  policies: { entries: Entry<PolicyPage>[]; slugs: string[] };
  /** Advisories whose front matter parsed; the slug is the id. */
  advisories: Entry<Advisory>[];
  /** What parsed of advisories whose front matter did not, so their other fields are still checked. */
  salvaged: { source: SourceFile; data: Partial<Advisory> }[];
  /** The front matter keys of advisories that passed checkAdvisories in the last build, in the same context. */
  checkedBefore?: ReadonlySet<string> | undefined;
}

function readSingleton<T>(
  dir: string,
  name: string,
  problems: Problem[],
  parse: (source: SourceFile) => T | undefined,
): Parsed<T> | undefined {
  const path = join(dir, name);
  if (!existsSync(path)) {
    problems.push({
      file: relative(process.cwd(), path),
      field: '',
      message: `is missing; every content folder needs ${name} (see "Content reference" in the README)`,
    });
    return undefined;
  }
  const source = readSourceFile(path, problems);
  const data = source && parse(source);
  return source && data !== undefined ? { data, source } : undefined;
}

function readEntries<T>(
  folders: ContentFolders,
  collection: 'projects' | 'policy',
  problems: Problem[],
  parse: (source: SourceFile) => T | undefined,
): { entries: Entry<T>[]; slugs: string[] } {
  const { files, problems: fileProblems } = contentFiles(folders, collection);
  problems.push(...fileProblems);
  const entries: Entry<T>[] = [];
  const seen = new Map<string, string>();
  for (const { path, name: slug, extension } of files) {
    const file = relative(process.cwd(), path);
    const slugCheck = SlugSchema.safeParse(slug);
    if (!slugCheck.success) {
      problems.push({
        file,
        field: '(file name)',
        message: `"${slug}" is not a valid slug; rename the file to lower-case letters, digits and hyphens, e.g. "${toSlug(slug)}${extension}"`,
      });
      continue;
    }
    const previous = seen.get(slug);
    if (previous) {
      problems.push({
        file,
        field: '(file name)',
        message: `duplicate slug "${slug}", also used by ${previous}; rename one of them`,
      });
      continue;
    }
    seen.set(slug, file);
    const source = readSourceFile(path, problems);
    const data = source && parse(source);
    if (source && data !== undefined) entries.push({ slug, source, data });
  }
  return { entries, slugs: [...seen.keys()] };
}

function toSlug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/** The longest advisory body: far longer than any real one, short enough that no page or feed balloons. */
const MAX_BODY = 200_000;

/** Advisories live in advisories/ of the content folder and of the private one, in sub-folders if you like (by year, say); each is <id>.md. */
function readAdvisories(
  folders: ContentFolders,
  problems: Problem[],
  checked: FrontMatterCache | undefined,
): { entries: Entry<Advisory>[]; salvaged: PartialContent['salvaged'] } {
  const listed = contentFiles(folders, 'advisories');
  problems.push(...listed.problems);
  const files = listed.files.map((f) => f.path);
  const isPrivate = new Set(listed.files.filter((f) => f.private).map((f) => f.path));
  const entries: Entry<Advisory>[] = [];
  const salvaged: PartialContent['salvaged'] = [];
  // Every file is read first, then parsed: the build's outputs worker starts making the site's
  // folders a second after this begins, and reading files while folders are made slows both.
  const texts: (FileText | undefined)[] = files.map(readFileText);
  for (const [at, file] of files.entries()) {
    const source = readSourceFile(file, problems, checked, texts[at]);
    texts[at] = undefined;
    // Front matter checked by an earlier build is taken as it was; any other is validated now (and
    // recorded for the next build by whoever writes the outputs, see OutputsJob.frontMatter).
    const data = source && ((source.checked as Advisory | undefined) ?? parseWith(AdvisorySchema, source, problems));
    if (source && !data) {
      const valid = salvage(AdvisorySchema, source.data);
      if (valid) salvaged.push({ source, data: valid });
    }
    if (!source || !data) continue;
    const name = basename(file, '.md');
    if (name !== data.id) {
      problems.push({
        file: source.path,
        line: source.lineOf(['id']),
        field: 'id',
        message: `is "${data.id}" but the file is named ${name}.md; rename the file to ${data.id}.md`,
      });
      continue;
    }
    if (source.body.length > MAX_BODY)
      problems.push({
        file: source.path,
        line: source.bodyLine,
        field: '(body)',
        message: `is ${Math.round(source.body.length / 1000)} kB of Markdown, more than the ${MAX_BODY / 1000} kB an advisory may have; link to long material instead`,
      });
    entries.push({ slug: data.id, source, data, private: isPrivate.has(file) });
  }
  return { entries, salvaged };
}
