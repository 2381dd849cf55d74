import { join } from 'node:path';
import { isOsvEcosystem, OSV_ECOSYSTEMS } from '../outputs/osv.ts';
import { expiresProblem } from '../outputs/security-txt.ts';
import { isTimeZone } from '../durations.ts';
import { COMPONENT_PARTS, POLICY_COMPONENTS } from '../policy-components.ts';
import { buildTime } from '../publication.ts';
import { parseTarget } from '../timeline.ts';
import { checkAdvisories } from './check-advisories.ts';
import { checkPlaceholders } from './check-placeholders.ts';
import { CONTENT_LAYOUT } from './layout.ts';
import type { PartialContent } from './load-content.ts';
import { folder, unknown } from './messages.ts';
import type { Problem } from './problems.ts';
import { closest } from './zod-problems.ts';

/**
 * Checks what a schema cannot see: ids that must be unique and names that must point at
 * something defined in another file. Astro only logs a broken reference; this fails the build.
 */
export function checkReferences(content: PartialContent): Problem[] {
  return [
    ...checkOrganisation(content),
    ...checkSeverities(content),
    ...checkTimeline(content),
    ...checkProjects(content),
    ...checkPolicies(content),
    ...checkAdvisories(content),
    ...checkPlaceholders(content),
  ];
}

/**
 * security.txt must not go stale: its Expires is checked against the build's clock on every build.
 * Disclosure rules and advance notices name severities of severities.yaml; the CVSS stance agrees with it.
 */
function checkOrganisation({ organisation, severities }: PartialContent): Problem[] {
  if (!organisation) return [];
  const { source, data } = organisation;
  const problems: Problem[] = [];
  const expires = data.securityTxt?.expires;
  const problem = expires && expiresProblem(expires, buildTime());
  if (problem) problems.push({ file: source.path, line: source.lineOf(['securityTxt', 'expires']), field: 'securityTxt.expires', message: problem });
  if (!severities) return problems;
  const known = severities.data.map((s) => s.id);
  const named = (list: readonly string[] | undefined, path: PropertyKey[], field: string) =>
    list?.forEach((id, i) => {
      if (!known.includes(id))
        problems.push({ file: source.path, line: source.lineOf([...path, i]), field: `${field}[${i}]`, message: unknown('severity', id, known, 'severities.yaml') });
    });
  data.disclosure.rules.forEach((rule, r) => {
    named(rule.severities, ['disclosure', 'rules', r, 'severities'], `disclosure.rules[${r}].severities`);
    if (rule.severities && rule.issues)
      problems.push({ file: source.path, line: source.lineOf(['disclosure', 'rules', r]), field: `disclosure.rules[${r}]`, message: 'give severities or issues, not both' });
  });
  // The shorthand advanceNotice comes first in the list, so written notices are offset by it.
  const offset = data.disclosure.advanceNotice ? 1 : 0;
  data.disclosure.advanceNotices.slice(offset).forEach((notice, n) =>
    named(notice.severities, ['disclosure', 'advanceNotices', n, 'severities'], `disclosure.advanceNotices[${n}].severities`),
  );
  const banded = severities.data.some((s) => s.cvss);
  if (data.cvss && data.cvss.use !== 'bands' && banded)
    problems.push({ file: source.path, line: source.lineOf(['cvss', 'use']), field: 'cvss.use', message: `is ${data.cvss.use}, but severities.yaml gives CVSS bands; set use: bands or remove the bands` });
  if (data.cvss?.use === 'bands' && !banded)
    problems.push({ file: source.path, line: source.lineOf(['cvss', 'use']), field: 'cvss.use', message: 'is bands, but no severity in severities.yaml has a cvss band; add the bands or say scores or none' });
  return problems;
}

