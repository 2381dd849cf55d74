// Measures the full production build (pages, search index, manifest) on synthetic content.
//   node scripts/benchmark.ts [advisories:projects ...]     default: 1000:50 5000:100 20000:200
// Prints wall time, peak RSS of the build's process tree, and output size for each run.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateContent } from './generate-content.ts';

const runs = (process.argv.length > 2 ? process.argv.slice(2) : ['1000:50', '5000:100', '20000:200']).map(
  (arg) => {
    const [advisories, projects] = arg.split(':').map(Number);
    if (!advisories || !projects) throw new Error(`"${arg}" is not advisories:projects, e.g. 1000:50`);
    return { advisories, projects };
  },
);

/** Resident memory of a process and its descendants, in bytes, from /proc. */
function treeRss(pid: number): number {
  let total = 0;
  try {
    total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)) {
        total += treeRss(Number(child));
      }
    }
  } catch {
    // The process ended between reads.
  }
  return total;
}

function folderSize(dir: string): number {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .reduce((sum, e) => sum + statSync(join(e.parentPath, e.name)).size, 0);
}

console.log('| advisories | projects | pages | wall time | peak RSS | output |');
console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
for (const run of runs) {
  const scratch = await mkdtemp(join(tmpdir(), 'disclose-bench-'));
  const content = join(scratch, 'content');
  const out = join(scratch, 'dist');
  await generateContent(content, run.advisories, run.projects);
  // Start each build with the disk's write-back done, so one run's writes do not slow the next.
  spawnSync('sync');
  const started = performance.now();
  let peak = 0;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    // The same command a user runs, so the heap setting in package.json is measured too.
    const child = spawn('npm', ['run', 'build', '--silent'], {
      env: { ...process.env, DISCLOSE_CONTENT: content, DISCLOSE_OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString()));
    const timer = setInterval(() => (peak = Math.max(peak, treeRss(child.pid ?? 0))), 100);
    child.on('close', (status) => {
      clearInterval(timer);
      resolve(status);
    });
  });
  const seconds = (performance.now() - started) / 1000;
  if (code !== 0) {
    console.error(output.join(''));
    throw new Error(`The build of ${run.advisories} advisories failed`);
  }
  const pages = /(\d+) page\(s\) built/.exec(output.join(''))?.[1] ?? '?';
  console.log(
    `| ${run.advisories} | ${run.projects} | ${pages} | ${seconds.toFixed(1)} s | ${(peak / 2 ** 20).toFixed(0)} MiB | ${(folderSize(out) / 2 ** 20).toFixed(0)} MiB |`,
  );
  await rm(scratch, { recursive: true, force: true });
}
