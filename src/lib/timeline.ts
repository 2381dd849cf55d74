import type { Severity } from '../schemas/severity.ts';
import { DURATION_PATTERN, type Target, type Timeline, type TimelineGroup } from '../schemas/timeline.ts';

export type DurationUnit = 'hours' | 'days' | 'business-days' | 'weeks' | 'months';

/** A duration as written: an amount (or a range), a unit, a bound and what it counts from. */
export interface Duration {
  amount: number;
  /** The upper end of a range, `3 to 7 days`. */
  upTo: number | undefined;
  unit: DurationUnit;
  /** `about`, `at most`, `at least` or `up to`, as written. */
  bound: 'about' | 'at most' | 'at least' | 'up to' | undefined;
  /** Calendar days said as such (`7 calendar days`). */
  calendar: boolean;
  /** Counted after or before another phase or event, by its id. */
  relation: { to: 'after' | 'before'; phase: string } | undefined;
}

/** A target, understood: a duration (optionally after another phase) or a commitment in words. */
export type ParsedTarget =
  | ({ kind: 'duration'; after: string | undefined; caveat: string | undefined } & Duration)
  | { kind: 'commitment'; text: string; after?: undefined; caveat?: undefined };

/** Reads a duration written as DURATION_PATTERN allows; throws on anything else. */
export function parseDuration(text: string): Duration {
  const match = DURATION_PATTERN.exec(text);
  if (!match) throw new Error(`Not a duration: ${text}`);
  const unitWord = match[4] ?? '';
  const unit: DurationUnit = unitWord.startsWith('business')
    ? 'business-days'
    : unitWord.startsWith('hour')
      ? 'hours'
      : unitWord.startsWith('week')
        ? 'weeks'
        : unitWord.startsWith('month')
          ? 'months'
          : 'days';
  return {
    amount: Number(match[2]),
    upTo: match[3] === undefined ? undefined : Number(match[3]),
    unit,
    bound: match[1] as Duration['bound'],
    calendar: unitWord.startsWith('calendar'),
    relation: match[5] ? { to: match[5] as 'after' | 'before', phase: match[6] ?? '' } : undefined,
  };
}

export function parseTarget(target: Target): ParsedTarget {
  if (typeof target !== 'string' && 'commitment' in target)
    return { kind: 'commitment', text: target.commitment };
  const text = typeof target === 'string' ? target : target.duration;
  const duration = parseDuration(text);
  return {
    kind: 'duration',
    ...duration,
    after: duration.relation?.to === 'after' ? duration.relation.phase : undefined,
    caveat: typeof target === 'string' ? undefined : target.caveat,
  };
}

/**
 * Whether a target can be measured against an advisory's dates: a plain duration or an upper
 * bound counted from the report or from an earlier phase. `at least` and `before` targets cannot.
 */
export function measurable(target: Duration): boolean {
  return target.bound !== 'at least' && target.relation?.to !== 'before';
}

/** The latest a measurable target allows: the upper end of a range. */
export function deadlineAmount(target: Duration): number {
  return target.upTo ?? target.amount;
}

const UNIT_WORDS: Record<DurationUnit, [string, string]> = {
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  'business-days': ['business day', 'business days'],
  weeks: ['week', 'weeks'],
  months: ['month', 'months'],
};

/** "24 hours", "1 business day". */
export function formatDuration(amount: number, unit: DurationUnit): string {
  const [one, many] = UNIT_WORDS[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/** A duration in words without its relation: "at most 7 calendar days", "3 to 7 days". */
export function durationWords(duration: Duration): string {
  const [one, many] = UNIT_WORDS[duration.unit];
  const last = duration.upTo ?? duration.amount;
  const unit = `${duration.calendar ? 'calendar ' : ''}${last === 1 ? one : many}`;
  const amount =
    duration.upTo === undefined ? `${duration.amount}` : `${duration.amount} to ${duration.upTo}`;
  return `${duration.bound ? `${duration.bound} ` : ''}${amount} ${unit}`;
}

/** A duration written as text, in words, with what it counts from: "2 days before the release". */
export function describeDuration(text: string, milestone: (id: string) => string = (id) => id): string {
  const duration = parseDuration(text);
  const words = durationWords(duration);
  if (!duration.relation) return words;
  return `${words} ${duration.relation.to} ${milestone(duration.relation.phase)}`;
}

/** One cell of the timeline table, in words. */
export function describeTarget(target: Target | undefined, timeline: Timeline): string {
  if (target === undefined) return 'No fixed target';
  const parsed = parseTarget(target);
  if (parsed.kind === 'commitment') return parsed.text;
  const duration = durationWords(parsed);
  const milestone = (id: string) => {
    const phase = timeline.phases.find((p) => p.id === id);
    return phase ? milestoneOf(phase) : id;
  };
  const said = !parsed.relation
    ? duration.charAt(0).toUpperCase() + duration.slice(1)
    : parsed.relation.to === 'after'
      ? `${parsed.bound ? `${duration.charAt(0).toUpperCase()}${duration.slice(1)} after` : `Within ${duration} of`} ${milestone(parsed.relation.phase)}`
      : `${duration.charAt(0).toUpperCase()}${duration.slice(1)} before ${milestone(parsed.relation.phase)}`;
  return parsed.caveat ? `${said} (${parsed.caveat})` : said;
}

export function milestoneOf(phase: { label: string; milestone?: string | undefined }): string {
  return phase.milestone ?? phase.label.toLowerCase();
}

/** Column heading: the explicit label, the severities' labels, or "All reports". */
export function groupLabel(group: TimelineGroup, severities: readonly Severity[]): string {
  if (group.label) return group.label;
  if (!group.severities) return 'All reports';
  return group.severities.map((id) => severities.find((s) => s.id === id)?.label ?? id).join(' / ');
}

export interface TimelineTable {
  columns: string[];
  rows: { phase: string; description: string | undefined; cells: string[] }[];
  usesBusinessDays: boolean;
}

/** The response-timeline table as text cells, shared by the site and SECURITY.md. */
export function timelineTable(timeline: Timeline, severities: readonly Severity[]): TimelineTable {
  const rows = timeline.phases.map((phase) => ({
    phase: phase.label,
    description: phase.description,
    cells: timeline.groups.map((group) => describeTarget(phase.targets[group.id], timeline)),
  }));
  const usesBusinessDays = timeline.phases.some((phase) =>
    Object.values(phase.targets).some((t) => {
      const parsed = parseTarget(t);
      return parsed.kind === 'duration' && parsed.unit === 'business-days';
    }),
  );
  return {
    columns: timeline.groups.map((group) => groupLabel(group, severities)),
    rows,
    usesBusinessDays: usesBusinessDays && timeline.businessDaysNote,
  };
}

export const BUSINESS_DAYS_NOTE = 'Business days are Monday to Friday.';
