/**
 * The next advisory id of a year: one past the highest sequence in use (drafts and embargoed
 * advisories included), so an id is never reused, even where a number was skipped.
 */
export function nextAdvisoryId(ids: Iterable<string>, prefix: string, year: number): string {
  const pattern = new RegExp(`^${prefix}-${year}-(\\d+)$`);
  let highest = 0;
  for (const id of ids) {
    const sequence = pattern.exec(id)?.[1];
    if (sequence) highest = Math.max(highest, Number(sequence));
  }
  return `${prefix}-${year}-${String(highest + 1).padStart(4, '0')}`;
}
