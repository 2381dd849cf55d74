import type { SupportedVersions } from '../schemas/project.ts';

export interface VersionRow {
  version: string;
  supported: boolean;
  note: string | undefined;
}

export interface SupportTable {
  /** The rule in words, when there is one. */
  rule: string | undefined;
  rows: VersionRow[];
}

/** Applies the rule to its release list and appends the explicit rows. */
export function supportTable(supported: SupportedVersions): SupportTable {
  const rule = supported.rule;
  const rows: VersionRow[] = [];
  if (rule) {
    for (const branch of rule.branches)
      rows.push({ version: branch, supported: true, note: 'Development branch' });
    rule.releases.forEach((release, i) => {
      const inRule = i < rule.latestReleases;
      rows.push({
        version: release,
        supported: inRule,
        note: inRule ? (i === 0 ? 'Latest release' : undefined) : 'Upgrade to a supported release',
      });
    });
  }
  for (const line of supported.versions ?? [])
    rows.push({ version: line.version, supported: line.supported, note: line.note });
  return { rule: rule ? (rule.text ?? describeRule(rule.branches, rule.latestReleases)) : undefined, rows };
}

function describeRule(branches: readonly string[], latest: number): string {
  const releases = latest === 1 ? 'the most recent release' : `the ${latest} most recent releases`;
  if (branches.length === 0) return `We support ${releases}.`;
  const names = branches.join(' and ');
  return `We support the ${names} ${branches.length === 1 ? 'branch' : 'branches'} and ${releases}.`;
}
