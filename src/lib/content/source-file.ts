import { isUtf8 } from 'node:buffer';
import { closeSync, openSync, readSync } from 'node:fs';
import { isAbsolute, relative, sep } from 'node:path';
import jsYaml from 'js-yaml';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { FrontMatterCache } from './front-matter-cache.ts';
import type { Problem } from './problems.ts';

/** How many line feeds `text` has from `start` up to `end`. */
function newlines(text: string, start: number, end: number): number {
  let count = 0;
  for (let at = text.indexOf('\n', start); at !== -1 && at < end; at = text.indexOf('\n', at + 1)) count++;
  return count;
}

/** A parsed YAML document, or the front matter of a Markdown file, that knows where each value sits. */
export interface SourceFile {
  /** Path relative to the working directory, as shown in messages. */
  path: string;
  /** The parsed data, not yet validated. */
  data: unknown;
  /**
   * The front matter as the last build checked it, if the FrontMatterCache it was read with has
   * it: the advisory schema's output for this very YAML text. `data` is then parsed only if asked for.
   */
  checked?: unknown;
  /** The YAML text: a YAML file's whole text, a Markdown file's front matter. */
  yaml: string;
  /** Markdown body after the front matter; empty for YAML files. */
  body: string;
  /** 1-based line where the body starts. */
  bodyLine: number;
  /** Line of `path` in the file, for a field path. */
  lineOf(path: readonly PropertyKey[]): number | undefined;
  /** The key its front matter has in the FrontMatterCache it was read with, if any. */
  checkedAs?: string;
}

/**
 * Front matter as Astro reads it too: blank lines may come before the opening `---`, and the
 * closing `---` stands on a line of its own. (A byte-order mark is removed when the file is decoded.)
 */
const FRONT_MATTER = /^(?:[ \t]*\r?\n)*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;
const EMPTY_FRONT_MATTER = /^(?:[ \t]*\r?\n)*---[ \t]*\r?\n---[ \t]*(?:\r?\n|$)/;

/** The Markdown body of a file's text: what follows the front matter. */
export function markdownBody(text: string): string {
  const match = FRONT_MATTER.exec(text) ?? EMPTY_FRONT_MATTER.exec(text);
  return match ? text.slice(match[0].length) : text;
}

const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** The buffer readBytes reads into; grown for a larger file, and made small again after a very large one. */
let shared = Buffer.allocUnsafe(1 << 16);

/**
 * A file's bytes, in a buffer the next call reuses: decode them before reading another file.
 * Content files are small, and one buffer for all of them (open, read, close) reads 20,000 a
 * quarter faster than `readFileSync`, which asks the file's size and makes a buffer for each.
 */
