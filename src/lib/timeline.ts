import type { Severity } from '../schemas/severity.ts';
import { DURATION_PATTERN, type Target, type Timeline, type TimelineGroup } from '../schemas/timeline.ts';

export type DurationUnit = 'hours' | 'days' | 'business-days' | 'weeks';

/** A target, understood: a duration (optionally after another phase) or a commitment in words. */
export type ParsedTarget =
  | { kind: 'duration'; amount: number; unit: DurationUnit; after: string | undefined }
  | { kind: 'commitment'; text: string; after?: undefined };

export function parseTarget(target: Target): ParsedTarget {
  if (typeof target !== 'string') return { kind: 'commitment', text: target.commitment };
  const match = DURATION_PATTERN.exec(target);
  if (!match) throw new Error(`Not a duration: ${target}`);
  const unitWord = match[2] ?? '';
  const unit: DurationUnit = unitWord.startsWith('business')
    ? 'business-days'
    : unitWord.startsWith('hour')
      ? 'hours'
      : unitWord.startsWith('week')
        ? 'weeks'
        : 'days';
  return { kind: 'duration', amount: Number(match[1]), unit, after: match[3] };
}

const UNIT_WORDS: Record<DurationUnit, [string, string]> = {
  hours: ['hour', 'hours'],
  days: ['day', 'days'],
  'business-days': ['business day', 'business days'],
  weeks: ['week', 'weeks'],
};

/** "24 hours", "1 business day". */
export function formatDuration(amount: number, unit: DurationUnit): string {
  const [one, many] = UNIT_WORDS[unit];
  return `${amount} ${amount === 1 ? one : many}`;
}

/** One cell of the timeline table, in words. */
export function describeTarget(target: Target | undefined, timeline: Timeline): string {
  if (target === undefined) return 'No fixed target';
  const parsed = parseTarget(target);
  if (parsed.kind === 'commitment') return parsed.text;
  const duration = formatDuration(parsed.amount, parsed.unit);
  if (!parsed.after) return duration;
  const phase = timeline.phases.find((p) => p.id === parsed.after);
  return `Within ${duration} of ${phase ? milestoneOf(phase) : parsed.after}`;
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
