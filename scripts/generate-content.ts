// Writes a synthetic content folder: the demo's organisation, severities, timeline and policy,
// plus M projects and N advisories with realistic fields. Used by the benchmark and by tests.
import { cp, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

const SEVERITIES = [
  { id: 'critical', vector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H' },
  { id: 'high', vector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N' },
  { id: 'medium', vector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N' },
  { id: 'low', vector: 'CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N' },
];

const WORDS = [
  'parser',
  'overflow',
  'token',
  'manifest',
  'header',
  'cache',
  'signature',
  'archive',
  'path',
  'sandbox',
];

export async function generateContent(dir: string, advisories: number, projects: number): Promise<void> {
  await mkdir(join(dir, 'projects'), { recursive: true });
  await mkdir(join(dir, 'advisories'), { recursive: true });
  for (const name of ['organisation.yaml', 'severities.yaml', 'timeline.yaml', 'policy']) {
    await cp(join('content', name), join(dir, name), { recursive: true });
  }
  for (let p = 0; p < projects; p++) {
    await writeFile(
      join(dir, 'projects', `project-${p}.md`),
      `---\nname: project-${p}\nsummary: Synthetic project ${p}\nrepository: https://github.com/lanternfish-labs/project-${p}\n` +
        `packages:\n  - ecosystem: npm\n    name: project-${p}\n---\n\n## Security testing\n\nFuzzed nightly.\n`,
    );
  }
  const perYear = new Map<number, number>();
  for (let a = 0; a < advisories; a++) {
    const year = 2016 + (a % 10);
    const sequence = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, sequence);
    const id = `LANTERN-${year}-${String(sequence).padStart(4, '0')}`;
    const severity = SEVERITIES[a % SEVERITIES.length]!;
    const word = WORDS[a % WORDS.length]!;
    const month = String((a % 12) + 1).padStart(2, '0');
    const day = String((a % 28) + 1).padStart(2, '0');
    await writeFile(
      join(dir, 'advisories', `${id}.md`),
      [
        '---',
        `id: ${id}`,
        `summary: ${word} flaw number ${a} lets an attacker bypass a check`,
        `aliases: [CVE-${year}-${String(10000 + a)}]`,
        `published: ${year}-${month}-${day}T12:00:00Z`,
        `severity: ${severity.id}`,
        `cvss: ["${severity.vector}"]`,
        'cwes: [CWE-20]',
        'affected:',
        `  - project: project-${a % projects}`,
        '    ranges:',
        '      - events:',
        '          - introduced: 1.0.0',
        `          - fixed: 1.${a % 7}.${(a % 5) + 1}`,
        '          - introduced: 2.0.0',
        `          - fixed: 2.${a % 3}.${(a % 9) + 1}`,
        'references:',
        `  - type: FIX`,
        `    url: https://github.com/lanternfish-labs/project-${a % projects}/commit/${(a * 2654435761).toString(16).slice(0, 7)}`,
        'credits:',
        `  - name: Researcher ${a % 97}`,
        '    type: FINDER',
        '---',
        '',
        `The ${word} accepts input that it should reject, so an attacker who controls that input can`,
        'bypass the check that guards it. Upgrade to a fixed version.',
        '',
        '## Workarounds',
        '',
        `Validate ${word} input before passing it on.`,
        '',
      ].join('\n'),
    );
  }
}

/**
 * One more advisory in the generated set's format (high severity, one fixed range of project-1),
 * with `fields` such as its summary, published date, embargo or draft: for adding to a generated set.
 */
export function extraAdvisory(id: string, fields: readonly string[], body: string): string {
  return [
    '---',
    `id: ${id}`,
    ...fields,
    'severity: high',
    'cvss: ["CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N"]',
    'affected:',
    '  - project: project-1',
    '    ranges:',
    '      - events:',
    '          - introduced: 1.0.0',
    '          - fixed: 1.9.1',
    '---',
    '',
    body,
    '',
  ].join('\n');
}
