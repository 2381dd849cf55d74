import { formatElapsed } from './durations.ts';
import type { AdvisoryResponse, PhaseOutcome, ResponseFigures, Spread } from './response-times.ts';

// Words for the response timeline, shared by the advisory page, the transparency page and project pages.

/** "Met", "Missed by 25 h", "Not recorded", "Not measured". */
export function outcomeWords(outcome: PhaseOutcome): string {
  switch (outcome.status) {
    case 'met':
      return 'Met';
    case 'missed':
      return `Missed by ${formatElapsed(outcome.late ?? 0)}`;
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
    : `${formatElapsed((days - windowDays) * 24 * 60 * 60 * 1000)} over the ${windowDays}-day window`;
}

/** "6.5 h / 17 h" (median / 90th percentile), or "n/a". */
export function spreadWords(spread: Spread): string {
  return spread ? `${formatElapsed(spread.median)} / ${formatElapsed(spread.p90)}` : 'n/a';
}

/** "3 of 4 (75%)", or "n/a". */
export function shareWords(part: number, whole: number): string {
  return whole === 0 ? 'n/a' : `${part} of ${whole} (${Math.round((part / whole) * 100)}%)`;
}

/** One summary line for a chart's text alternative. */
export function figuresSummary(rows: readonly ResponseFigures[]): string {
  return rows
    .map(
      (row) =>
        `${row.severity.label}${row.year ? ` ${row.year}` : ''}: ${row.publish ? formatElapsed(row.publish.median) : 'n/a'}`,
    )
    .join('; ');
}