function checkSeverities({ severities }: PartialContent): Problem[] {
  if (!severities) return [];
  const { data, source } = severities;
  const problems = duplicates(data.map((s) => s.id)).map((i) => ({
    file: source.path,
    line: source.lineOf([i, 'id']),
    field: `[${i}].id`,
    message: `duplicate severity id "${data[i]?.id ?? ''}"; give each severity its own id`,
  }));
  const banded = data.flatMap((severity, index) => (severity.cvss ? [{ severity, index, band: severity.cvss }] : []));
  for (const a of banded) {
    for (const b of banded) {
      if (a.index < b.index && a.band.min <= b.band.max && b.band.min <= a.band.max) {
        problems.push({
          file: source.path,
          line: source.lineOf([b.index, 'cvss']),
          field: `[${b.index}].cvss`,
          message: `CVSS band ${b.band.min}–${b.band.max} of "${b.severity.id}" overlaps ${a.band.min}–${a.band.max} of "${a.severity.id}"; make the bands disjoint`,
        });
      }
    }
  }
  return problems;
}

function checkTimeline({ timeline, severities }: PartialContent): Problem[] {
  if (!timeline) return [];
  const { data, source } = timeline;
  const problems: Problem[] = [];
  const at = (path: PropertyKey[], field: string, message: string): void => {
    problems.push({ file: source.path, line: source.lineOf(path), field, message });
  };

  if (!isTimeZone(data.timeZone)) {
    at(['timeZone'], 'timeZone', `"${data.timeZone}" is not a time zone; use an IANA name such as Europe/Berlin, America/New_York or UTC`);
  }
  const groupIds = data.groups.map((g) => g.id);
  for (const i of duplicates(groupIds)) at(['groups', i, 'id'], `groups[${i}].id`, `duplicate group id "${groupIds[i] ?? ''}"`);
  for (const i of duplicates(data.phases.map((p) => p.id)))
    at(['phases', i, 'id'], `phases[${i}].id`, `duplicate phase id "${data.phases[i]?.id ?? ''}"`);

  if (severities) {
    const known = severities.data.map((s) => s.id);
    const grouped = new Map<string, string>();
    data.groups.forEach((group, g) => {
      (group.severities ?? []).forEach((id, s) => {
        const field = `groups[${g}].severities[${s}]`;
        if (!known.includes(id)) {
          at(['groups', g, 'severities', s], field, unknown('severity', id, known, severities.source.path));
        } else if (grouped.has(id)) {
          at(['groups', g, 'severities', s], field, `severity "${id}" is already in group "${grouped.get(id) ?? ''}"; list it once`);
        } else {
          grouped.set(id, group.id);
        }
      });
    });
    const explicit = data.groups.some((g) => g.severities);
    if (explicit) {
      for (const id of known.filter((k) => !grouped.has(k))) {
        at(['groups'], 'groups', `severity "${id}" is in no group, so it has no targets; add it to a group's severities`);
      }
    }
  }

  data.phases.forEach((phase, p) => {
    for (const [groupId, target] of Object.entries(phase.targets)) {
      const field = `phases[${p}].targets.${groupId}`;
      if (!groupIds.includes(groupId)) {
        at(['phases', p, 'targets', groupId], field, unknown('group', groupId, groupIds, 'groups in this file'));
        continue;
      }
      const parsed = parseTarget(target);
      const relation = parsed.kind === 'duration' ? parsed.relation : undefined;
      if (relation?.to === 'after') {
        const index = data.phases.findIndex((other) => other.id === relation.phase);
        if (index < 0 || index >= p) {
          at(
            ['phases', p, 'targets', groupId],
            field,
            `"after ${relation.phase}" must name an earlier phase; earlier phases: ${data.phases.slice(0, p).map((x) => x.id).join(', ') || 'none'}`,
          );
        }
      } else if (relation?.to === 'before') {
        const index = data.phases.findIndex((other) => other.id === relation.phase);
        if (index <= p) {
          at(
            ['phases', p, 'targets', groupId],
            field,
            `"before ${relation.phase}" must name a later phase; later phases: ${data.phases.slice(p + 1).map((x) => x.id).join(', ') || 'none'}`,
          );
        }
      }
    }
  });
  return problems;
}

