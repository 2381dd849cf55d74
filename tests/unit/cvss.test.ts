import { describe, expect, test } from 'vitest';
import { bandScore, cvssRating, primaryScore, scoreCvss } from '../../src/lib/cvss.ts';

describe('bandScore', () => {
  test('checks bands against the base score (CVSS-B) unless the policy says to use the score as given', () => {
    const threat = scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U');
    expect(threat).toMatchObject({ score: 8.1, nomenclature: 'CVSS-BT' });
    expect(bandScore(threat, 'CVSS-B')).toMatchObject({ score: 9.3, nomenclature: 'CVSS-B' });
    expect(bandScore(threat, 'as-given')).toBe(threat);
    const v31 = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
    expect(bandScore(v31, 'CVSS-B')).toBe(v31);
  });
});

describe('scoreCvss', () => {
  test.each([
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'Critical'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N', 6.1, 'Medium'],
    ['CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:L/I:N/A:N', 1.8, 'Low'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 9.3, 'Critical'],
    ['CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N', 6.8, 'Medium'],
    // Real records carry CVSS 3.0 and 2.0 too (2.0 vectors have no prefix, and three bands).
    ['CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 9.8, 'Critical'],
    ['AV:N/AC:L/Au:N/C:P/I:P/A:P', 7.5, 'High'],
    ['AV:N/AC:M/Au:N/C:N/I:P/A:N', 4.3, 'Medium'],
  ])('%s scores %d (%s)', (vector, score, rating) => {
    expect(scoreCvss(vector)).toMatchObject({ score, rating });
  });

  test.each([
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N', 'CVSS-B'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U', 'CVSS-BT'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/CR:L', 'CVSS-BE'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:U/MAV:L', 'CVSS-BTE'],
    ['CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:X', 'CVSS-B'],
  ])("%s is labelled with FIRST's nomenclature %s", (vector, nomenclature) => {
    expect(scoreCvss(vector).nomenclature).toBe(nomenclature);
  });

  test('links each vector to the calculator of its own version', () => {
    expect(scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H').calculatorUrl).toBe(
      'https://www.first.org/cvss/calculator/3.1#CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    );
    expect(
      scoreCvss('CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N').calculatorUrl,
    ).toMatch(/^https:\/\/www\.first\.org\/cvss\/calculator\/4\.0#CVSS:4\.0\//);
  });

  test.each([
    ['AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'must start with CVSS:3.1/, CVSS:4.0/ or CVSS:3.0/'],
    ['CVSS:2.0/AV:N/AC:L/Au:N/C:P/I:P/A:P', 'must start with CVSS:3.1/, CVSS:4.0/ or CVSS:3.0/'],
    ['CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H', 'is missing base metric(s) A'],
    [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:X',
      'is not valid: A has an unknown value X (allowed: H, L, N)',
    ],
    [
      'CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
      'is not valid: AV has an unknown value X (allowed: N, A, L, P)',
    ],
    [
      'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:Q',
      'is not valid: A has an unknown value Q (allowed: H, L, N)',
    ],
    ['CVSS:3.1/AV:N/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H', 'metric AV appears twice'],
    ['CVSS:4.0/AV:N/AC:L', 'is missing base metric(s) AT, PR, UI, VC, VI, VA, SC, SI, SA'],
    ['CVSS:3.1/AV', '"AV" is not METRIC:VALUE'],
  ])('rejects %s', (vector, message) => {
    expect(() => scoreCvss(vector)).toThrow(message);
  });
});

describe('cvssRating', () => {
  test.each([
    [0, 'None'],
    [0.1, 'Low'],
    [3.9, 'Low'],
    [4, 'Medium'],
    [6.9, 'Medium'],
    [7, 'High'],
    [8.9, 'High'],
    [9, 'Critical'],
    [10, 'Critical'],
  ])('%d is %s', (score, rating) => {
    expect(cvssRating(score)).toBe(rating);
  });
});

test('the primary score is v4.0 when there is one', () => {
  const v3 = scoreCvss('CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H');
  const v4 = scoreCvss('CVSS:4.0/AV:L/AC:L/AT:N/PR:L/UI:N/VC:H/VI:N/VA:N/SC:N/SI:N/SA:N');
  expect(primaryScore([v3, v4])).toBe(v4);
  expect(primaryScore([v3])).toBe(v3);
  expect(primaryScore([])).toBeUndefined();
});
