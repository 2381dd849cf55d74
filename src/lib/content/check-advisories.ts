import { hash } from 'node:crypto';
import { join } from 'node:path';
import type { Advisory } from '../../schemas/advisory.ts';
import type { Project } from '../../schemas/project.ts';
import { bandScore, primaryScore, scoreCvss, type CvssScore } from '../cvss.ts';
import { buildTime } from '../publication.ts';
import { rangeOrderProblems } from '../version-ranges.ts';
import { CONTENT_LAYOUT } from './layout.ts';
import type { Entry, PartialContent } from './load-content.ts';
import type { Problem } from './problems.ts';
import { folder, unknown } from './messages.ts';

/**
 * What the advisory schema cannot see: ids, dates, references to projects and severities, CVSS and
 * ranges. An advisory whose front matter passed in the last build, in the same context, is not
 * checked again (`content.checkedBefore`), but for its id, which another file may now share.
 */
export function checkAdvisories(content: PartialContent): Problem[] {
  const problems: Problem[] = [];
  const now = buildTime();
  const seen = new Map<string, string>();
  // Made once: 20,000 advisories each name one of 200 projects.
  const projects: Projects = {
    valid: new Map(content.projects.entries.map((p) => [p.slug, p.data])),
    files: new Set(content.projects.slugs),
  };
  for (const entry of content.advisories) {
    const at = (path: PropertyKey[], field: string, message: string) =>
      problems.push({ file: entry.source.path, line: entry.source.lineOf(path), field, message });
    const { data } = entry;

    const previous = seen.get(data.id);
    if (previous) at(['id'], 'id', `duplicate id "${data.id}", also used by ${previous}; give this advisory the next free id`);
    seen.set(data.id, entry.source.path);
    if (entry.source.checkedAs !== undefined && content.checkedBefore?.has(entry.source.checkedAs)) continue;
    checkIdentity(entry, content, at);
    checkDates(data, at);
    checkResponseFacts(data, now, at);
    checkAffected(data, content, projects, at);
    checkSeverity(data, content, at);
    checkLinks(data, at);
  }
  // Files whose front matter failed its schema: every check whose fields did parse still runs.
  for (const { source, data } of content.salvaged) {
    const at = (path: PropertyKey[], field: string, message: string) =>
      problems.push({ file: source.path, line: source.lineOf(path), field, message });
    const full = { cvss: [], aliases: [], related: [], cwes: [], references: [], credits: [], ...data } as Advisory;
    if (data.published) checkDates(full, at);
    if (data.published && data.timeline) checkResponseFacts(full, now, at);
    if (data.affected) checkAffected(full, content, projects, at);
    if (data.severity) checkSeverity(full, content, at);
    checkLinks(full, at);
  }
  return problems;
}

/**
 * A digest of everything beside an advisory's own front matter that checkAdvisories reads: the
 * organisation, the severities and every project, whole (any change to them checks every advisory
 * again), and which project files there are. With the build's clock (a date that was not in the
 * future is not later), the passes of one build hold for the next (see FrontMatterCache.passedChecks).
 */
export function advisoryCheckContext(content: PartialContent): string {
  const { organisation, severities, projects } = content;
  return hash(
    'sha256',
    JSON.stringify({
      organisation: organisation?.data ?? null,
      severities: severities?.data ?? null,
      projects: projects.entries.map((project) => [project.slug, project.data]),
      files: projects.slugs,
    }),
    'base64url',
  );
}

/** The projects that parsed, by slug, and the slug of every project file, valid or not. */
interface Projects {
  valid: ReadonlyMap<string, Project>;
  files: ReadonlySet<string>;
}

type At = (path: PropertyKey[], field: string, message: string) => void;

/** A maintainer's own links are https; an imported record's http links are kept as the source gave them. */
function checkLinks(data: Advisory, at: At): void {
  if (data.imported) return;
  data.references.forEach((reference, i) => {
    if (reference.url.startsWith('http://'))
      at(['references', i, 'url'], `references[${i}].url`, `"${reference.url}" uses http://; use the https:// address`);
  });
}

function checkIdentity({ data }: Entry<Advisory>, content: PartialContent, at: At): void {
  const [prefix, year] = data.id.split('-');
  const scheme = content.organisation?.data.advisoryIds ?? 'prefix';
  if (scheme === 'any') return;
  if (scheme === 'cve') {
    // A CVE's year is the year it was reserved, not the year of publication.
    if (!/^CVE-\d{4}-\d{4,}$/.test(data.id))
      at(['id'], 'id', `"${data.id}" is not a CVE id, but organisation.yaml names advisories by CVE (advisoryIds: cve); use the CVE id, e.g. CVE-2026-12345`);
    return;
  }
  const expected = content.organisation?.data.advisoryPrefix;
  if (expected && prefix !== expected) {
    at(['id'], 'id', `starts with ${prefix ?? ''} but organisation.yaml sets advisoryPrefix ${expected}; use ${expected}-${year ?? ''}-NNNN`);
  }
  const publishedYear = data.published.getUTCFullYear();
  // An imported record's dates are the source's: Go's repository stores 0001-01-01 for dates its
  // feed fills in, and some databases date a record before it was modified. Its id's year stands.
  if (!data.imported && Number(year) !== publishedYear) {
    at(['id'], 'id', `has year ${year ?? ''} but published is in ${publishedYear}; the id's year is the year of publication`);
  }
}

