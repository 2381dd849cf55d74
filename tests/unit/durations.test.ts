import { describe, expect, test } from 'vitest';
import {
  addDuration,
  elapsedUnit,
  formatElapsed,
  formatLocalDateTime,
  percentiles,
  targetUnit,
  UTC_CALENDAR,
} from '../../src/lib/durations.ts';
import { spreadWords } from '../../src/lib/response-view.ts';
import { advisoryResponse, responseFigures } from '../../src/lib/response-times.ts';
import { TimelineSchema } from '../../src/schemas/timeline.ts';
import type { Severity } from '../../src/schemas/severity.ts';

const BERLIN = { timeZone: 'Europe/Berlin', holidays: [] };
const at = (text: string) => new Date(text);
const iso = (date: Date) => date.toISOString().replace('.000Z', 'Z');

describe('addDuration', () => {
  test('hours are elapsed time, even across a daylight-saving change', () => {
    expect(iso(addDuration(at('2026-03-28T12:00:00+01:00'), 24, 'hours', BERLIN))).toBe(
      '2026-03-29T11:00:00Z',
    );
  });

  test('days keep the wall-clock time: a day across spring-forward lasts 23 hours, across fall-back 25', () => {
    expect(iso(addDuration(at('2026-03-28T12:00:00+01:00'), 1, 'days', BERLIN))).toBe('2026-03-29T10:00:00Z');
    expect(iso(addDuration(at('2026-10-24T12:00:00+02:00'), 1, 'days', BERLIN))).toBe('2026-10-25T11:00:00Z');
    expect(iso(addDuration(at('2026-03-27T17:00:00+01:00'), 7, 'days', BERLIN))).toBe('2026-04-03T15:00:00Z');
    expect(iso(addDuration(at('2026-03-27T17:00:00+01:00'), 1, 'weeks', BERLIN))).toBe(
      '2026-04-03T15:00:00Z',
    );
  });

  test('a wall-clock time the change skips moves forward by the gap', () => {
    // 02:30 on 29 March 2026 does not exist in Berlin; it becomes 03:30 CEST.
    expect(iso(addDuration(at('2026-03-28T02:30:00+01:00'), 1, 'days', BERLIN))).toBe('2026-03-29T01:30:00Z');
  });

  test('an ambiguous wall-clock time (fall-back) is the earlier instant', () => {
    // 02:30 on 25 October 2026 happens twice in Berlin; the first is 02:30 CEST.
    expect(iso(addDuration(at('2026-10-24T02:30:00+02:00'), 1, 'days', BERLIN))).toBe('2026-10-25T00:30:00Z');
  });

  test('business days skip weekends: Friday plus one is Monday, Saturday plus one is Monday', () => {
    expect(iso(addDuration(at('2026-01-09T16:00:00Z'), 1, 'business-days', UTC_CALENDAR))).toBe(
      '2026-01-12T16:00:00Z',
    );
    expect(iso(addDuration(at('2026-01-10T09:00:00Z'), 1, 'business-days', UTC_CALENDAR))).toBe(
      '2026-01-12T09:00:00Z',
    );
    expect(iso(addDuration(at('2026-01-07T09:00:00Z'), 5, 'business-days', UTC_CALENDAR))).toBe(
      '2026-01-14T09:00:00Z',
    );
  });

  test('business days skip holidays, counted as local dates', () => {
    const calendar = { timeZone: 'Europe/Berlin', holidays: ['2025-08-15'] };
    // Thursday 14 August 2025: Friday the 15th is a holiday, so five business days end on Friday the 22nd.
    expect(iso(addDuration(at('2025-08-14T16:00:00+02:00'), 5, 'business-days', calendar))).toBe(
      '2025-08-22T14:00:00Z',
    );
    expect(iso(addDuration(at('2025-08-14T16:00:00+02:00'), 5, 'business-days', BERLIN))).toBe(
      '2025-08-21T14:00:00Z',
    );
    // 23:30 UTC on Friday is already Saturday in Berlin: counted in Berlin, the next business day is Monday.
    expect(iso(addDuration(at('2025-08-15T23:30:00Z'), 1, 'business-days', calendar))).toBe(
      '2025-08-17T23:30:00Z',
    );
    expect(iso(addDuration(at('2025-08-15T23:30:00Z'), 1, 'business-days', UTC_CALENDAR))).toBe(
      '2025-08-18T23:30:00Z',
    );
  });

  test('business days across a daylight-saving change keep the wall-clock time', () => {
    // Friday 27 March 2026 17:00 CET plus one business day is Monday 30 March 17:00 CEST.
    expect(iso(addDuration(at('2026-03-27T17:00:00+01:00'), 1, 'business-days', BERLIN))).toBe(
      '2026-03-30T15:00:00Z',
    );
  });
});

