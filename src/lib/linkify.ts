/** A run of text, or an address found in it. */
export type TextPart = { text: string; href?: undefined } | { text: string; href: string };

// An http(s) URL up to white space or a bracket; an e-mail address. Trailing punctuation that ends a
// sentence ("see https://example.org.") is not part of the address.
const ADDRESS =
  /https?:\/\/[^\s<>()[\]{}"']+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const TRAILING = /[.,;:!?]+$/;

/**
 * Splits text into plain runs and the web and e-mail addresses in it, so that the site and
 * SECURITY.md can both write those as links: a text field's URL is a link, never escaped text.
 */
export function linkify(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of text.matchAll(ADDRESS)) {
    const found = match[0].replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ text: text.slice(last, start) });
    const isUrl = /^https?:/.test(found);
    const href = isUrl ? found : `mailto:${found}`;
    // Only addresses that parse become links; anything else stays text.
    if (URL.canParse(href)) parts.push({ text: found, href });
    else parts.push({ text: found });
    last = start + found.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last) });
  return parts.reduce<TextPart[]>((merged, part) => {
    const previous = merged.at(-1);
    if (previous && !previous.href && !part.href) previous.text += part.text;
    else merged.push({ ...part });
    return merged;
  }, []);
}
