import { describe, expect, test } from 'vitest';
import { linkify } from '../../src/lib/linkify.ts';
import { noticeSentence, severityTone } from '../../src/lib/policy-text.ts';

describe('severityTone', () => {
  const scale = (...ids: string[]) => ids.map((id) => ({ id, label: id.toUpperCase() }));
  test('a level named like a common one takes its colour, whatever its rank', () => {
    const levels = scale('important', 'moderate', 'low');
    expect(levels.map((l) => severityTone(l.id, levels))).toEqual(['high', 'medium', 'low']);
  });
  test('tracks and other names are coloured by rank, most severe first', () => {
    const tracks = scale('urgent', 'private', 'public');
    expect(tracks.map((l) => severityTone(l.id, tracks))).toEqual(['critical', 'medium', 'low']);
  });
  test('an id not on the scale is unrated', () => {
    expect(severityTone('severe', scale('urgent'))).toBe('unrated');
  });
});

describe('linkify', () => {
  test('finds URLs and e-mail addresses, leaving a sentence-ending full stop outside', () => {
    expect(linkify('See https://example.org/a?b=1. Or write to sec@example.org, please.')).toEqual([
      { text: 'See ' },
      { text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { text: '. Or write to ' },
      { text: 'sec@example.org', href: 'mailto:sec@example.org' },
      { text: ', please.' },
    ]);
  });
  test('never makes a link of a javascript: or data: address', () => {
    expect(linkify('javascript:alert(1) data:text/html,x').every((part) => !part.href)).toBe(true);
  });
});

describe('noticeSentence', () => {
  const notice = { audience: { name: 'linux-distros' }, lead: 'at most 7 days', contents: [] };
  test('says a bound lead time as written, and nothing about the list it was not told', () => {
    expect(noticeSentence(notice, [])).toBe(
      'At most 7 days before public disclosure, we send advance notice to linux-distros.',
    );
  });
  test('says whether the list is public only when the policy does', () => {
    expect(noticeSentence({ ...notice, listPublic: false }, [])).toContain(
      'The list of recipients is not public.',
    );
  });
});
