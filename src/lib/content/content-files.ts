import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import { basename, extname, join, relative } from 'node:path';
import { CONTENT_LAYOUT } from './layout.ts';
import type { Problem } from './problems.ts';

/**
 * The one rule for which files are content. The checker, the Astro collections and therefore every
 * page and machine-readable output list files through `contentFiles`, so an advisory is either
 * everywhere (checked, rendered, in OSV, CSAF and the feeds) or nowhere. A file the rule skips but
 * that looks like content is an error, never silence: a hidden folder, a symbolic link or a
 * `.markdown` file is most likely an advisory someone expects to see published (or not).
 */

/** The collections read from Markdown files, with the folder, extensions and depth of each. */
export const MARKDOWN_COLLECTIONS = {
  projects: { folder: CONTENT_LAYOUT.projects, extensions: ['.md'], nested: false },
  policy: { folder: CONTENT_LAYOUT.policy, extensions: ['.md', '.mdx'], nested: false },
  advisories: { folder: CONTENT_LAYOUT.advisories, extensions: ['.md'], nested: true },
} as const satisfies Record<string, { folder: string; extensions: readonly string[]; nested: boolean }>;

export type MarkdownCollection = keyof typeof MARKDOWN_COLLECTIONS;

/** Where content lives: the (usually public) content folder and, for advisories, a private one. */
export interface ContentFolders {
  /** The content folder: organisation, severities, timeline, projects, policy and advisories. */
  content: string;
  /**
   * A second folder, checked out from a private repository, whose `advisories/` is merged into the
   * build: where embargoed advisories wait without ever being in a public repository.
   */
  private?: string | undefined;
}

/** A content file the rule accepts. */
export interface ContentFile {
  /** Absolute path. */
  path: string;
  /** The file name without its extension: a slug, or an advisory id. */
  name: string;
  extension: string;
  /** Whether it came from the private content folder. */
  private: boolean;
}

/** Extensions of files that hold content in some tool, so that one Disclose skips is reported. */
const LOOKS_LIKE_CONTENT = /\.(?:md|mdx|markdown|mdown|mkdn?|mdwn|yaml|yml|json|toml)$/i;

/** Lists a collection's files by the one rule; anything it skips that looks like content is a problem. */
export function contentFiles(
  folders: ContentFolders,
  collection: MarkdownCollection,
): { files: ContentFile[]; problems: Problem[] } {
  const rule = MARKDOWN_COLLECTIONS[collection];
  const files: ContentFile[] = [];
  const problems: Problem[] = [];
  const roots = [{ dir: folders.content, private: false }];
  // Only advisories may be private: the policy itself is public by nature.
  if (folders.private && collection === 'advisories') roots.push({ dir: folders.private, private: true });
  for (const root of roots) {
    const top = join(root.dir, rule.folder);
    const stat = lstatSync(top, { throwIfNoEntry: false });
    if (!stat) continue;
    if (!stat.isDirectory()) {
      problems.push(
        problem(
          top,
          stat.isSymbolicLink()
            ? `is a symbolic link; Disclose reads only real folders, so that what is checked is exactly what is published; replace the link with the folder`
            : `must be a folder of ${rule.extensions.join(' or ')} files`,
        ),
      );
      continue;
    }
    walk(top, rule, root.private, files, problems);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, problems };
}

function walk(
  folder: string,
  rule: (typeof MARKDOWN_COLLECTIONS)[MarkdownCollection],
  isPrivate: boolean,
  files: ContentFile[],
  problems: Problem[],
): void {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch (error) {
    problems.push(problem(folder, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`));
    return;
  }
  for (const entry of entries) {
    const path = join(folder, entry.name);
    const hidden = entry.name.startsWith('.');
    if (entry.isSymbolicLink()) {
      problems.push(
        problem(
          path,
          'is a symbolic link; Disclose reads only plain files and folders, so that what is checked is exactly what is published; replace the link with the file or folder it points to',
        ),
      );
    } else if (entry.isDirectory()) {
      if (hidden) {
        if (entry.name === '.git') continue;
        problems.push(
          problem(
            path,
            `is a hidden folder, which Disclose does not read; move its files into ${rule.folder}/ (with \`draft: true\` if they are work in progress) or out of the content folder`,
          ),
        );
      } else if (rule.nested) {
        walk(path, rule, isPrivate, files, problems);
      } else {
        problems.push(
          problem(path, `is a sub-folder, which Disclose does not read in ${rule.folder}/; move its files up a level`),
        );
      }
    } else if (!entry.isFile()) {
      problems.push(problem(path, 'is not a regular file; remove it'));
    } else if (hidden) {
      // .gitkeep, .DS_Store and the like are no one's content; a hidden Markdown file might be.
      if (LOOKS_LIKE_CONTENT.test(entry.name))
        problems.push(
          problem(
            path,
            `is a hidden file, which Disclose does not read; rename it without the leading dot (with \`draft: true\` if it is work in progress) or move it out of the content folder`,
          ),
        );
    } else {
      const extension = extname(entry.name);
      if ((rule.extensions as readonly string[]).includes(extension)) {
        files.push({ path, name: basename(entry.name, extension), extension, private: isPrivate });
      } else {
        problems.push(
          problem(
            path,
            `is not read: files in ${rule.folder}/ must end in ${rule.extensions.join(' or ')} (exactly, in lower case); rename it${rule.folder === CONTENT_LAYOUT.advisories ? ' to <id>.md' : ''} or move it out of the content folder`,
          ),
        );
      }
    }
  }
}

function problem(path: string, message: string): Problem {
  return { file: relative(process.cwd(), path) || path, field: '', message };
}
