import { describe, expect, test } from 'vitest';
import { describeTarget, groupLabel, parseTarget, timelineTable } from '../../src/lib/timeline.ts';
import { makeSeverities, makeTimeline } from '../support/factories.ts';

describe('parseTarget', () => {
  test.each([
    ['24 hours', { kind: 'duration', amount: 24, unit: 'hours', after: undefined }],
    ['1 hour', { kind: 'duration', amount: 1, unit: 'hours', after: undefined }],
    ['5 business days', { kind: 'duration', amount: 5, unit: 'business-days', after: undefined }],
    ['2 weeks', { kind: 'duration', amount: 2, unit: 'weeks', after: undefined }],
    ['48 hours after fix', { kind: 'duration', amount: 48, unit: 'hours', after: 'fix' }],
    ['6 months', { kind: 'duration', amount: 6, unit: 'months', bound: undefined }],
    ['3 to 7 days', { kind: 'duration', amount: 3, upTo: 7, unit: 'days' }],
    [
      'at most 7 calendar days',
      { kind: 'duration', amount: 7, unit: 'days', bound: 'at most', calendar: true },
    ],
    ['at least 5 days', { kind: 'duration', amount: 5, unit: 'days', bound: 'at least' }],
    [
      '2 days before release',
      { kind: 'duration', amount: 2, after: undefined, relation: { to: 'before', phase: 'release' } },
    ],
  ])('reads "%s"', (text, parsed) => {
    expect(parseTarget(text)).toMatchObject(parsed);
  });

  test('keeps a caveat next to its duration', () => {
    expect(parseTarget({ duration: '7 days', caveat: 'typically; may stretch over holidays' })).toMatchObject(
      {
        amount: 7,
        caveat: 'typically; may stretch over holidays',
      },
    );
  });

  test('reads a commitment', () => {
    expect(parseTarget({ commitment: 'Next release' })).toEqual({ kind: 'commitment', text: 'Next release' });
  });
});

describe('describeTarget', () => {
  const timeline = makeTimeline();
  test.each([
    ['24 hours', '24 hours'],
    ['1 business day', '1 business day'],
    ['48 hours after fix', 'Within 48 hours of the fix'],
    ['2 days after ack', 'Within 2 days of acknowledgment'],
    ['1 to 4 weeks', '1 to 4 weeks'],
    ['at most 6 months', 'At most 6 months'],
    ['2 days before fix', '2 days before the fix'],
  ])('"%s" reads "%s"', (target, words) => {
    expect(describeTarget(target, timeline)).toBe(words);
  });

  test('a caveat is said next to the target', () => {
    expect(describeTarget({ duration: '7 days', caveat: 'typically' }, timeline)).toBe('7 days (typically)');
  });

  test('a group without a target says so', () => {
    expect(describeTarget(undefined, timeline)).toBe('No fixed target');
  });
});

describe('timelineTable', () => {
  test('has a column per group named after its severities and a row per phase', () => {
    const table = timelineTable(makeTimeline(), makeSeverities());
    expect(table.columns).toEqual(['Critical', 'Low']);
    expect(table.rows.map((row) => [row.phase, ...row.cells])).toEqual([
      ['Acknowledgment', '24 hours', '2 business days'],
      ['Fix developed', '7 days', '30 days'],
      ['Patched release', 'Within 48 hours of the fix', 'Next scheduled release'],
    ]);
    expect(table.usesBusinessDays).toBe(true);
  });

  test('a single default group is headed "All reports"', () => {
    const timeline = makeTimeline({ phases: [{ id: 'ack', label: 'Ack', targets: { all: '2 days' } }] });
    expect(groupLabel(timeline.groups[0]!, [])).toBe('All reports');
    expect(timelineTable(timeline, []).usesBusinessDays).toBe(false);
  });
});