function checkProjects({ dir, projects, organisation }: PartialContent): Problem[] {
  const problems: Problem[] = [];
  const projectsDir = join(dir, CONTENT_LAYOUT.projects);
  const slugs = projects.slugs;
  for (const { slug, source, data } of projects.entries) {
    data.related.forEach((related, i) => {
      if (related === slug) {
        problems.push({ file: source.path, line: source.lineOf(['related', i]), field: `related[${i}]`, message: 'a project cannot be related to itself; remove it' });
      } else if (!slugs.includes(related)) {
        problems.push({ file: source.path, line: source.lineOf(['related', i]), field: `related[${i}]`, message: unknown('project', related, slugs, folder(projectsDir)) });
      }
    });
    const rule = data.supportedVersions?.rule;
    if (rule?.latestReleases !== undefined && rule.latestReleases > rule.releases.length) {
      problems.push({
        file: source.path,
        line: source.lineOf(['supportedVersions', 'rule', 'latestReleases']),
        field: 'supportedVersions.rule.latestReleases',
        message: `is ${rule.latestReleases} but only ${rule.releases.length} release(s) are listed; list more releases or lower the number`,
      });
    }
    const versions = [...(rule?.branches ?? []), ...(rule?.releases ?? []), ...(data.supportedVersions?.versions ?? []).map((v) => v.version)];
    for (const i of duplicates(versions)) {
      problems.push({
        file: source.path,
        line: source.lineOf(['supportedVersions']),
        field: 'supportedVersions',
        message: `version "${versions[i] ?? ''}" is listed twice; keep one row per version`,
      });
    }
    data.packages.forEach((pkg, i) => {
      if (!isOsvEcosystem(pkg.ecosystem)) {
        const base = pkg.ecosystem.split(':')[0] ?? '';
        const hint = closest(base, OSV_ECOSYSTEMS);
        problems.push({
          file: source.path,
          line: source.lineOf(['packages', i, 'ecosystem']),
          field: `packages[${i}].ecosystem`,
          message: `"${pkg.ecosystem}" is not an OSV ecosystem${hint ? ` (did you mean "${hint}"?)` : ''}; use OSV's spelling (npm, PyPI, crates.io, Go, Maven, ...) so OSV and CSAF output name the registry`,
        });
      }
    });
    if (organisation?.data.reporting.channels.some((c) => c.kind === 'github' && !c.url) && !/^https:\/\/github\.com\//.test(data.repository)) {
      problems.push({
        file: source.path,
        line: source.lineOf(['repository']),
        field: 'repository',
        message: `is not on github.com, but organisation.yaml takes reports through each repository's GitHub private reporting (reporting.githubPrivateReporting or a github channel without url); use a GitHub repository URL, or give the github channel a url`,
      });
    }
  }
  return problems;
}

