import { elapsedUnit, formatElapsed, targetUnit, type ElapsedUnit } from './durations.ts';
import type { AdvisoryResponse, PhaseOutcome, ResponseFigures, Spread } from './response-times.ts';

// Words for the response timeline, shared by the advisory page, the transparency page and project pages.

/** "Met", "Missed by 25 hours" (in the target's own unit), "Not recorded", "Not measured". */
export function outcomeWords(outcome: PhaseOutcome): string {
  switch (outcome.status) {
    case 'met':
      return 'Met';
    case 'missed':
      return `Missed by ${formatElapsed(outcome.late ?? 0, targetUnit(outcome.target))}`;
    case 'not-recorded':
      return 'Not recorded';
    case 'not-measured':
      return 'Not measured';
  }
}

/** "Within the 90-day window", "21.3 days over the 90-day window", or undefined with no window. */
export function windowWords(disclosure: AdvisoryResponse['disclosure']): string | undefined {
  const { days, windowDays, kept } = disclosure;
  if (windowDays === undefined) return undefined;
  return kept
    ? `Within the ${windowDays}-day window`
    : `${formatElapsed((days - windowDays) * 24 * 60 * 60 * 1000, 'days')} over the ${windowDays}-day window`;
}

/** "6.5 / 17 hours" (median / 90th percentile) in `unit`, or "n/a". */
export function spreadWords(spread: Spread, unit: ElapsedUnit = spreadUnit([spread])): string {
  if (!spread) return 'n/a';
  const median = formatElapsed(spread.median, unit).replace(/ \w+$/, '');
  return `${median} / ${formatElapsed(spread.p90, unit)}`;
}

/** The one unit for a column of spreads: hours when every figure is under two days. */
export function spreadUnit(spreads: readonly Spread[]): ElapsedUnit {
  return elapsedUnit(spreads.flatMap((spread) => (spread ? [spread.median, spread.p90] : [])));
}

/** "3 of 4 (75%)", or "n/a". */
export function shareWords(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${part} of ${whole} (${Math.round((part / whole) * 100)}%)`;
}

/** One summary line for a chart's text alternative. */
export function figuresSummary(rows: readonly ResponseFigures[]): string {
  const unit = spreadUnit(rows.map((row) => row.publish));
  return rows
    .map(
      (row) =>
        `${row.severity.label}${row.year ? ` ${row.year}` : ''}: ${row.publish ? formatElapsed(row.publish.median, unit) : 'n/a'}`,
    )
    .join('; ');
}
