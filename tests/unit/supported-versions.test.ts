import { describe, expect, test } from 'vitest';
import { supportTable } from '../../src/lib/supported-versions.ts';
import { makeProject } from '../support/factories.ts';

describe('supportTable', () => {
  test('applies "main plus the two most recent releases" to the release list', () => {
    const project = makeProject({
      supportedVersions: {
        rule: { branches: ['main'], latestReleases: 2, releases: ['3.0.0', '2.1.0', '2.0.0'] },
      },
    });
    const table = supportTable(project.supportedVersions!);
    expect(table.rule).toBe('We support the main branch and the 2 most recent releases.');
    expect(table.rows.map((r) => [r.version, r.supported])).toEqual([
      ['main', true],
      ['3.0.0', true],
      ['2.1.0', true],
      ['2.0.0', false],
    ]);
  });

  test('keeps the rule text a maintainer wrote, and appends explicit rows', () => {
    const project = makeProject({
      supportedVersions: {
        rule: { text: 'Only the latest.', latestReleases: 1, releases: ['2.0'] },
        versions: [{ version: '1.x (LTS)', supported: true, note: 'until 2027' }],
      },
    });
    const table = supportTable(project.supportedVersions!);
    expect(table.rule).toBe('Only the latest.');
    expect(table.rows.at(-1)).toEqual({ version: '1.x (LTS)', supported: true, note: 'until 2027' });
  });
});
