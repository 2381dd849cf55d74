import { hash } from 'node:crypto';
import { appendFileSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deserialize, serialize } from 'node:v8';

/**
 * Advisories' front matter as the last build checked it, by the sha256 of its YAML text: an
 * incremental build of 20,000 advisories takes each unchanged front matter's validated value from
 * here instead of parsing the YAML and validating it against the advisory schema again (about
 * three times as long). The value depends on nothing but the YAML text and the code that parses
 * and validates it, and each version of that code has its own file (`front-matter.<code>.v8`),
 * so what the cache gives is what the checks would give. Every check that looks beyond one file's
 * front matter (references, dates against the clock, duplicate ids, the body) runs as always.
 *
 * The file holds one record per entry: the key's 32 bytes, the value's length (4 bytes, little
 * endian) and the value in V8's serialization, which keeps dates as dates. New entries are
 * appended; the file is written again, without the entries no file has any more, once they
 * outnumber the rest, or when it ends in a record cut short (a build killed while appending).
 */
export class FrontMatterCache {
  readonly #dir: string;
  readonly #name: string;
  /** Serialized values read from the file, deserialized when asked for (or by `load`). */
  readonly #entries = new Map<string, Uint8Array>();
  readonly #values = new Map<string, unknown>();
  /** Where `load` goes on from. */
  #loading: Iterator<string> | undefined;
  readonly #fresh = new Map<string, unknown>();
  /** Whether the file read to its end in whole records, so that records can be appended to it. */
  #whole = true;

  /** Opens the cache of the code `code` in the build cache's folder `dir`; a missing or unreadable file is an empty cache. */
  constructor(dir: string, code: string) {
    this.#dir = dir;
    this.#name = `front-matter.${code.slice(0, 16)}.v8`;
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(dir, this.#name));
    } catch {
      return;
    }
    let at = 0;
    while (at + RECORD_HEAD <= bytes.length) {
      const end = at + RECORD_HEAD + bytes.readUInt32LE(at + KEY_BYTES);
      if (end > bytes.length) break;
      this.#entries.set(bytes.toString('base64url', at, at + KEY_BYTES), bytes.subarray(at + RECORD_HEAD, end));
      at = end;
    }
    this.#whole = at === bytes.length;
  }

  /** The key of a YAML text. */
  static key(yaml: string): string {
    return hash('sha256', yaml, 'base64url');
  }

  /** The checked front matter of a YAML text with this key, if the cache has it. */
  get(key: string): unknown {
    const fresh = this.#fresh.get(key) ?? this.#values.get(key);
    if (fresh !== undefined) return fresh;
    const bytes = this.#entries.get(key);
    if (!bytes) return undefined;
    try {
      const value: unknown = deserialize(bytes);
      this.#values.set(key, value);
      return value;
    } catch {
      // Not a value this version of Node wrote: checked again, and written anew.
      this.#entries.delete(key);
      return undefined;
    }
  }

  /**
   * Deserializes up to `count` more of the values the file holds ahead of `get`, for a thread
   * with time to spare before it is asked for them; false once every value is.
   */
  load(count: number): boolean {
    this.#loading ??= [...this.#entries.keys()][Symbol.iterator]();
    for (let n = 0; n < count; n++) {
      const next = this.#loading.next();
      if (next.done) return false;
      this.get(next.value);
    }
    return true;
  }

  /** Records front matter checked in this build; kept only if V8's serialization gives it back exactly. */
  set(key: string, checked: unknown): void {
    if (!this.#entries.has(key) && KEY.test(key) && serializable(checked)) this.#fresh.set(key, checked);
  }

  /**
   * Writes the front matter of this build's public advisories (`keys`, see SourceFile.checkedAs)
   * to the file, and removes the files of other code. Like every file of the build cache, which CI
   * keeps where pull requests can read it, it only ever holds what the site publishes: a draft's
   * or an embargoed advisory's front matter is checked every time and never written. Called only
   * once the folder is known to be safe to write in (see openCache). Never fails a build: a cache
   * that cannot be written is only slower next time.
   */
  save(keys: ReadonlySet<string>): void {
    try {
      for (const name of readdirSync(this.#dir))
        if (/^front-matter\./.test(name) && name !== this.#name) rmSync(join(this.#dir, name), { force: true });
      const file = join(this.#dir, this.#name);
      const fresh = [...this.#fresh.keys()].filter((key) => keys.has(key));
      const live = [...this.#entries.keys()].filter((key) => keys.has(key)).length;
      if (this.#whole && this.#entries.size - live <= live) {
        if (fresh.length > 0) appendFileSync(file, records(fresh, (key) => serialize(this.#fresh.get(key))));
        return;
      }
      // Written again: only what is public now, to a temporary file renamed over the old one.
      const kept = [...keys].filter((key) => this.#entries.has(key) || this.#fresh.has(key));
      const temporary = `${file}.${process.pid}`;
      writeFileSync(
        temporary,
        records(kept, (key) => this.#entries.get(key) ?? serialize(this.#fresh.get(key))),
      );
      renameSync(temporary, file);
    } catch {
      // Read-only or full: the next build checks the YAML, as without a cache.
    }
  }
}

const KEY_BYTES = 32;
/** A key as FrontMatterCache.key makes it, the form the file keeps it in. */
const KEY = /^[\w-]{43}$/;
const RECORD_HEAD = KEY_BYTES + 4;

/** The records of the file for `keys`, each value as `bytes` gives it. */
function records(keys: readonly string[], bytes: (key: string) => Uint8Array): Buffer {
  const parts: Uint8Array[] = [];
  for (const key of keys) {
    const value = bytes(key);
    const head = Buffer.alloc(RECORD_HEAD);
    head.write(key, 0, KEY_BYTES, 'base64url');
    head.writeUInt32LE(value.length, KEY_BYTES);
    parts.push(head, value);
  }
  return Buffer.concat(parts);
}

/**
 * Whether V8's serialization gives `value` back as it is: plain objects, arrays without holes,
 * dates and primitives do; a class instance would come back a plain object, a function not at all.
 */
function serializable(value: unknown): boolean {
  if (value === null || value === undefined) return true;
  switch (typeof value) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'bigint':
      return true;
    case 'object':
      break;
    default:
      return false;
  }
  if (value instanceof Date) return Object.getPrototypeOf(value) === Date.prototype;
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) return false;
    for (let i = 0; i < value.length; i++) if (!(i in value) || !serializable(value[i])) return false;
    return true;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype) return false;
  const names = Object.keys(value);
  // Hidden or symbol-named properties would be lost; a getter would come back as its value.
  if (Reflect.ownKeys(value).length !== names.length) return false;
  for (const name of names) {
    const described = Object.getOwnPropertyDescriptor(value, name);
    if (!described || !('value' in described) || !serializable(described.value)) return false;
  }
  return true;
}
