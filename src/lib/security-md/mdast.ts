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

// Small builders for mdast nodes, so the SECURITY.md renderer reads like the document it builds.

/** Plain text; line breaks become <br> so that a table cell keeps them. */
export function text(value: string): PhrasingContent[] {
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
  return { type: 'heading', depth, children: text(value) };
}

export function paragraph(...children: Inline[]): Paragraph {
  return { type: 'paragraph', children: children.flatMap((c) => (typeof c === 'string' ? text(c) : c)) };
}

export function link(url: string, label: string = url): PhrasingContent {
  return { type: 'link', url, children: text(label) };
}

export function strong(value: string): PhrasingContent {
  return { type: 'strong', children: text(value) };
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
