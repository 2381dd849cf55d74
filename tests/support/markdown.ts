import type { Nodes, Root, Table } from 'mdast';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import { unified } from 'unified';

export function parseMarkdown(markdown: string): Root {
  return unified().use(remarkParse).use(remarkGfm).parse(markdown);
}

/** A node's text as a reader sees it: escapes resolved, <br> as a line break, code with its backticks. */
export function plainText(node: Nodes): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'inlineCode') return `\`${node.value}\``;
  if (node.type === 'html') {
    if (/^<br\s*\/?>$/i.test(node.value)) return '\n';
    throw new Error(`Raw HTML in generated Markdown: ${node.value}`);
  }
  return 'children' in node ? node.children.map((child) => plainText(child)).join('') : '';
}

/** Every GFM table in a document, as rows of cell text; the header row first. */
export function markdownTables(markdown: string): string[][][] {
  const tables: string[][][] = [];
  const visit = (node: Nodes): void => {
    if (node.type === 'table') tables.push(tableCells(node));
    else if ('children' in node) node.children.forEach(visit);
  };
  visit(parseMarkdown(markdown));
  return tables;
}

function tableCells(table: Table): string[][] {
  return table.children.map((row) => row.children.map((cell) => plainText(cell)));
}

/** The table whose header row starts with the given cell. */
export function markdownTable(markdown: string, firstHeader: string): string[][] {
  const table = markdownTables(markdown).find((rows) => rows[0]?.[0] === firstHeader);
  if (!table) throw new Error(`No table headed "${firstHeader}"`);
  return table;
}

/** Headings of a given depth, in order. */
export function markdownHeadings(markdown: string, depth: number): string[] {
  return parseMarkdown(markdown)
    .children.filter((node) => node.type === 'heading' && node.depth === depth)
    .map((node) => plainText(node));
}
