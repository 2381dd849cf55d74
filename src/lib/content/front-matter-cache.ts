import { hash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Advisories' front matter as the last build checked it, by the sha256 of its YAML text: an
 * incremental build of 20,000 advisories takes each unchanged front matter's validated value from
 * here instead of parsing the YAML and validating it against the advisory schema again (about
 * three times as long). The value depends on nothing but the YAML text and the code that parses
 * and validates it, and each version of that code has its own file (`front-matter.<code>.jsonl`),
 * so what the cache gives is what the checks would give. Every check that looks beyond one file's
 * front matter (references, dates against the clock, duplicate ids, the body) runs as always.
 *
 * One entry a line, `{"h":<key>,"d":<value>}`, a date as `{"\u0000date":<milliseconds>}`; only a
 * value that reads back exactly is written (see encodable). JSON rather than V8's serialization:
 * a quarter of the time both ways, and no native buffer per value (20,000 of them held 400 MB
 * more at the peak of a full build). New entries are appended; the file is written again, without
 * the entries no file has any more, once they outnumber the rest, or when it ends in a line cut
 * short (a build killed while appending). A line that does not read is left out.
 *
 * Beside it, `checks.<code>.json` says which of that front matter also passed the checks of each
 * advisory against the rest of the content (see checkAdvisories) in the last build, with what
 * that depended on (ChecksRecord): an advisory whose front matter and context are unchanged is not
 * checked again: about 75 ms of a one-advisory rebuild at 20,000 advisories.
 */
export class FrontMatterCache {
  readonly #dir: string;
  readonly #name: string;
  readonly #checksName: string;
  /** Lines read from the file, as the value's JSON by key, parsed when asked for. */
  readonly #entries = new Map<string, string>();
  readonly #values = new Map<string, unknown>();
  readonly #fresh = new Map<string, unknown>();
  /** Whether the file ends with a whole line, so that lines can be appended to it. */
  #whole = true;
  /** The last build's record of checks passed, read when first asked for (see passedChecks). */
  #passed: { context: string; at: number; keys: ReadonlySet<string> } | null | undefined;

  /** Opens the cache of the code `code` in the build cache's folder `dir`; a missing or unreadable file is an empty cache. */
  constructor(dir: string, code: string) {
    this.#dir = dir;
    this.#name = `front-matter.${code.slice(0, 16)}.jsonl`;
    this.#checksName = `checks.${code.slice(0, 16)}.json`;
    let text: string;
    try {
      text = readFileSync(join(dir, this.#name), 'utf8');
    } catch {
      return;
    }
    const lines = text.split('\n');
    // What follows the last newline is a line cut short (or nothing): never read.
    this.#whole = lines.pop() === '';
    for (const line of lines) {
      // Written by `line` below: the key and the value's JSON are where it put them.
      if (line.length > VALUE_AT && line.startsWith(KEY_OPENING) && line.startsWith(VALUE_OPENING, KEY_END))
        this.#entries.set(line.slice(KEY_OPENING.length, KEY_END), line.slice(VALUE_AT, -1));
    }
  }

  /** The key of a YAML text. */
  static key(yaml: string): string {
    return hash('sha256', yaml, 'base64url');
  }

  /** The checked front matter of a YAML text with this key, if the cache has it. */
  get(key: string): unknown {
    const known = this.#fresh.get(key) ?? this.#values.get(key);
    if (known !== undefined) return known;
    const json = this.#entries.get(key);
    if (json === undefined) return undefined;
    try {
      const value = decode(JSON.parse(json));
      this.#values.set(key, value);
      return value;
    } catch {
      // Not JSON: checked again, and written anew.
      this.#entries.delete(key);
      return undefined;
    }
  }

  /** Records front matter checked in this build; kept only if JSON gives it back exactly. */
  set(key: string, checked: unknown): void {
    if (!this.#entries.has(key) && KEY.test(key) && encodable(checked)) this.#fresh.set(key, checked);
  }

  /**
   * The keys of front matter whose advisory passed checkAdvisories in the last build, if that build
   * checked in the same `context` (see advisoryCheckContext) and no later than `now`: a date that
   * was not in the future then is not now. Anything else, or a record that does not read, is none.
   */
  passedChecks(context: string, now: Date): ReadonlySet<string> | undefined {
    if (this.#passed === undefined) {
      this.#passed = null;
      try {
        const text = readFileSync(join(this.#dir, this.#checksName), 'utf8');
        const record = JSON.parse(text) as { context?: unknown; at?: unknown; keys?: unknown };
        if (
          typeof record.context === 'string' &&
          typeof record.at === 'number' &&
          Array.isArray(record.keys) &&
          record.keys.every((key) => typeof key === 'string')
        )
          this.#passed = { context: record.context, at: record.at, keys: new Set(record.keys) };
      } catch {
        // None yet, or not JSON: every advisory is checked.
      }
    }
    const passed = this.#passed;
    return passed && passed.context === context && now.getTime() >= passed.at ? passed.keys : undefined;
  }

  /**
   * Writes the front matter of this build's public advisories (`keys`, see SourceFile.checkedAs)
   * to the file, and removes the files of other code. Like every file of the build cache, which CI
   * keeps where pull requests can read it, it only ever holds what the site publishes: a draft's
   * or an embargoed advisory's front matter is checked every time and never written. Called only
   * once the folder is known to be safe to write in (see openCache). Never fails a build: a cache
   * that cannot be written is only slower next time. With `checks`, the checks every one of `keys`
   * passed in this build are recorded too; without, the last record goes.
   */
  save(keys: ReadonlySet<string>, checks?: ChecksRecord): void {
    try {
      for (const name of readdirSync(this.#dir))
        if (/^(front-matter|checks)\./.test(name) && name !== this.#name && name !== this.#checksName)
          rmSync(join(this.#dir, name), { force: true });
      const record = join(this.#dir, this.#checksName);
      if (checks)
        replaceFile(record, JSON.stringify({ context: checks.context, at: checks.at, keys: [...keys].sort() }));
      else rmSync(record, { force: true });
      const file = join(this.#dir, this.#name);
      const fresh = [...this.#fresh.keys()].filter((key) => keys.has(key));
      const live = [...this.#entries.keys()].filter((key) => keys.has(key)).length;
      if (this.#whole && this.#entries.size - live <= live) {
        if (fresh.length > 0) appendFileSync(file, fresh.map((key) => line(key, encode(this.#fresh.get(key)))).join(''));
        return;
      }
      // Written again: only what is public now, to a temporary file renamed over the old one.
      const kept = [...keys].flatMap((key) => {
        const json = this.#entries.get(key) ?? (this.#fresh.has(key) ? encode(this.#fresh.get(key)) : undefined);
        return json === undefined ? [] : [line(key, json)];
      });
      replaceFile(file, kept.join(''));
    } catch {
      // Read-only or full: the next build checks the YAML, as without a cache.
    }
  }
}

/** Writes `text` to a temporary file renamed over `file`, so that a reader sees the old file or the new one, whole. */
function replaceFile(file: string, text: string): void {
  const temporary = `${file}.${process.pid}`;
  writeFileSync(temporary, text);
  renameSync(temporary, file);
}

/**
 * What the checks of each advisory against the rest of the content depended on in a build: a
 * digest of that content (see advisoryCheckContext) and the build's clock, in milliseconds.
 */
export interface ChecksRecord {
  context: string;
  at: number;
}

/** A key as FrontMatterCache.key makes it. */
const KEY = /^[\w-]{43}$/;
const KEY_OPENING = '{"h":"';
const KEY_END = KEY_OPENING.length + 43;
const VALUE_OPENING = '","d":';
const VALUE_AT = KEY_END + VALUE_OPENING.length;

const line = (key: string, json: string) => `${KEY_OPENING}${key}${VALUE_OPENING}${json}}\n`;

/** How a date is written: JSON has none. */
const DATE = '\u0000date';

function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, name: string, item: unknown) {
    // Seen before Date's toJSON has made it a string.
    const raw = this[name];
    return raw instanceof Date ? { [DATE]: raw.getTime() } : item;
  });
}

/** Undoes encode on what JSON.parse gave: each date written as one is a date again. */
function decode(value: unknown): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    return value;
  }
  if (value === null || typeof value !== 'object') return value;
  const object = value as Record<string, unknown>;
  const time = object[DATE];
  if (typeof time === 'number') return new Date(time);
  for (const name of Object.keys(object)) object[name] = decode(object[name]);
  return object;
}

/**
 * Whether encode and decode give `value` back as it is: strings, finite numbers but -0, booleans,
 * null, valid dates, arrays without holes and plain objects of those do. An undefined field, NaN,
 * a class instance, a getter or a field JSON.parse would make the prototype (`__proto__`) would not.
 */
function encodable(value: unknown): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object':
      break;
    default:
      return false;
  }
  if (value === null) return true;
  if (value instanceof Date) return Object.getPrototypeOf(value) === Date.prototype && Number.isFinite(value.getTime());
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !encodable(value[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const names = Object.keys(value);
  // Hidden or symbol-named properties would be lost; a getter would come back as its value.
  if (Reflect.ownKeys(value).length !== names.length) return false;
  for (const name of names) {
    if (name === '__proto__' || name === DATE) return false;
    const described = Object.getOwnPropertyDescriptor(value, name);
    if (!described || !('value' in described) || !encodable(described.value)) return false;
  }
  return true;
}
