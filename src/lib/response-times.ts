import type { Advisory, ResponseStep } from '../schemas/advisory.ts';
import type { Severity } from '../schemas/severity.ts';
import type { Timeline, TimelinePhase } from '../schemas/timeline.ts';
import { addDuration, percentiles, type WorkCalendar } from './durations.ts';
import { deadlineAmount, describeTarget, measurable, parseTarget } from './timeline.ts';

const DAY = 24 * 60 * 60 * 1000;

/** How one phase of one advisory went against the policy's target. */
export interface PhaseOutcome {
  phase: TimelinePhase;
  /** The target in words, as the timeline table says it. */
  target: string;
  /** When the phase was due, when the target is a duration and its start is known. */
  deadline: Date | undefined;
  /** When it happened, when recorded. */
  actual: Date | undefined;
  /** Time from the phase's start (the report, or the phase it follows) to `actual`. */
  elapsed: number | undefined;
  status: 'met' | 'missed' | 'not-recorded' | 'not-measured';
  /** For missed: how late, in milliseconds. */
  late: number | undefined;
  /** For not-measured: why. */
  reason: string | undefined;
}

/** An advisory's own response timeline: each phase against its target, and the disclosure window. */
export interface AdvisoryResponse {
  reported: Date;
  steps: Partial<Record<ResponseStep, Date>>;
  phases: PhaseOutcome[];
  /** Days from the report to publication, against the disclosure window. */
  disclosure: { days: number; windowDays: number | undefined; kept: boolean | undefined };
}

/** The work calendar a timeline's durations are counted in. */
export function calendarOf(timeline: Timeline): WorkCalendar {
  return { timeZone: timeline.timeZone, holidays: timeline.holidays };
}

/** The timeline group (column) an advisory's severity belongs to. */
export function groupFor(
  timeline: Timeline,
  severity: string | undefined,
): Timeline['groups'][number] | undefined {
  // An unrated advisory falls in a group that names no severities, if there is one.
  return timeline.groups.find(
    (group) => !group.severities || (severity !== undefined && group.severities.includes(severity)),
  );
}

/**
 * How an advisory's response went, phase by phase, or undefined when its report date is not
 * recorded. A phase is measured when timeline.yaml names its `event` and its target is a duration.
 */
export function advisoryResponse(
  advisory: Pick<Advisory, 'severity' | 'published' | 'timeline'>,
  timeline: Timeline,
  windowDays: number | undefined,
): AdvisoryResponse | undefined {
  const facts = advisory.timeline;
  if (!facts?.reported) return undefined;
  const reported = facts.reported;
  const steps: Partial<Record<ResponseStep, Date>> = {
    ...(facts.acknowledged && { acknowledged: facts.acknowledged }),
    ...(facts.assessed && { assessed: facts.assessed }),
    ...(facts.fixReady && { fixReady: facts.fixReady }),
    ...(facts.released && { released: facts.released }),
    published: advisory.published,
  };
  const group = groupFor(timeline, advisory.severity);
  const calendar = calendarOf(timeline);
  const phases = timeline.phases.map((phase): PhaseOutcome => {
    const raw = group ? phase.targets[group.id] : undefined;
    const outcome = (status: PhaseOutcome['status'], extra: Partial<PhaseOutcome> = {}): PhaseOutcome => ({
      phase,
      target: describeTarget(raw, timeline),
      deadline: undefined,
      actual: phase.event ? steps[phase.event] : undefined,
      elapsed: undefined,
      status,
      late: undefined,
      reason: undefined,
      ...extra,
    });
    if (!phase.event)
      return outcome('not-measured', { reason: 'timeline.yaml names no event for this phase' });
    if (raw === undefined) return outcome('not-measured', { reason: 'no target for this severity' });
    const target = parseTarget(raw);
    if (target.kind === 'commitment')
      return outcome('not-measured', { reason: 'the target is a commitment, not a duration' });
    if (!measurable(target))
      return outcome('not-measured', {
        reason:
          target.bound === 'at least'
            ? 'the target is a minimum, not a deadline'
            : 'the target counts back from a later step',
      });
    const after = target.after ? timeline.phases.find((p) => p.id === target.after) : undefined;
    const start = target.after ? after?.event && steps[after.event] : reported;
    if (!start)
      return outcome('not-measured', {
        reason: `${after?.label ?? target.after ?? 'its start'} is not recorded`,
      });
    const deadline = addDuration(start, deadlineAmount(target), target.unit, calendar);
    const actual = steps[phase.event];
    if (!actual) return outcome('not-recorded', { deadline });
    const late = actual.getTime() - deadline.getTime();
    return outcome(late <= 0 ? 'met' : 'missed', {
      deadline,
      elapsed: actual.getTime() - start.getTime(),
      late: late > 0 ? late : undefined,
    });
  });
  const days = (advisory.published.getTime() - reported.getTime()) / DAY;
  return {
    reported,
    steps,
    phases,
    disclosure: { days, windowDays, kept: windowDays === undefined ? undefined : days <= windowDays },
  };
}