function readBytes(path: string): Buffer {
  if (shared.length > 1 << 20) shared = Buffer.allocUnsafe(1 << 16);
  const fd = openSync(path, 'r');
  try {
    for (let length = 0; ; ) {
      if (length === shared.length) {
        const grown = Buffer.allocUnsafe(shared.length * 2);
        shared.copy(grown, 0, 0, length);
        shared = grown;
      }
      const read = readSync(fd, shared, length, shared.length - length, null);
      if (read === 0) return shared.subarray(0, length);
      length += read;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * A file's bytes as text. Bytes that are not UTF-8 are an error with the line they are on, never
 * silently replaced; a leading byte-order mark is dropped, as every Markdown tool does.
 */
export function decodeUtf8(bytes: Uint8Array): { text: string } | { line: number } {
  // Checked, then decoded without a check: twice as fast as a fatal TextDecoder over 20,000 files.
  if (isUtf8(bytes)) {
    const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
    return { text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
  }
  let line = 1;
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i === bytes.length || bytes[i] === 0x0a) {
      try {
        UTF8.decode(bytes.subarray(start, i));
      } catch {
        return { line };
      }
      line++;
      start = i + 1;
    }
  }
  return { line: 1 };
}

/**
 * YAML as every reader of content parses it. The core schema leaves dates as written, so a
 * date-time without a time zone is caught instead of silently read as UTC.
 */
export function parseYaml(text: string): unknown {
  return jsYaml.load(text, { schema: jsYaml.CORE_SCHEMA });
}

/** The folder last shown by shownPath, from which working directory, and as what. */
const shown = { cwd: '', dir: '', as: '' };

/**
 * A file's path as messages show it: relative to the working directory. Worked out once per
 * folder, since the files of a folder come one after another (20,000 advisories in one).
 */
export function shownPath(absolutePath: string): string {
  const cut = absolutePath.lastIndexOf(sep);
  const dir = absolutePath.slice(0, cut);
  const cwd = process.cwd();
  if (cut < 0 || !isAbsolute(absolutePath)) return relative(cwd, absolutePath) || absolutePath;
  if (shown.cwd !== cwd || shown.dir !== dir) Object.assign(shown, { cwd, dir, as: relative(cwd, dir) });
  return shown.as === '' ? absolutePath.slice(cut + 1) : `${shown.as}${sep}${absolutePath.slice(cut + 1)}`;
}

/** A file's text, or the line of its first bytes that are not UTF-8 (see decodeUtf8). */
export type FileText = { text: string } | { line: number };

/**
 * A content file's text (see decodeUtf8). Synchronous: thousands of small files in a row read
 * faster than with a round trip each through the thread pool.
 */
export function readFileText(absolutePath: string): FileText {
  return decodeUtf8(readBytes(absolutePath));
}

/**
 * Reads a YAML file, or a Markdown file's front matter. Syntax errors become problems. With
 * `checked`, front matter an earlier build checked is taken from it (see FrontMatterCache), and
 * the YAML is parsed only if `data` is asked for. `decoded` is the file's text, where it was read
 * already (see readFileText).
 */
export function readSourceFile(
  absolutePath: string,
  problems: Problem[],
  checked?: FrontMatterCache,
  decoded: FileText = readFileText(absolutePath),
): SourceFile | undefined {
  const path = shownPath(absolutePath);
  if ('line' in decoded) {
    problems.push({
      file: path,
      line: decoded.line,
      field: '',
      message: 'is not UTF-8 text; save the file as UTF-8 in your editor',
    });
    return undefined;
  }
  const { text } = decoded;
  const isMarkdown = /\.mdx?$/.test(absolutePath);
  let yamlText = text;
  let body = '';
  let bodyLine = 1;
  let lineOffset = 0;
  if (isMarkdown) {
    const match = FRONT_MATTER.exec(text) ?? EMPTY_FRONT_MATTER.exec(text);
    if (!match) {
      problems.push({
        file: path,
        line: 1,
        field: '',
        message: /^\s*\+\+\+/.test(text)
          ? 'has TOML front matter (+++), which Disclose does not read; write the fields as YAML between --- lines'
          : 'has no front matter; start the file with a --- line, the YAML fields, and another --- line',
      });
      return undefined;
    }
    yamlText = match[1] ?? '';
    body = text.slice(match[0].length);
    // Counted rather than split into lines: 20,000 front matters of 30 lines are 600,000 strings.
    lineOffset = newlines(text, 0, match[0].indexOf('---')) + 1;
    bodyLine = newlines(text, 0, match[0].length) + (match[0].endsWith('\n') ? 1 : 2);
  }
  let positions: { doc: Document; lineCounter: LineCounter } | undefined;
  const lineOf = (fieldPath: readonly PropertyKey[]) => {
    if (!positions) {
      const lineCounter = new LineCounter();
      positions = { doc: parseDocument(yamlText, { lineCounter }), lineCounter };
    }
    return lineOfPath(positions.doc, positions.lineCounter, fieldPath, lineOffset);
  };
  const key = checked ? FrontMatterCache.key(yamlText) : undefined;
  const known = key === undefined ? undefined : checked?.get(key);
  if (key !== undefined && known !== undefined) {
    // Valid YAML, checked before: parsed again only if something asks for the data as written.
    let data: unknown;
    return {
      path,
      get data() {
        return (data ??= parseYaml(yamlText));
      },
      checked: known,
      yaml: yamlText,
      body,
      bodyLine,
      checkedAs: key,
      lineOf,
    };
  }
  // js-yaml is what Astro parses front matter with, and is fast; positions are worked out
  // (with the slower, position-aware yaml parser) only when a problem needs a line number.
  let data: unknown;
  try {
    // The core schema leaves dates as written, so a date-time without a time zone is caught
    // instead of silently read as UTC; the schemas turn the text into dates.
    data = parseYaml(yamlText);
  } catch (error) {
    const mark = (error as { mark?: { line: number }; reason?: string }).mark;
    const reason = (error as { reason?: string }).reason ?? String(error);
    const explained = explainYamlError(yamlText, reason, mark?.line);
    problems.push({
      file: path,
      line: explained.line === undefined ? undefined : explained.line + 1 + lineOffset,
      field: explained.field ?? '',
      message: explained.message,
    });
    return undefined;
  }
  return { path, data, yaml: yamlText, body, bodyLine, ...(key !== undefined && { checkedAs: key }), lineOf };
}

/**
 * A YAML syntax error in words a maintainer acts on. The two everyone meets: a value holding
 * ": " (YAML reads a second key), and a quote that is never closed (YAML reports the end of the
 * file, far from the line to fix).
 */
export function explainYamlError(
  text: string,
  reason: string,
  line: number | undefined,
): { line: number | undefined; field?: string; message: string } {
  const lines = text.split(/\r?\n/);
  if (line !== undefined && /bad indentation of a mapping entry|incomplete explicit mapping pair/.test(reason)) {
    const match = /^\s*(?:-\s+)?([A-Za-z_][\w.-]*):[ \t]+([^"'\s].*?:[ \t].*)$/.exec(lines[line] ?? '');
    if (match) {
      const [, key = '', value = ''] = match;
      return {
        line,
        field: key,
        message: `is not valid YAML: the value contains ": ", which YAML reads as a second field; put the value in quotes: ${key}: ${JSON.stringify(value.trim())}`,
      };
    }
  }
  const quoted = /within a (double|single) quoted scalar/.exec(reason);
  if (quoted) {
    const mark = quoted[1] === 'double' ? '"' : "'";
    const end = line ?? lines.length - 1;
    // The opening quote is on the last line before the end with an odd number of them.
    for (let i = Math.min(end, lines.length - 1); i >= 0; i--) {
      const count = (lines[i] ?? '').split(mark).length - 1;
      if (count % 2 === 1) {
        const key = /^\s*(?:-\s+)?([A-Za-z_][\w.-]*):/.exec(lines[i] ?? '')?.[1];
        return {
          line: i,
          ...(key ? { field: key } : {}),
          message: `is not valid YAML: the ${mark} opened on this line is never closed; add the closing ${mark} at the end of the value`,
        };
      }
    }
  }
  return { line, message: `is not valid YAML: ${reason}` };
}

function lineOfPath(
  doc: Document,
  lineCounter: LineCounter,
  path: readonly PropertyKey[],
  lineOffset: number,
): number | undefined {
  // Walk down as far as the path exists; a missing field points at its parent.
  let node: unknown = doc.contents;
  let offset: number | undefined = rangeStart(node);
  for (const key of path) {
    if (isMap(node)) {
      const pair = node.items.find((item) => String((item.key as { value?: unknown } | null)?.value) === String(key));
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof key === 'number') {
      node = node.items[key];
      offset = rangeStart(node) ?? offset;
    } else {
      break;
    }
  }
  return offset === undefined ? undefined : lineCounter.linePos(offset).line + lineOffset;
}

function rangeStart(node: unknown): number | undefined {
  const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
  return range?.[0];
}
