import { afterEach, describe, expect, test, vi } from 'vitest';
import { buildTime, isPublic, parseClock, publicationState } from '../../src/lib/publication.ts';

const now = new Date('2026-06-01T00:00:00Z');

describe('publicationState', () => {
  test.each([
    ['a plain advisory', { draft: false }, 'published'],
    ['a draft', { draft: true }, 'draft'],
    ['a draft whose embargo has passed', { draft: true, embargo: new Date('2026-01-01T00:00:00Z') }, 'draft'],
    ['an embargo in the future', { draft: false, embargo: new Date('2026-06-01T00:00:01Z') }, 'embargoed'],
    ['an embargo that has passed', { draft: false, embargo: new Date('2026-05-31T23:59:59Z') }, 'published'],
    ['a withdrawn advisory', { draft: false, withdrawn: new Date('2026-02-01T00:00:00Z') }, 'withdrawn'],
  ] as const)('%s is %s', (_, advisory, state) => {
    expect(publicationState(advisory, now)).toBe(state);
    expect(isPublic(advisory, now)).toBe(state === 'published' || state === 'withdrawn');
  });
});

describe('buildTime', () => {
  afterEach(() => vi.unstubAllEnvs());

  test('takes DISCLOSE_NOW when set', () => {
    vi.stubEnv('DISCLOSE_NOW', '2030-01-01T00:00:00Z');
    expect(buildTime().toISOString()).toBe('2030-01-01T00:00:00.000Z');
  });

  test('rejects a DISCLOSE_NOW that is not a date', () => {
    vi.stubEnv('DISCLOSE_NOW', 'tomorrow');
    expect(() => buildTime()).toThrow('DISCLOSE_NOW="tomorrow" is not a date-time');
  });
});

describe('DISCLOSE_NOW', () => {
  test.each([
    ['2026-06-01T00:00:00', 'has no time zone'],
    ['next tuesday', 'is not a date-time with a time zone'],
    ['2026-02-30T10:00:00Z', 'is not a real date-time'],
    ['2026-06-01T25:00:00Z', 'is not a real date-time'],
  ])('%s is refused: %s', (text, message) => {
    const parsed = parseClock(text);
    expect('problem' in parsed && parsed.problem).toContain(message);
  });

  test('an instant with its zone is read as that instant', () => {
    expect(parseClock('2026-06-01T02:00:00+02:00')).toEqual({ date: new Date('2026-06-01T00:00:00Z') });
  });
});
