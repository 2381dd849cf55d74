import type { SupportedVersions } from '../schemas/project.ts';
import { describeDuration } from './timeline.ts';

export interface VersionRow {
  version: string;
  supported: boolean;
  note: string | undefined;
}

export interface SupportTable {
  /** The rule in words, when there is one. */
  rule: string | undefined;
  rows: VersionRow[];
  /** Where the up-to-date table is kept, when elsewhere. */
  link: string | undefined;
}

/** A row's note: LTS, its end-of-life date, and the maintainer's note. */
function lineNote(line: {
  endOfLife?: Date | undefined;
  lts: boolean;
  note?: string | undefined;
  supported: boolean;
}): string | undefined {
  const day = line.endOfLife?.toISOString().slice(0, 10);
  const parts = [
    ...(line.lts ? ['Long-term support'] : []),
    ...(day ? [line.supported ? `Security fixes until ${day}` : `End of life since ${day}`] : []),
    ...(line.note ? [line.note] : []),
  ];
  return parts.length > 0 ? parts.join('; ') : undefined;
}

/** Applies the rule to its release list and appends the explicit rows. */
export function supportTable(supported: SupportedVersions): SupportTable {
  const rule = supported.rule;
  const rows: VersionRow[] = [];
  if (rule) {
    for (const branch of rule.branches)
      rows.push({ version: branch, supported: true, note: 'Development branch' });
    rule.releases.forEach((release, i) => {
      const inRule = i < (rule.latestReleases ?? 0);
      rows.push({
        version: release,
        supported: inRule,
        note: inRule ? (i === 0 ? 'Latest release' : undefined) : 'Upgrade to a supported release',
      });
    });
  }
  for (const line of supported.versions ?? [])
    rows.push({ version: line.version, supported: line.supported, note: lineNote(line) });
  return { rule: rule ? (rule.text ?? describeRule(rule)) : undefined, rows, link: supported.link };
}

function describeRule(rule: NonNullable<SupportedVersions['rule']>): string {
  const { branches, latestReleases: latest } = rule;
  const parts: string[] = [];
  if (branches.length > 0)
    parts.push(`the ${branches.join(' and ')} ${branches.length === 1 ? 'branch' : 'branches'}`);
  if (latest !== undefined)
    parts.push(latest === 1 ? 'the most recent release' : `the ${latest} most recent releases`);
  const period = rule.period ? ` Each release is supported for ${describeDuration(rule.period)}.` : '';
  const lts = rule.ltsPeriod
    ? ` Long-term-support releases are supported for ${describeDuration(rule.ltsPeriod)}.`
    : '';
  const main = parts.length > 0 ? `We support ${parts.join(' and ')}.` : '';
  return `${main}${period}${lts}`.trim();
}
