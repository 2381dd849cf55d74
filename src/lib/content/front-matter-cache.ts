import { hash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Front matter already parsed, by the sha256 of its YAML text: an incremental build of 20,000
 * advisories reads the front matter it parsed last time instead of parsing it again (reading it
 * back as JSON takes about half as long as parsing the YAML). Only the parse is saved; every value
 * is validated against the schemas as always, so the cache can give nothing the YAML would not have.
 *
 * One file per version of the code that parses (`front-matter.<code>.jsonl`), one entry a line,
 * appended as new front matter is parsed; a line that does not read (a build killed while
 * writing it) is skipped, and the file is written again without the entries no file has any
 * more once they outnumber the rest.
 */
export class FrontMatterCache {
  readonly #dir: string;
  readonly #name: string;
  readonly #entries = new Map<string, unknown>();
  readonly #fresh = new Map<string, unknown>();
  /** Lines the file holds, entries that no longer read included. */
  #lines = 0;

  /** Opens the cache of the code `code` in the build cache's folder `dir`; a missing or unreadable file is an empty cache. */
  constructor(dir: string, code: string) {
    this.#dir = dir;
    this.#name = `front-matter.${code.slice(0, 16)}.jsonl`;
    let text = '';
    try {
      text = readFileSync(join(dir, this.#name), 'utf8');
    } catch {
      return;
    }
    for (const line of text.split('\n')) {
      if (line === '') continue;
      this.#lines++;
      try {
        const { h, d } = JSON.parse(line) as { h?: unknown; d?: unknown };
        if (typeof h === 'string' && d !== undefined) this.#entries.set(h, d);
      } catch {
        // Half a line: the entry is parsed again and appended whole.
      }
    }
  }

  /** The key of a YAML text. */
  static key(yaml: string): string {
    return hash('sha256', yaml, 'base64url');
  }

  /** The parsed front matter of a YAML text with this key, if the cache has it. */
  get(key: string): unknown {
    return this.#entries.get(key) ?? this.#fresh.get(key);
  }

  /** Records front matter parsed in this build; kept only if JSON gives it back exactly. */
  set(key: string, data: unknown): void {
    if (!this.#entries.has(key) && jsonExact(data)) this.#fresh.set(key, data);
  }

  /**
   * Writes the front matter of this build's public advisories (`keys`, see SourceFile.parsedAs) to
   * the file, and removes the files of other code. Like every file of the build cache, which CI
   * keeps where pull requests can read it, it only ever holds what the site publishes: a draft's
   * or an embargoed advisory's front matter is parsed every time and never written. Called only
   * once the folder is known to be safe to write in (see openCache). Never fails a build: a cache
   * that cannot be written is only slower next time.
   */
  save(keys: ReadonlySet<string>): void {
    try {
      for (const name of readdirSync(this.#dir))
        if (/^front-matter\..+\.jsonl$/.test(name) && name !== this.#name)
          rmSync(join(this.#dir, name), { force: true });
      const file = join(this.#dir, this.#name);
      const live = [...keys].filter((key) => this.#entries.has(key) || this.#fresh.has(key));
      const stale = this.#lines - live.filter((key) => this.#entries.has(key)).length;
      if (stale > live.length) {
        // More lines for front matter no public advisory has than for the rest: written again without them.
        const text = live.map((key) => line(key, this.#entries.get(key) ?? this.#fresh.get(key))).join('');
        const temporary = `${file}.${process.pid}`;
        writeFileSync(temporary, text);
        renameSync(temporary, file);
      } else {
        const fresh = [...this.#fresh].filter(([key]) => keys.has(key));
        if (fresh.length > 0) appendFileSync(file, fresh.map(([key, data]) => line(key, data)).join(''));
      }
    } catch {
      // Read-only or full: the next build parses the YAML, as without a cache.
    }
  }
}

const line = (key: string, data: unknown) => `${JSON.stringify({ h: key, d: data })}\n`;

/** Whether JSON gives `value` back as it is: YAML's .nan, .inf and -0 it does not. */
function jsonExact(value: unknown): boolean {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return true;
  if (typeof value === 'number') return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonExact);
  if (typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype)
    return Object.values(value).every(jsonExact);
  return false;
}