describe('formatting and statistics', () => {
  test('elapsed time reads in hours under two days, in days above, or in the unit asked for', () => {
    expect(formatElapsed(6.5 * 3_600_000)).toBe('6.5 hours');
    expect(formatElapsed(47 * 3_600_000)).toBe('47 hours');
    expect(formatElapsed(3_600_000)).toBe('1 hour');
    expect(formatElapsed(21.2917 * 86_400_000)).toBe('21.3 days');
    expect(formatElapsed(3 * 86_400_000)).toBe('3 days');
    expect(formatElapsed(86_400_000, 'days')).toBe('1 day');
    expect(formatElapsed(6.5 * 3_600_000, 'days')).toBe('0.3 days');
    expect(formatElapsed(3 * 86_400_000, 'hours')).toBe('72 hours');
  });

  test("figures shown together share one unit: the target's own, or one for the whole set", () => {
    expect(elapsedUnit([6 * 3_600_000, 40 * 3_600_000])).toBe('hours');
    expect(elapsedUnit([6 * 3_600_000, 3 * 86_400_000, undefined])).toBe('days');
    expect(targetUnit('24 hours')).toBe('hours');
    expect(targetUnit('2 business days')).toBe('days');
    expect(targetUnit('Within 48 hours of the fix')).toBe('hours');
    expect(targetUnit('When the fix is ready')).toBeUndefined();
    expect(spreadWords({ median: 6.5 * 3_600_000, p90: 3 * 86_400_000, count: 2 })).toBe('0.3 / 3 days');
    expect(spreadWords({ median: 6.5 * 3_600_000, p90: 17 * 3_600_000, count: 2 })).toBe('6.5 / 17 hours');
  });

  test('local date-times name their zone, winter and summer', () => {
    expect(formatLocalDateTime(at('2026-01-20T08:00:00Z'), 'Europe/Berlin')).toBe('2026-01-20 09:00 CET');
    expect(formatLocalDateTime(at('2026-07-20T08:00:00Z'), 'Europe/Berlin')).toBe('2026-07-20 10:00 CEST');
  });

  test('median and 90th percentile (nearest rank)', () => {
    expect(percentiles([])).toBeUndefined();
    expect(percentiles([5])).toEqual({ median: 5, p90: 5 });
    expect(percentiles([4, 1, 3, 2])).toEqual({ median: 2.5, p90: 4 });
    expect(percentiles([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toEqual({ median: 6, p90: 10 });
  });
});

const timeline = TimelineSchema.parse({
  groups: [
    { id: 'urgent', severities: ['high'] },
    { id: 'routine', severities: ['low'] },
  ],
  phases: [
    {
      id: 'ack',
      label: 'Acknowledgment',
      event: 'acknowledged',
      targets: { urgent: '24 hours', routine: '2 business days' },
    },
    { id: 'fix', label: 'Fix', event: 'fixReady', targets: { urgent: '7 days' } },
    {
      id: 'release',
      label: 'Release',
      event: 'released',
      targets: { urgent: '48 hours after fix', routine: { commitment: 'Next release' } },
    },
    { id: 'triage', label: 'Triage', targets: { urgent: '1 hours' } },
  ],
});
const severities: Severity[] = [
  { id: 'high', label: 'High', definition: 'Bad.', examples: [], matches: [] },
  { id: 'low', label: 'Low', definition: 'Less bad.', examples: [], matches: [] },
] as Severity[];

describe('advisoryResponse', () => {
  test('each phase is met, missed by how much, not recorded or not measured, with the window', () => {
    const response = advisoryResponse(
      {
        severity: 'high',
        published: at('2026-03-01T00:00:00Z'),
        timeline: {
          reported: at('2026-01-01T10:00:00Z'),
          acknowledged: at('2026-01-02T13:00:00Z'),
          fixReady: at('2026-01-05T10:00:00Z'),
        },
      },
      timeline,
      30,
    );
    expect(
      response?.phases.map((p) => [p.phase.id, p.status, p.late && formatElapsed(p.late), p.reason]),
    ).toEqual([
      ['ack', 'missed', '3 hours', undefined],
      ['fix', 'met', undefined, undefined],
      ['release', 'not-recorded', undefined, undefined],
      ['triage', 'not-measured', undefined, 'timeline.yaml names no event for this phase'],
    ]);
    // The release deadline runs from the fix, not the report.
    expect(iso(response?.phases[2]?.deadline ?? new Date(0))).toBe('2026-01-07T10:00:00Z');
    expect(response?.disclosure.kept).toBe(false);
    expect(response?.disclosure.days).toBeCloseTo(58.58, 2);
  });

  test('a phase after one that is not recorded cannot be measured; without a report date there is nothing', () => {
    const response = advisoryResponse(
      {
        severity: 'low',
        published: at('2026-03-01T00:00:00Z'),
        timeline: { reported: at('2026-02-27T09:00:00Z'), released: at('2026-03-01T00:00:00Z') },
      },
      timeline,
      undefined,
    );
    expect(response?.phases.map((p) => p.status)).toEqual([
      'not-recorded',
      'not-measured',
      'not-measured',
      'not-measured',
    ]);
    expect(response?.phases[0]?.deadline && iso(response.phases[0].deadline)).toBe('2026-03-03T09:00:00Z');
    expect(response?.phases[2]?.reason).toBe('the target is a commitment, not a duration');
    expect(response?.disclosure.kept).toBeUndefined();
    expect(
      advisoryResponse(
        { severity: 'high', published: at('2026-03-01T00:00:00Z'), timeline: undefined },
        timeline,
        30,
      ),
    ).toBeUndefined();
  });
});

describe('responseFigures', () => {
  test('per severity and year: counts, median and 90th percentile, targets met; withdrawn left out', () => {
    const advisory = (
      published: string,
      reported: string,
      acknowledged: string,
      severity = 'high',
      withdrawn?: Date,
    ) => ({
      severity,
      published: at(published),
      withdrawn,
      timeline: { reported: at(reported), acknowledged: at(acknowledged) },
    });
    const rows = responseFigures(
      [
        advisory('2026-02-01T00:00:00Z', '2026-01-01T00:00:00Z', '2026-01-01T02:00:00Z'),
        advisory('2026-03-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-02-01T10:00:00Z'),
        advisory('2026-04-01T00:00:00Z', '2026-03-01T00:00:00Z', '2026-03-02T06:00:00Z'),
        advisory('2025-04-01T00:00:00Z', '2025-03-01T00:00:00Z', '2025-03-01T01:00:00Z'),
        advisory('2026-05-01T00:00:00Z', '2026-04-01T00:00:00Z', '2026-04-01T01:00:00Z', 'low'),
        advisory(
          '2026-05-01T00:00:00Z',
          '2026-04-01T00:00:00Z',
          '2026-04-01T01:00:00Z',
          'high',
          at('2026-05-02T00:00:00Z'),
        ),
        {
          severity: 'high',
          published: at('2026-06-01T00:00:00Z'),
          withdrawn: undefined,
          timeline: undefined,
        },
      ],
      severities,
      timeline,
      90,
    );
    expect(rows.map((r) => [r.severity.id, r.year, r.advisories, r.recorded])).toEqual([
      ['high', 2026, 4, 3],
      ['high', 2025, 1, 1],
      ['low', 2026, 1, 1],
    ]);
    const [high] = rows;
    expect(high?.acknowledge).toEqual({ median: 10 * 3_600_000, p90: 30 * 3_600_000, count: 3 });
    // Acknowledgment within 24 hours: 2 of 3 met; fix and release not recorded, so not counted.
    expect(high?.targets).toEqual({ measured: 3, met: 2 });
    expect(high?.windows).toEqual({ measured: 3, kept: 3 });
    expect(responseFigures([], severities, timeline, 90)).toEqual([]);
  });
});
