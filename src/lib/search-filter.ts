/**
 * A `data-pagefind-filter` value. Pagefind reads the attribute, decodes character references in
 * it, and its search UI then writes filter names into the page as HTML: a project named
 * `<img src=x onerror=...>` would run as script there, however the value is escaped for the
 * attribute. So the three characters that make markup or character references are replaced by
 * their full-width forms, which read the same and can never become a tag or an entity.
 */
export function searchFilter(name: string, value: string | number): string {
  return `${name}:${inert(String(value))}`;
}

const FULL_WIDTH: Record<string, string> = { '<': '\uff1c', '>': '\uff1e', '&': '\uff06' };

function inert(text: string): string {
  return text.replaceAll(/[<>&]/g, (c) => FULL_WIDTH[c] ?? c);
}
