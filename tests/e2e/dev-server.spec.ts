import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect, test } from './test.ts';

// `npm run dev` checks the content on every save, as the build would, and says what is wrong in
// the terminal and in the browser's error overlay instead of rendering it silently.

const astro = join(dirname(createRequire(import.meta.url).resolve('astro/package.json')), 'bin', 'astro.mjs');

const ADVISORY = (severity: string) => `---
id: MIN-2026-0001
summary: Something is wrong in alpha
published: 2026-03-01
severity: ${severity}
affected:
  - project: alpha
    versions: [1.0.0]
---

Details.
`;

test('a problem saved while the dev server runs shows in the terminal and in the error overlay', async ({
  browser,
}) => {
  test.setTimeout(90_000);
  const content = join(await mkdtemp(join(tmpdir(), 'disclose-dev-')), 'content');
  await cp('tests/fixtures/minimal', content, { recursive: true });
  await mkdir(join(content, 'advisories'));
  await writeFile(join(content, 'advisories', 'MIN-2026-0001.md'), ADVISORY('high'));
  const port = 4900 + Math.floor(Math.random() * 500);
  const server = spawn(process.execPath, [astro, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1', DISCLOSE_CONTENT: content },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let terminal = '';
  server.stdout.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
  server.stderr.on('data', (chunk: Buffer) => (terminal += chunk.toString()));
  // A page of its own: the overlay is an error the browser is meant to report.
  const page = await browser.newPage();
  try {
    await expect
      .poll(
        async () =>
          (await fetch(`http://127.0.0.1:${port}/advisories/MIN-2026-0001/`).catch(() => undefined))?.status,
        {
          timeout: 60_000,
        },
      )
      .toBe(200);
    await page.goto(`http://127.0.0.1:${port}/advisories/MIN-2026-0001/`);
    // Save the mistake until the overlay shows it: the file watcher may still be starting on a
    // loaded machine, and a save it has not seen yet is not one the server could report.
    const overlay = page.locator('vite-error-overlay');
    for (let save = 0; save < 15 && !(await overlay.count()); save++) {
      await writeFile(
        join(content, 'advisories', 'MIN-2026-0001.md'),
        `${ADVISORY('moderate')}\nSaved ${save}.\n`,
      );
      await overlay.waitFor({ timeout: 3_000 }).catch(() => undefined);
    }
    await expect(overlay).toContainText('unknown severity "moderate"');
    expect(terminal).toContain('severity: unknown severity "moderate"');
  } finally {
    await page.close();
    server.kill();
    await rm(dirname(content), { recursive: true, force: true });
  }
});
