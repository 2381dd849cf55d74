import { isPublic, publicationState } from '../publication.ts';
import type { PartialContent } from './load-content.ts';
import type { Problem } from './problems.ts';

/**
 * Publication rules that cannot surprise: what is public names nothing that is not, a future date
 * is an embargo said as one, one number is one advisory, and nothing undisclosed sits in a
 * content folder that a public repository holds.
 */
export function checkPublication(content: PartialContent, now: Date): Problem[] {
  const problems: Problem[] = [];
  const prefix = content.organisation?.data.advisoryPrefix;
  const visibility = content.organisation?.data.contentVisibility ?? 'public';
  const byId = new Map(content.advisories.map((entry) => [entry.data.id, entry.data]));
  const byNumber = new Map<string, string>();
  for (const entry of content.advisories) {
    const { data, source } = entry;
    const at = (path: PropertyKey[], field: string, message: string, rule?: Problem['rule']) =>
      problems.push({ file: source.path, line: source.lineOf(path), field, message, ...(rule ? { rule } : {}) });

    // ADV-2026-0001 and ADV-2026-00001 are one advisory to a reader, and to OSV.
    const number = numberKey(data.id);
    const twin = byNumber.get(number);
    if (twin && twin !== data.id)
      at(['id'], 'id', `"${data.id}" has the same number as "${twin}"; ids that differ only in leading zeros are the same advisory, so give this one the next free id`);
    else byNumber.set(number, data.id);

    if (!data.draft && !data.embargo && data.published > now)
      at(['published'], 'published', `${stamp(data.published)} is in the future; to publish at a set time, add embargo: ${stamp(data.published)} (with its time zone), which keeps it out of every build until then`);

    const state = publicationState(data, now);
    if (!entry.private && visibility === 'public' && (state === 'draft' || state === 'embargoed')) {
      const why = state === 'draft' ? 'is a draft' : `is embargoed until ${stamp(data.embargo ?? now)}`;
      at(
        [state === 'draft' ? 'draft' : 'embargo'],
        state === 'draft' ? 'draft' : 'embargo',
        `${why}, but it is in the public content folder: anyone can read it the moment it is pushed. Move it to the private content folder (DISCLOSE_PRIVATE_CONTENT; see "Embargoes and public repositories" in the README), or set contentVisibility: private in organisation.yaml if this repository is private`,
        'undisclosed',
      );
    }

    if (!isPublic(data, now)) continue;
    for (const key of ['aliases', 'related'] as const) {
      data[key].forEach((id, i) => {
        const own = ownId(id, prefix);
        if (!own) return;
        const target = byId.get(own);
        if (!target)
          at([key, i], `${key}[${i}]`, `names ${id}, but there is no advisory ${own}; correct the id or remove it`);
        else if (!isPublic(target, now))
          at([key, i], `${key}[${i}]`, `names ${id}, which ${publicationState(target, now) === 'draft' ? 'is a draft' : 'is still embargoed'}; a public advisory would reveal it (in OSV, CSAF and the feeds) and link to a page that does not exist. Remove it until ${own} is published`);
      });
    }
  }
  return problems;
}

/** `PREFIX-2026-0001` → `PREFIX-2026-1`. */
function numberKey(id: string): string {
  const match = /^(.*-\d{4}-)(\d+)$/.exec(id);
  return match ? `${match[1] ?? ''}${Number(match[2])}` : id;
}

/** The advisory id an alias names when it is one of the organisation's own (with or without OSV's `x_`). */
function ownId(id: string, prefix: string | undefined): string | undefined {
  if (!prefix) return undefined;
  const bare = id.replace(/^x_/, '');
  return bare.startsWith(`${prefix}-`) ? bare : undefined;
}

function stamp(date: Date): string {
  return date.toISOString().replace('.000Z', 'Z');
}
