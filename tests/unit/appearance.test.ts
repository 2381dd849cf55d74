import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { loadContent } from '../../src/lib/content/load-content.ts';
import { formatProblem } from '../../src/lib/content/problems.ts';

// An organisation sets its colour and logo in organisation.yaml; a colour readers cannot read
// and a logo that cannot be shown are errors naming the field and the fix.

const scratch = await mkdtemp(join(tmpdir(), 'disclose-appearance-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));

const ORGANISATION = await readFile('tests/fixtures/minimal/organisation.yaml', 'utf8');
const LOGO = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><rect width="8" height="8"/></svg>';

let count = 0;
async function problemsWith(appearance: string, files: Record<string, string> = {}): Promise<string[]> {
  const dir = join(scratch, `content-${++count}`);
  await cp('tests/fixtures/minimal', dir, { recursive: true });
  await writeFile(join(dir, 'organisation.yaml'), `${ORGANISATION}\nappearance:\n${appearance}`);
  for (const [path, text] of Object.entries(files)) await writeFile(join(dir, path), text);
  const { problems } = await loadContent(dir);
  return problems.map((problem) => formatProblem(problem).replace(`${dir}/`, ''));
}

describe('appearance in organisation.yaml', () => {
  test('accepts colours that reach WCAG AA and a small logo in the content folder', async () => {
    expect(
      await problemsWith(`  accent: '#1a7f37'\n  accentDark: '#3fb950'\n  logo: logo.svg\n`, {
        'logo.svg': LOGO,
      }),
    ).toEqual([]);
  });

  test('refuses an accent that fails contrast, with the nearest colour that passes', async () => {
    const problems = await problemsWith(`  accent: '#ffcc00'\n  accentDark: '#222222'\n`);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toMatch(
      /organisation\.yaml(:\d+)?: appearance\.accent: #ffcc00 has a contrast of 1\.\d\d:1 on the light background #ffffff; links need 4\.5:1 \(WCAG 2\.2 AA\)\. Use #[0-9a-f]{6}, the nearest colour/,
    );
    expect(problems[1]).toMatch(
      /appearance\.accentDark: #222222 has a contrast of 1\.\d\d:1 on the dark background/,
    );
  });

  test('refuses a colour that is not #rrggbb, a missing logo, one outside the folder and one too large', async () => {
    expect(await problemsWith(`  accent: blue\n`)).toEqual([
      expect.stringMatching(/appearance\.accent: "blue" must be a colour written #rrggbb/),
    ]);
    expect(await problemsWith(`  logo: logo.svg\n`)).toEqual([
      expect.stringMatching(/appearance\.logo: logo\.svg does not exist in the content folder/),
    ]);
    expect(await problemsWith(`  logo: ../logo.svg\n`)).toEqual([
      expect.stringMatching(
        /appearance\.logo: "\.\.\/logo\.svg" must be the path of an \.svg, \.png or \.webp file inside the content folder/,
      ),
    ]);
    expect(await problemsWith(`  logo: logo.svg\n`, { 'logo.svg': LOGO + ' '.repeat(9000) })).toEqual([
      expect.stringMatching(
        /appearance\.logo: logo\.svg is 9 KB; every page carries the logo, so it may be at most 8 KB/,
      ),
    ]);
  });
});