function checkPolicies({ dir, policies, projects, organisation, timeline }: PartialContent): Problem[] {
  const problems: Problem[] = [];
  const projectsDir = join(dir, CONTENT_LAYOUT.projects);
  const names = Object.keys(POLICY_COMPONENTS);
  const slugs = projects.slugs;
  for (const { source } of policies.entries) {
    for (const use of componentUses(source.body)) {
      const line = source.bodyLine + use.line - 1;
      if (!names.includes(use.name)) {
        const suggestion = closest(use.name, names);
        problems.push({
          file: source.path,
          line,
          field: `<${use.name}>`,
          message: `unknown component${suggestion ? `; did you mean <${suggestion} />?` : ''} (available: ${names.join(', ')})`,
        });
      }
      if (use.name === 'SecurityEmail' && organisation && !organisation.data.reporting.channels.some((c) => c.kind === 'email')) {
        problems.push({ file: source.path, line, field: '<SecurityEmail>', message: 'organisation.yaml has no e-mail channel to show; add reporting.email or remove the component' });
      }
      const part = /\bpart="([^"]*)"/.exec(use.attributes)?.[1];
      if (part !== undefined) {
        const parts: readonly string[] = (COMPONENT_PARTS as Record<string, readonly string[]>)[use.name] ?? [];
        if (!parts.includes(part))
          problems.push({ file: source.path, line, field: `<${use.name}> part`, message: parts.length > 0 ? unknown('part', part, [...parts], `<${use.name}>`) : `<${use.name}> shows everything it knows; it has no parts` });
      }
      const channel = /\bchannel="([^"]*)"/.exec(use.attributes)?.[1];
      if (channel !== undefined && organisation) {
        const kinds = [...new Set(organisation.data.reporting.channels.map((c) => c.kind))];
        if (!kinds.includes(channel as (typeof kinds)[number]))
          problems.push({ file: source.path, line, field: `<${use.name}> channel`, message: unknown('channel', channel, kinds, 'organisation.yaml reporting') });
      }
      const audience = use.name === 'AdvanceNotice' ? /\baudience="([^"]*)"/.exec(use.attributes)?.[1] : undefined;
      if (audience !== undefined && organisation) {
        const names = organisation.data.disclosure.advanceNotices.map((n) => n.audience.name);
        if (!names.includes(audience))
          problems.push({ file: source.path, line, field: '<AdvanceNotice> audience', message: unknown('advance notice', audience, names, 'organisation.yaml disclosure.advanceNotices') });
      }
      const to = use.name === 'PageLink' ? /\bto="([^"]*)"/.exec(use.attributes)?.[1] : undefined;
      if (use.name === 'PageLink' && (to === undefined || !to.startsWith('/') || to.startsWith('//')))
        problems.push({ file: source.path, line, field: '<PageLink> to', message: 'give to="/path/" : the page\'s path on the site, starting with one /, without the base path' });
      const project = /\bproject="([^"]*)"/.exec(use.attributes)?.[1];
      if (project !== undefined && !slugs.includes(project)) {
        problems.push({ file: source.path, line, field: `<${use.name}> project`, message: unknown('project', project, slugs, folder(projectsDir)) });
      }
      const phase = /\bphase="([^"]*)"/.exec(use.attributes)?.[1];
      const phases = timeline?.data.phases.map((p) => p.id) ?? [];
      if (phase !== undefined && timeline && !phases.includes(phase)) {
        problems.push({ file: source.path, line, field: `<${use.name}> phase`, message: unknown('phase', phase, phases, 'timeline.yaml') });
      }
      const group = /\bgroup="([^"]*)"/.exec(use.attributes)?.[1];
      const groups = timeline?.data.groups.map((g) => g.id) ?? [];
      if (group !== undefined && timeline && !groups.includes(group)) {
        problems.push({ file: source.path, line, field: `<${use.name}> group`, message: unknown('group', group, groups, 'timeline.yaml') });
      }
    }
  }
  const page = organisation?.data.policyPage;
  const pages = policies.slugs;
  if (organisation && page && !pages.includes(page)) {
    const { source } = organisation;
    problems.push({ file: source.path, line: source.lineOf(['policyPage']), field: 'policyPage', message: unknown('policy page', page, pages, folder(join(dir, CONTENT_LAYOUT.policy))) });
  }
  if (organisation && pages.length === 0) {
    problems.push({
      file: folder(join(dir, CONTENT_LAYOUT.policy)),
      field: '',
      message: 'has no policy page; add a page such as security-policy.mdx (see the examples/ folder) so SECURITY.md files have a page to link to',
    });
  }
  return problems;
}

/** Capitalised JSX tags in MDX prose, outside fenced code. */
export function componentUses(body: string): { name: string; attributes: string; line: number }[] {
  const uses: { name: string; attributes: string; line: number }[] = [];
  let fenced = false;
  body.split('\n').forEach((text, i) => {
    if (/^\s*(```|~~~)/.test(text)) fenced = !fenced;
    if (fenced) return;
    for (const match of text.replaceAll(/`[^`]*`/g, '').matchAll(/<([A-Z][A-Za-z0-9]*)\b([^>]*)>/g)) {
      uses.push({ name: match[1] ?? '', attributes: match[2] ?? '', line: i + 1 });
    }
  });
  return uses;
}

/** Indexes of values that appeared earlier in the list. */
function duplicates(values: readonly string[]): number[] {
  return values.flatMap((value, i) => (values.indexOf(value) < i ? [i] : []));
}
