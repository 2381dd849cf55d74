/**
 * A `data-pagefind-filter` value. Pagefind's search UI writes filter names and values into the
 * page as HTML, so a project named `<img src=x onerror=...>` would run as script there; the value
 * is HTML-escaped once more than the attribute needs, and the UI then shows the text as written.
 */
export function searchFilter(name: string, value: string | number): string {
  return `${name}:${escapeHtml(String(value))}`;
}

function escapeHtml(text: string): string {
  return text.replaceAll(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
