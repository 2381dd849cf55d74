import { advisoryTitle } from './advisory-view.ts';
import type { AdvisoryView } from './advisory-view.ts';

export interface Acknowledgment {
  name: string;
  /** Each advisory they are credited on, with how. */
  credits: { id: string; summary: string; type: string }[];
}

/** Everyone credited on a public advisory, most credits first, then by name. */
export function acknowledgments(advisories: readonly AdvisoryView[]): Acknowledgment[] {
  const people = new Map<string, Acknowledgment>();
  for (const advisory of advisories) {
    if (advisory.state === 'withdrawn') continue;
    for (const credit of advisory.data.credits) {
      const person = people.get(credit.name) ?? { name: credit.name, credits: [] };
      person.credits.push({ id: advisory.id, summary: advisoryTitle(advisory.data), type: credit.type });
      people.set(credit.name, person);
    }
  }
  return [...people.values()].sort(
    (a, b) => b.credits.length - a.credits.length || a.name.localeCompare(b.name),
  );
}
