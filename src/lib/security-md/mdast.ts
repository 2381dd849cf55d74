import type {
  BlockContent,
  Heading,
  List,
  Paragraph,
  PhrasingContent,
  Table,
  TableCell,
  TableRow,
} from 'mdast';
import { linkify } from '../linkify.ts';

// Small builders for mdast nodes, so the SECURITY.md renderer reads like the document it builds.

/** Text whose web and e-mail addresses become links, as on the site; line breaks become <br>. */
export function text(value: string): PhrasingContent[] {
  return linkify(value).flatMap((part): PhrasingContent[] =>
    part.href ? [{ type: 'link', url: part.href, children: plain(part.text) }] : plain(part.text),
  );
}

/** Plain text, never a link; line breaks become <br> so that a table cell keeps them. */
export function plain(value: string): PhrasingContent[] {
  const lines = value.split(/\r?\n/);
  return lines.flatMap((line, i): PhrasingContent[] =>
    i === 0
      ? [{ type: 'text', value: line }]
      : [
          { type: 'html', value: '<br>' },
          { type: 'text', value: line },
        ],
  );
}

export function heading(depth: Heading['depth'], value: string): Heading {
  return { type: 'heading', depth, children: plain(value) };
}

export function paragraph(...children: Inline[]): Paragraph {
  return { type: 'paragraph', children: children.flatMap((c) => (typeof c === 'string' ? text(c) : c)) };
}

export function link(url: string, label: string = url): PhrasingContent {
  return { type: 'link', url, children: plain(label) };
}

export function strong(value: string): PhrasingContent {
  return { type: 'strong', children: plain(value) };
}

export function code(value: string): PhrasingContent {
  return { type: 'inlineCode', value };
}

/** Inline content: strings become text nodes. */
export type Inline = string | PhrasingContent | PhrasingContent[];

export function list(items: readonly (string | readonly Inline[])[]): List {
  return {
    type: 'list',
    ordered: false,
    spread: false,
    children: items.map((item) => ({
      type: 'listItem',
      spread: false,
      children: [typeof item === 'string' ? paragraph(item) : paragraph(...item)],
    })),
  };
}

/** A GFM table; every cell is text, escaped by remark-stringify. */
export function table(header: readonly string[], rows: readonly (readonly string[])[]): Table {
  const row = (cells: readonly string[]): TableRow => ({
    type: 'tableRow',
    children: cells.map((cell): TableCell => ({ type: 'tableCell', children: text(cell) })),
  });
  return { type: 'table', align: header.map(() => null), children: [row(header), ...rows.map(row)] };
}

export type Block = BlockContent;
