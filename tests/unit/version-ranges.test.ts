import { describe, expect, test } from 'vitest';
import { AffectedSchema, RangeSchema } from '../../src/schemas/advisory.ts';
import { describeAffected, rangeOrderProblems } from '../../src/lib/version-ranges.ts';

const affected = (raw: Record<string, unknown>) => AffectedSchema.parse({ project: 'widget', ...raw });
const range = (events: Record<string, string>[], type = 'SEMVER') => RangeSchema.parse({ type, events });

describe('describeAffected', () => {
  test.each([
    [
      'one fixed range',
      [{ introduced: '1.2.0' }, { fixed: '1.4.3' }],
      'affected: >= 1.2.0, < 1.4.3; fixed in 1.4.3',
    ],
    [
      'two fixed branches',
      [{ introduced: '1.0.0' }, { fixed: '1.4.3' }, { introduced: '2.0.0' }, { fixed: '2.0.1' }],
      'affected: >= 1.0.0, < 1.4.3; >= 2.0.0, < 2.0.1; fixed in 1.4.3 and 2.0.1',
    ],
    ['no fix yet', [{ introduced: '3.0.0' }], 'affected: >= 3.0.0; no fix yet'],
    [
      'every version before a fix',
      [{ introduced: '0' }, { fixed: '0.9.1' }],
      'affected: < 0.9.1; fixed in 0.9.1',
    ],
    [
      'last affected',
      [{ introduced: '1.0.0' }, { last_affected: '1.9.9' }],
      'affected: >= 1.0.0, <= 1.9.9; no fix yet',
    ],
    [
      'a fixed branch and an unfixed one',
      [{ introduced: '1.0.0' }, { fixed: '1.1.0' }, { introduced: '2.0.0' }],
      'affected: >= 1.0.0, < 1.1.0; >= 2.0.0; fixed in 1.1.0; no fix yet for the rest',
    ],
  ])('%s', (_, events, words) => {
    expect(describeAffected(affected({ ranges: [{ events }] }))).toBe(words);
  });

  test('explicit versions are listed too', () => {
    expect(describeAffected(affected({ versions: ['5.0.0', '5.0.1'] }))).toBe(
      'affected: 5.0.0; 5.0.1; no fix yet',
    );
  });
});

describe('rangeOrderProblems', () => {
  test('accepts ranges in order', () => {
    expect(
      rangeOrderProblems(
        range([{ introduced: '0' }, { fixed: '1.0.0' }, { introduced: '2.0.0' }, { fixed: '2.0.3' }]),
      ),
    ).toEqual([]);
  });

  test.each([
    [
      'a fix before its introduction',
      [{ introduced: '2.0.0' }, { fixed: '1.5.0' }],
      1,
      'fixed 1.5.0 is not after introduced 2.0.0; list events in version order',
    ],
    ['a range that starts with fixed', [{ fixed: '1.0.0' }], 0, 'a range starts with introduced, not fixed'],
    [
      'two ends in a row',
      [{ introduced: '1.0.0' }, { fixed: '1.1.0' }, { fixed: '1.2.0' }],
      2,
      'fixed follows fixed; put an introduced event between them',
    ],
    [
      'branches out of order',
      [{ introduced: '2.0.0' }, { fixed: '2.1.0' }, { introduced: '1.0.0' }],
      2,
      'introduced 1.0.0 is not after fixed 2.1.0; list events in version order',
    ],
    [
      'a version that is not semantic',
      [{ introduced: 'v1' }],
      0,
      '"v1" is not a semantic version such as 1.4.3; use type: ECOSYSTEM for other schemes',
    ],
  ])('reports %s', (_, events, event, message) => {
    expect(rangeOrderProblems(range(events))).toContainEqual({ event, message });
  });

  test('does not order ECOSYSTEM versions it cannot compare', () => {
    expect(rangeOrderProblems(range([{ introduced: '2:1.0-1' }, { fixed: '2:1.0-3' }], 'ECOSYSTEM'))).toEqual(
      [],
    );
  });

  test('a GIT range needs its repository', () => {
    expect(rangeOrderProblems(range([{ introduced: 'abc123' }], 'GIT'))).toContainEqual({
      event: -1,
      message: 'a GIT range needs repo: the repository URL',
    });
  });
});
