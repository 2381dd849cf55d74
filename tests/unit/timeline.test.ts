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
  ])('reads "%s"', (text, parsed) => {
    expect(parseTarget(text)).toEqual(parsed);
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
  ])('"%s" reads "%s"', (target, words) => {
    expect(describeTarget(target, timeline)).toBe(words);
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