/** Median and 90th percentile of one measure, in milliseconds, over the advisories that record it. */
export type Spread = { median: number; p90: number; count: number } | undefined;

/** The figures for one severity in one year (or every year, `year` undefined). */
export interface ResponseFigures {
  severity: Severity;
  year: number | undefined;
  /** Published advisories of this severity and year. */
  advisories: number;
  /** Of those, how many record when they were reported. */
  recorded: number;
  acknowledge: Spread;
  fix: Spread;
  publish: Spread;
  /** Phase targets measured, and met. */
  targets: { measured: number; met: number };
  /** Disclosure windows measured, and kept. */
  windows: { measured: number; kept: number };
}

/**
 * Response figures per severity and publication year, most severe first and newest year first,
 * plus (with `byYear: false`) one row per severity over every year. Withdrawn advisories are left out.
 */
export function responseFigures(
  advisories: readonly Pick<Advisory, 'severity' | 'published' | 'timeline' | 'withdrawn'>[],
  severities: readonly Severity[],
  timeline: Timeline,
  windowDays: number | undefined,
  byYear = true,
): ResponseFigures[] {
  const rows = new Map<
    string,
    { severity: Severity; year: number | undefined; items: (typeof advisories)[number][] }
  >();
  for (const advisory of advisories) {
    if (advisory.withdrawn) continue;
    const severity = severities.find((s) => s.id === advisory.severity);
    if (!severity) continue;
    const year = byYear ? advisory.published.getUTCFullYear() : undefined;
    const key = `${severity.id}/${year ?? ''}`;
    const row = rows.get(key) ?? { severity, year, items: [] };
    row.items.push(advisory);
    rows.set(key, row);
  }
  const rank = (s: Severity) => severities.indexOf(s);
  return [...rows.values()]
    .sort((a, b) => rank(a.severity) - rank(b.severity) || (b.year ?? 0) - (a.year ?? 0))
    .map(({ severity, year, items }) => {
      const responses = items.flatMap((item) => advisoryResponse(item, timeline, windowDays) ?? []);
      const since = (step: ResponseStep) =>
        responses.flatMap((r) => {
          const date = r.steps[step];
          return date ? [date.getTime() - r.reported.getTime()] : [];
        });
      const spread = (values: number[]): Spread => {
        const p = percentiles(values);
        return p && { ...p, count: values.length };
      };
      const outcomes = responses
        .flatMap((r) => r.phases)
        .filter((p) => p.status === 'met' || p.status === 'missed');
      const windows = responses.filter((r) => r.disclosure.kept !== undefined);
      return {
        severity,
        year,
        advisories: items.length,
        recorded: responses.length,
        acknowledge: spread(since('acknowledged')),
        fix: spread(since('fixReady')),
        publish: spread(since('published')),
        targets: { measured: outcomes.length, met: outcomes.filter((p) => p.status === 'met').length },
        windows: { measured: windows.length, kept: windows.filter((r) => r.disclosure.kept).length },
      };
    });
}
