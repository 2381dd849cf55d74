import { advisoryTitle } from '../advisory-view.ts';
import type { AffectedEntry } from '../../schemas/advisory.ts';
import { upgradeCommand } from './upgrade-command.ts';
import type { Project } from '../../schemas/project.ts';
import { primaryScore, scoreCvss } from '../cvss.ts';
import { stretches, summariseAffected } from '../version-ranges.ts';
import { absolute, paths } from '../urls.ts';
import { affectedPackage, type AdvisorySource, type OutputContext } from './context.ts';

/**
 * The fix announcement a maintainer sends when an advisory is published: which vulnerabilities,
 * what to upgrade to, "Am I vulnerable?", mitigation, how to upgrade, details and credit.
 * Markdown, ready to paste into a mailing-list post or a release note. Same input, same bytes.
 */
export function renderAnnouncement(source: AdvisorySource, context: OutputContext): string {
  const { data } = source;
  const page = absolute(context.organisation.site, paths.advisory(data.id));
  const targets = data.affected.map((entry) => upgradeTarget(entry, context.projects.get(entry.project)));
  const fixed = targets.filter((t) => t.versions.length > 0);
  const sections: string[] = [`# ${data.id}: ${advisoryTitle(data)}`];

  const cves = data.aliases.filter((alias) => alias.startsWith('CVE-'));
  const scores = data.cvss.map(scoreCvss);
  const score = primaryScore(scores);
  const scoreText = score ? ` (CVSS ${score.version} score ${score.score.toFixed(1)}, ${score.rating})` : '';
  sections.push(
    `This addresses the following ${cves.length > 1 ? 'CVEs' : 'vulnerability'}:`,
    (cves.length > 0 ? cves : [data.id])
      .map((id) => `- ${id}${scoreText}: ${advisoryTitle(data)}`)
      .join('\n'),
  );
  sections.push(
    fixed.length > 0
      ? `Upgrading to ${fixed.map((t) => `${t.label} ${orList(t.versions)}`).join(', or ')} is encouraged to fix this issue.`
      : `No fixed version is available yet.${data.mitigation ? ' Apply the mitigation below until one is released.' : ''}`,
  );

  sections.push('## Am I vulnerable?');
  sections.push(
    'You are vulnerable if you use one of these versions:',
    targets.map((t) => `- ${t.label}: ${t.affected}`).join('\n'),
  );
  if (data.vulnerableWhen) sections.push(data.vulnerableWhen);

  if (data.mitigation) sections.push('## How do I mitigate the vulnerability?', data.mitigation);

  sections.push('## How do I upgrade?');
  if (data.upgrade) sections.push(data.upgrade);
  else if (fixed.length === 0)
    sections.push('There is nothing to upgrade to yet; watch the advisory for the fix.');
  else {
    sections.push(
      fixed
        .map(
          (t) =>
            `- Upgrade ${t.label} to ${orList(t.versions)}${t.versions.length > 1 ? ', whichever is in your release line' : ''}.`,
        )
        .join('\n'),
    );
    const commands = fixed.flatMap((t) => t.commands);
    if (commands.length > 0) sections.push(['```sh', ...commands, '```'].join('\n'));
  }

  sections.push('## Vulnerability details');
  const facts = [
    ...(data.aliases.length > 0 ? [`- Aliases: ${data.aliases.join(', ')}`] : []),
    ...scores.map((s) => `- CVSS ${s.version}: ${s.score.toFixed(1)} (${s.rating}), \`${s.vector}\``),
    ...(data.cwes.length > 0 ? [`- Weakness: ${data.cwes.join(', ')}`] : []),
    `- Advisory: ${page}`,
    ...data.references.map((r) => `- ${r.type.charAt(0)}${r.type.slice(1).toLowerCase()}: ${r.url}`),
  ];
  sections.push(facts.join('\n'));
  if (source.details.trim()) sections.push(source.details.trim());

  if (data.credits.length > 0) {
    sections.push(
      '## Credit',
      data.credits.map((c) => `- ${c.name} (${c.type.toLowerCase().replaceAll('_', ' ')})`).join('\n'),
    );
  }
  return `${sections.join('\n\n')}\n`;
}

interface UpgradeTarget {
  /** `beacon (npm package @lanternfish/beacon)`, or the project name when it publishes no package. */
  label: string;
  /** The affected versions in words. */
  affected: string;
  versions: string[];
  commands: string[];
}

function upgradeTarget(entry: AffectedEntry, project: Project | undefined): UpgradeTarget {
  const pkg = affectedPackage(project, entry.package);
  const name = project?.name ?? entry.project;
  const summary = summariseAffected(entry);
  const affected = [...entry.ranges.flatMap(stretches).map((s) => s.affected), ...entry.versions].join('; ');
  const gitOnly = entry.ranges.length > 0 && entry.ranges.every((r) => r.type === 'GIT');
  const versions = gitOnly ? [] : summary.fixedIn;
  return {
    label: pkg ? `${pkg.name} (${pkg.ecosystem})` : name,
    affected: affected || 'no versions listed',
    versions,
    commands: pkg
      ? versions.flatMap((v) => {
          const command = upgradeCommand(pkg.ecosystem, pkg.name, v);
          return command ? [...(versions.length > 1 ? [`# to ${v}:`] : []), command] : [];
        })
      : [],
  };
}

function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items.at(-1) ?? ''}`;
}