function checkDates(data: Advisory, at: At): void {
  if (data.withdrawn && !data.withdrawnReason) {
    at(['withdrawn'], 'withdrawnReason', 'is required when withdrawn is set; say why, for readers who relied on the advisory');
  }
  if (data.withdrawnReason && !data.withdrawn) {
    at(['withdrawnReason'], 'withdrawn', 'is missing but withdrawnReason is set; add withdrawn: <date> or remove the reason');
  }
  if (data.modified && data.modified < data.published && !data.imported) {
    at(['modified'], 'modified', `${data.modified.toISOString()} is before published ${data.published.toISOString()}; modified moves forward only`);
  }
  if (data.withdrawn && data.withdrawn < data.published && !data.imported) {
    at(['withdrawn'], 'withdrawn', `${data.withdrawn.toISOString()} is before published ${data.published.toISOString()}`);
  }
}

const STEP_ORDER = ['reported', 'acknowledged', 'assessed', 'fixReady', 'released'] as const;

/** Response dates happen in order, after the report, and not in the future. */
function checkResponseFacts(data: Advisory, now: Date, at: At): void {
  const facts = data.timeline;
  if (!facts) return;
  const stamp = (date: Date) => date.toISOString().replace('.000Z', 'Z');
  let previous: { step: string; date: Date } | undefined;
  for (const step of STEP_ORDER) {
    const date = facts[step];
    if (!date) continue;
    const path = ['timeline', step];
    if (date > now) at(path, `timeline.${step}`, `${stamp(date)} is in the future; record a step once it has happened`);
    if (!facts.reported && step !== 'reported') {
      at(path, 'timeline.reported', `is missing but timeline.${step} is given; every step is measured from the report, so add reported: <date-time>`);
    } else if (previous && date < previous.date) {
      at(path, `timeline.${step}`, `${stamp(date)} is before ${previous.step} ${stamp(previous.date)}; the steps go reported, acknowledged, assessed, fixReady, released`);
    }
    if (!previous || date >= previous.date) previous = { step, date };
  }
  if (facts.reported && data.published < facts.reported) {
    at(['published'], 'published', `${stamp(data.published)} is before timeline.reported ${stamp(facts.reported)}; an advisory is published after its report`);
  }
}

function checkAffected(
  data: Advisory,
  content: PartialContent,
  projects: Projects,
  at: At,
): void {
  data.affected.forEach((affected, a) => {
    const field = `affected[${a}]`;
    if (!projects.files.has(affected.project)) {
      at(['affected', a, 'project'], `${field}.project`,
        unknown('project', affected.project, content.projects.slugs, folder(join(content.dir, CONTENT_LAYOUT.projects))));
    }
    const project = projects.valid.get(affected.project);
    const names = project?.packages.map((p) => p.name) ?? [];
    if (project && affected.package && !names.includes(affected.package)) {
      at(['affected', a, 'package'], `${field}.package`,
        `"${affected.package}" is not a package of ${affected.project}; expected one of ${names.join(', ') || '(none listed in its project file)'}`);
    }
    if (project && !affected.package && names.length > 1) {
      at(['affected', a], `${field}.package`, `${affected.project} publishes ${names.join(', ')}; say which one with package:`);
    }
    // An imported record may name a package alone (OSV allows it); a maintainer's advisory says which versions.
    if (!data.imported && affected.ranges.length === 0 && affected.versions.length === 0) {
      at(['affected', a], field, 'lists no ranges and no versions; add ranges (introduced/fixed events) or versions');
    }
    affected.ranges.forEach((range, r) => {
      for (const problem of rangeOrderProblems(range, { imported: data.imported !== undefined })) {
        const path = problem.event < 0 ? ['affected', a, 'ranges', r] : ['affected', a, 'ranges', r, 'events', problem.event];
        at(path, `${field}.ranges[${r}]${problem.event < 0 ? '' : `.events[${problem.event}]`}`, problem.message);
      }
    });
  });
}

function checkSeverity(data: Advisory, content: PartialContent, at: At): void {
  const scores: CvssScore[] = [];
  data.cvss.forEach((vector, i) => {
    try {
      scores.push(scoreCvss(vector));
    } catch (error) {
      at(['cvss', i], `cvss[${i}]`, `"${vector}" ${(error as Error).message}; copy the vector from a CVSS calculator`);
    }
  });
  const versions = scores.map((s) => s.version);
  if (new Set(versions).size < versions.length) at(['cvss'], 'cvss', 'lists two vectors of the same CVSS version; keep one per version');

  const severities = content.severities?.data;
  if (!severities) return;
  // A draft's placeholder, named by checkPlaceholders once the draft is to be published.
  if (!data.severity || data.severity === 'TODO') return;
  const severity = severities.find((s) => s.id === data.severity);
  if (!severity) {
    const ids = severities.map((s) => s.id);
    at(['severity'], 'severity', unknown('severity', data.severity, ids, content.severities?.source.path ?? 'severities.yaml'));
    return;
  }
  const newest = primaryScore(scores);
  const primary = newest && bandScore(newest, content.organisation?.data.cvssBands ?? 'CVSS-B');
  if (primary && severity.cvss && !data.severityJustification) {
    const { min, max } = severity.cvss;
    const named = primary.version === '4.0' ? `CVSS 4.0 ${primary.nomenclature}` : `CVSS ${primary.version}`;
    if (primary.score < min || primary.score > max) {
      at(['severity'], 'severity',
        `is ${severity.id} (CVSS ${min.toFixed(1)}–${max.toFixed(1)}) but the ${named} score is ${primary.score.toFixed(1)}; change the severity or add severityJustification explaining why`);
    }
  }
}
