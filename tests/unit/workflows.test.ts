import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { HELP } from '../../sync/disclose-sync.mjs';

// The workflows cannot run here; these tests catch what would break them on GitHub: a command,
// an option or a script they name that does not exist.

interface Step {
  run?: string;
  uses?: string;
}

async function steps(file: string): Promise<Step[]> {
  const document = parse(await readFile(file, 'utf8')) as {
    jobs?: Record<string, { steps?: Step[] }>;
    runs?: { steps?: Step[] };
  };
  return [
    ...Object.values(document.jobs ?? {}).flatMap((job) => job.steps ?? []),
    ...(document.runs?.steps ?? []),
  ];
}

const WORKFLOWS = (await readdir('.github/workflows')).map((name) => join('.github/workflows', name));
const scripts = (JSON.parse(await readFile('package.json', 'utf8')) as { scripts: Record<string, string> })
  .scripts;

describe('workflows', () => {
  test('there are workflows for pull requests, deployment and the tests', () => {
    expect(WORKFLOWS.sort()).toEqual([
      '.github/workflows/deploy.yml',
      '.github/workflows/pull-request.yml',
      '.github/workflows/test.yml',
    ]);
  });

  test.each(WORKFLOWS)('%s names only commands, options and scripts that exist', async (file) => {
    const runs = (await steps(file)).flatMap((step) => (step.run ? [step.run] : []));
    expect(runs.length).toBeGreaterThan(0);
    for (const run of runs) {
      for (const [, script] of run.matchAll(/npm run ([\w:-]+)/g))
        expect(scripts, run).toHaveProperty(script ?? '');
      for (const [, command] of run.matchAll(/npx disclose ([\w-]+)/g)) {
        let help = '';
        const code = await main([command ?? '', '--help'], {
          out: (t) => (help += t),
          err: () => undefined,
          colour: false,
        });
        expect(code, run).toBe(0);
        for (const [option] of run.matchAll(/--[\w-]+/g)) expect(help, `${run}: ${option}`).toContain(option);
      }
      for (const [, path] of run.matchAll(/bash (\S+)/g)) expect(existsSync(path ?? ''), run).toBe(true);
    }
  });

  test('the deploy workflow checks the publication before it deploys', async () => {
    const runs = (await steps('.github/workflows/deploy.yml')).map((step) => step.run ?? step.uses ?? '');
    const check = runs.findIndex((run) => run.includes('npx disclose publish-check'));
    const build = runs.findIndex((run) => run.includes('npm run build'));
    const upload = runs.findIndex((run) => run.startsWith('actions/upload-pages-artifact'));
    expect(build).toBeGreaterThanOrEqual(0);
    expect(check).toBeGreaterThan(build);
    expect(upload).toBeGreaterThan(check);
  });

  test.each(['.github/workflows/deploy.yml', '.github/workflows/pull-request.yml'])(
    '%s restores the build cache after installing and before building, from the folder builds keep it in',
    async (file) => {
      const all = parse(await readFile(file, 'utf8')) as {
        jobs: Record<string, { steps?: (Step & { with?: { path?: string } })[] }>;
      };
      const list = Object.values(all.jobs).flatMap((job) => job.steps ?? []);
      const at = (match: (step: Step) => boolean) => list.findIndex(match);
      const cache = at((step) => /^actions\/cache(\/restore)?@/.test(step.uses ?? ''));
      expect(cache).toBeGreaterThan(at((step) => (step.run ?? '').startsWith('npm install')));
      expect(cache).toBeLessThan(at((step) => step.run === 'npm run build'));
      // Astro's cache folder, where the integration keeps the build cache unless DISCLOSE_CACHE says otherwise.
      expect(list[cache]?.with?.path).toBe('node_modules/.astro');
    },
  );

  test('the sync action runs the script beside it with options the script has', async () => {
    const runs = (await steps('sync/action.yml')).flatMap((step) => (step.run ? [step.run] : []));
    const script = runs.join('\n');
    expect(script).toContain('node "$GITHUB_ACTION_PATH/disclose-sync.mjs"');
    expect(existsSync('sync/disclose-sync.mjs')).toBe(true);
    for (const [option] of script.matchAll(/--(?:site|project|to|force|check)\b/g))
      expect(HELP).toContain(option);
  });
});
