import type { Element, Root } from 'hast';
import rehypeParse from 'rehype-parse';
import rehypeSanitize, { defaultSchema, type Options as SanitizeSchema } from 'rehype-sanitize';
import rehypeStringify from 'rehype-stringify';
import { unified } from 'unified';

/**
 * What rendered Markdown may contain: GitHub's allow-list (tables, code, lists, headings, details,
 * footnotes) with links limited to http, https and mailto, and images to the site's own files.
 * Maintainers are trusted for content, never for script; imported advisories are third-party
 * input. No element, attribute or URL that can run script survives: `<script>`, event handlers,
 * `<iframe>`, `<svg>`, `<form>`, `style`, `javascript:` and `data:` URLs are all removed.
 */
const SCHEMA: SanitizeSchema = {
  ...defaultSchema,
  protocols: {
    ...defaultSchema.protocols,
    href: ['http', 'https', 'mailto'],
    cite: ['http', 'https'],
    longDesc: ['http', 'https'],
    // Then narrowed to relative URLs below (an empty list here would allow every protocol).
    src: ['https'],
  },
  // Ids and names from content are prefixed, so a heading in an advisory can never take the id
  // of one of the page's own elements; in-page links to them are rewritten below to match.
  clobberPrefix: 'user-content-',
};

const processor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeSanitize, SCHEMA)
  .use(() => linkToPrefixedIds)
  .use(() => sameSiteImages)
  .use(() => scrollableTables)
  .use(rehypeStringify);

/** Rendered Markdown (HTML) made safe to put on a page. */
export function sanitizeHtml(html: string, options: HeadingOptions = {}): string {
  const tree = processor.runSync(processor.parse(html));
  if (options.topLevel) fitHeadings(tree, options);
  return processor.stringify(tree);
}

export interface HeadingOptions {
  /** The level the body's own top headings take, below the page's section heading (3 under an h2). Default: as written. */
  topLevel?: number;
  /** A heading at the very start that repeats the page's section heading (e.g. "Details"), dropped. */
  repeats?: string;
}

/**
 * Headings of text written elsewhere (a third-party record's details) fitted under the page's own:
 * the highest becomes `topLevel` and the others keep their distance to it, at most h6; a first
 * heading that only repeats the section's own heading goes.
 */
function fitHeadings(tree: Root, { topLevel = 3, repeats }: HeadingOptions): void {
  const level = (node: Element) => Number(/^h([1-6])$/.exec(node.tagName)?.[1] ?? 0);
  const first = tree.children.find(
    (child) => child.type === 'element' || (child.type === 'text' && child.value.trim()),
  );
  if (
    repeats &&
    first?.type === 'element' &&
    level(first) > 0 &&
    textOf(first).trim().toLowerCase() === repeats.toLowerCase()
  )
    tree.children.splice(tree.children.indexOf(first), 1);
  const headings: Element[] = [];
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      if (level(child) > 0) headings.push(child);
      else visit(child);
    }
  };
  visit(tree);
  if (headings.length === 0) return;
  const shift = topLevel - Math.min(...headings.map(level));
  if (shift <= 0) return;
  for (const heading of headings) heading.tagName = `h${Math.min(6, level(heading) + shift)}`;
}

function textOf(node: Element): string {
  return node.children
    .map((child) => (child.type === 'text' ? child.value : child.type === 'element' ? textOf(child) : ''))
    .join('');
}

/**
 * Images come from the site itself: a reader's browser asks no other site for anything, so no
 * advisory can carry a tracking pixel (the Content-Security-Policy says the same).
 */
/**
 * Each table in a box, and each code block, that scrolls sideways when wider than a phone and that a
 * keyboard can reach and scroll (WCAG's scrollable-region-focusable); the page is never wider than
 * the screen. Added after sanitising: the attributes are the site's own, never the content's.
 */
function scrollableTables(tree: Root): void {
  const visit = (node: Root | Element): void => {
    node.children = node.children.map((child) => {
      if (child.type !== 'element') return child;
      if (child.tagName === 'pre') child.properties['tabIndex'] = 0;
      if (child.tagName !== 'table') {
        visit(child);
        return child;
      }
      return {
        type: 'element',
        tagName: 'div',
        properties: {
          className: ['table-wrap', 'scroll-cue'],
          tabIndex: 0,
          role: 'region',
          ariaLabel: 'Table',
        },
        children: [child],
      } satisfies Element;
    });
  };
  visit(tree);
}

function sameSiteImages(tree: Root): void {
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      for (const key of ['src', 'srcSet']) {
        const value = child.properties[key];
        if (value !== undefined && /^\s*(?:[a-z][a-z0-9+.-]*:|[/\\]{2})/i.test(String(value)))
          delete child.properties[key];
      }
      visit(child);
    }
  };
  visit(tree);
}

/** `[see below](#usage)` keeps working once the heading's id is `user-content-usage`. */
function linkToPrefixedIds(tree: Root): void {
  const ids = new Set<string>();
  const links: Element[] = [];
  const visit = (node: Root | Element): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const id = child.properties['id'];
      if (typeof id === 'string') ids.add(id);
      if (child.tagName === 'a' && typeof child.properties['href'] === 'string') links.push(child);
      visit(child);
    }
  };
  visit(tree);
  for (const link of links) {
    const href = link.properties['href'] as string;
    if (!href.startsWith('#') || href.startsWith('#user-content-')) continue;
    let fragment = href.slice(1);
    try {
      fragment = decodeURIComponent(fragment);
    } catch {
      // A malformed escape is a link to nothing; leave it as written.
    }
    const target = `user-content-${fragment}`;
    if (ids.has(target)) link.properties['href'] = `#${target}`;
  }
}
