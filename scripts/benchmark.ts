// Measures the production build (pages, search index, manifest) on synthetic content: the full
// build with an empty build cache, then, as the deploy workflow runs it (the cache restored, a new
// output folder), rebuilds with one advisory added (one after another) and with nothing changed,
// each taking the site laid out after the build before it (see DISCLOSE_LAYOUT in the README, and
// how long laying it out took), and rebuilds with one advisory added as in CI, where nothing is laid
// out between builds; each measured three times and given as the median and the range. Every build is
// `npm run build` of a site as an organisation has one (see installedSite), with this checkout's
// package installed. Then real data:
// the OSV corpus of tests/fixtures/osv-corpus imported, imported again with --update (which must
// change nothing), and built.
//   node scripts/benchmark.ts [advisories:projects ... | osv]   default: 1000:50 5000:100 20000:200 osv
// Prints wall time, peak RSS of the process tree, and output size for each run, how long making
// 2,000 folders took before the first build and after the last (see foldersProbe), and the same
// advisories built by Hugo plus the Pagefind CLI in the same run (Hugo from the Debian package
// `hugo`), as a ratio: the machines are noisy, so only figures from one run compare.
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { extraAdvisory, generateContent } from './generate-content.ts';
import { writeHugoSite } from './hugo-baseline.ts';
import { LAYOUT_ARGUMENT, layingOut } from '../src/integration/layout.ts';

const args = process.argv.length > 2 ? process.argv.slice(2) : ['1000:50', '5000:100', '20000:200', 'osv'];
const realData = args.includes('osv');
const runs = args
  .filter((arg) => arg !== 'osv')
  .map((arg) => {
    const [advisories, projects] = arg.split(':').map(Number);
    if (!advisories || !projects) throw new Error(`"${arg}" is not advisories:projects, e.g. 1000:50`);
    return { advisories, projects };
  });

/**
 * Resident memory of a process and its descendants, in bytes, from /proc. A process with its
 * parent's command line is one the parent has just forked and not yet started the new program in
 * (Node forks to start a process): it shares the parent's memory, which its VmRSS counts again,
 * up to 2 GB at the end of a full build at 20,000 advisories.
 */
function treeRss(pid: number, parentCommand = ''): number {
  let total = 0;
  try {
    const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    if (command === parentCommand) return 0;
    // Nor the process that lays out the next build's site, which the build starts as it ends and
    // does not wait for (see DISCLOSE_LAYOUT): it peaks at about 250 MiB at 20,000 advisories.
    if (command.includes(LAYOUT_ARGUMENT)) return 0;
    total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      for (const child of readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
        .split(' ')
        .filter(Boolean)) {
        total += treeRss(Number(child), command);
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

/** Runs a command, sampling the peak memory of its process tree; resolves with what it printed. */
async function measure(
  command: string,
  argv: readonly string[],
  env: Record<string, string>,
  cwd = process.cwd(),
): Promise<{ seconds: number; peak: number; output: string; code: number | null }> {
  // Start with the disk's write-back done, so one run's writes do not slow the next.
  spawnSync('sync');
  const started = performance.now();
  let peak = 0;
  const output: string[] = [];
  const code = await new Promise<number | null>((resolve) => {
    const child = spawn(command, argv, {
      cwd,
      env: { ...process.env, ...env },
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
  return { seconds: (performance.now() - started) / 1000, peak, output: output.join(''), code };
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

/**
 * A site as `disclose init` makes one and an organisation builds it: its own package.json, an
 * astro.config.mjs that imports `astro-disclose`, and the package in its node_modules as npm
 * installs it (the files it publishes, bundled from the source first), so that the build runs the
 * bundled integration and outputs worker the package ships. The demo's own config imports the
 * integration's TypeScript, whose modules Node strips of types one by one: about 0.3 s more per
 * build, which no installed site pays. Every other package is this checkout's, linked; the build
 * script caps the heap as the demo's does (see the README).
 */
async function installedSite(): Promise<string> {
  const bundled = spawnSync(process.execPath, ['scripts/bundle-cli.ts'], { stdio: 'inherit' });
  if (bundled.status !== 0) throw new Error('Bundling the package failed');
  const site = await mkdtemp(join(tmpdir(), 'disclose-bench-site-'));
  const modules = join(site, 'node_modules');
  await mkdir(join(modules, '.bin'), { recursive: true });
  for (const name of await readdir('node_modules'))
    if (!name.startsWith('.')) await symlink(resolve('node_modules', name), join(modules, name));
  for (const bin of ['astro', 'node'])
    await symlink(resolve('node_modules', '.bin', bin), join(modules, '.bin', bin));
  const published = JSON.parse(readFileSync('package.json', 'utf8')) as { files: string[] };
  for (const path of ['package.json', ...published.files])
    await cp(path, join(modules, 'astro-disclose', path), { recursive: true });
  const manifest = {
    name: 'benchmark-security',
    private: true,
    type: 'module',
    scripts: { build: 'NODE_OPTIONS=--max-old-space-size=2048 astro build' },
  };
  await writeFile(join(site, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(site, 'astro.config.mjs'),
    "import { defineConfig } from 'astro/config';\nimport disclose from 'astro-disclose';\n\nexport default defineConfig({ integrations: [disclose()] });\n",
  );
  return site;
}

const site = await installedSite();

/**
 * The command a user runs, in the site's folder. `layout` is DISCLOSE_LAYOUT: on a machine that
 * keeps the build cache, a build lays out the next build's site once it has ended; in CI it does not.
 */
const build = (content: string, out: string, cache = 'off', layout: 'on' | 'off' = 'on') =>
  measure(
    'npm',
    ['run', 'build', '--silent'],
    {
      ASTRO_TELEMETRY_DISABLED: '1',
      DISCLOSE_CONTENT: content,
      DISCLOSE_OUT: out,
      DISCLOSE_CACHE: cache,
      DISCLOSE_LAYOUT: layout,
    },
    site,
  );

/**
 * Builds with the build cache in `cache`, into a new output folder as CI does; fails loudly. No
 * folder is removed before it: see `scratches`. Then waits for the process that lays out the next
 * build's site (see DISCLOSE_LAYOUT in the README), which would otherwise run beside the next
 * build measured: `laidOut` is how long that took after the build ended, in seconds.
 */
async function rebuild(
  content: string,
  out: string,
  cache: string,
  what: string,
  layout: 'on' | 'off' = 'on',
) {
  const result = await build(content, out, cache, layout);
  if (result.code !== 0) {
    console.error(result.output);
    throw new Error(`The build ${what} failed`);
  }
  const ended = performance.now();
  while (layingOut(cache)) await new Promise((done) => setTimeout(done, 20));
  return { ...result, laidOut: (performance.now() - ended) / 1000 };
}

/** How many times each build is measured (and Hugo's): the table gives the median, and the range beside it. */
const REPEATS = 3;

/**
 * The `n`th advisory added (from 1), newer than every generated one and than the ones added before
 * it, in the latest year they span (as most are): its file's name and text.
 */
function added(n: number): { name: string; text: string } {
  const id = `LANTERN-2025-${9000 + n}`;
  const text = extraAdvisory(
    id,
    [
      `summary: A flaw in the manifest parser, published after all the others (${n})`,
      `published: 2025-12-31T12:${String(n).padStart(2, '0')}:00Z`,
    ],
    'The manifest parser accepts input it should reject.',
  );
  return { name: `${id}.md`, text };
}

/**
 * Runs `build` REPEATS times, the `n`th with n from 1: the median of their times, with the range,
 * and what each run gave, in order.
 */
async function repeated<T extends { seconds: number }>(build: (n: number) => Promise<T>) {
  const runs: T[] = [];
  for (let n = 1; n <= REPEATS; n++) runs.push(await build(n));
  return { ...spread(runs.map((run) => run.seconds)), runs };
}

/** The median of a few timings, with their range: "3.5 s (3.4–3.7)". */
function spread(timings: readonly number[]): { median: number; text: string } {
  const sorted = [...timings].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)] ?? 0;
  const range = sorted.length > 1 ? ` (${sorted[0]?.toFixed(1)}–${sorted.at(-1)?.toFixed(1)})` : '';
  return { median, text: `${median.toFixed(1)} s${range}` };
}

/**
 * How long the file system takes to make 2,000 folders in a new folder under `parent`, in
 * milliseconds: a rebuild is mostly making folders and linking files, and within minutes of a large
 * removal (another run's clean-up, say) that takes several times as long, so the run says how the
 * file system stood before the first build and after the last. The folders stay until the end.
 */
function foldersProbe(parent: string, name: string): number {
  const folder = join(parent, name);
  mkdirSync(folder);
  spawnSync('sync');
  const started = performance.now();
  for (let n = 0; n < 2000; n++) mkdirSync(join(folder, `LANTERN-2025-${n}`));
  return Math.round(performance.now() - started);
}

const probes = await mkdtemp(join(tmpdir(), 'disclose-bench-probe-'));
const probedBefore = foldersProbe(probes, 'before');

const hugo = spawnSync('hugo', ['version']).status === 0;
if (runs.length > 0) {
  if (!hugo) console.log('(hugo is not installed, so there is no comparison: apt-get install hugo)\n');
  console.log(
    '| advisories | projects | pages | full build | peak RSS | output | one added | laid out after it | nothing changed | one added, in CI | Hugo + Pagefind | full ÷ Hugo | one added ÷ full | in CI ÷ full | one added ÷ Hugo |',
  );
  console.log(
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
}

/**
 * Hugo renders the same advisories, then the Pagefind CLI indexes them, REPEATS times, each into a
 * folder of its own: the median of the wall time of both, with the range.
 */
async function hugoBaseline(scratch: string, content: string) {
  await mkdir(join(scratch, 'hugo-content'), { recursive: true });
  await symlink(join(content, 'advisories'), join(scratch, 'hugo-content', 'advisories'));
  await writeHugoSite(join(scratch, 'hugo'), content);
  return repeated(async (n) => {
    const out = join(scratch, `hugo-out-${n}`);
    const rendered = await measure('hugo', ['--quiet', '-s', join(scratch, 'hugo'), '-d', out], {});
    if (rendered.code !== 0) throw new Error(`Hugo failed:\n${rendered.output}`);
    const indexed = await measure(join('node_modules', '.bin', 'pagefind'), ['--site', out], {});
    if (indexed.code !== 0) throw new Error(`Pagefind failed:\n${indexed.output}`);
    return { seconds: rendered.seconds + indexed.seconds };
  });
}
/**
 * Every folder the benchmark makes, removed once everything is measured. On this machine's file
 * system (ext4 without a journal), making a folder within half a minute of tens of thousands being
 * removed takes several times as long: the file system passes over each inode freed that recently
 * before it gives one out. A deploy run, on a fresh machine, removes nothing before it builds, so
 * neither does the benchmark while it measures, but for Astro's content store (a few files) before
 * each full build.
 */
const scratches: string[] = [];
for (const run of runs) {
  const scratch = await mkdtemp(join(tmpdir(), 'disclose-bench-'));
  scratches.push(scratch);
  const content = join(scratch, 'content');
  await generateContent(content, run.advisories, run.projects);
  // Each full build starts with an empty build cache, which it fills, and without Astro's content
  // store (the site's, kept between builds like the cache), so that it renders every advisory.
  // The rebuilds use the last one's.
  const full = await repeated(async (n) => {
    await rm(join(site, 'node_modules', '.astro'), { recursive: true, force: true });
    const out = join(scratch, `dist-full-${n}`);
    const cache = join(scratch, `cache-${n}`);
    return { ...(await rebuild(content, out, cache, `of ${run.advisories} advisories`)), out, cache };
  });
  const [first, last] = [full.runs[0], full.runs.at(-1)];
  if (!first || !last) throw new Error('No full build was measured');
  const { cache } = last;
  const pages = /(\d+) page\(s\) built/.exec(first.output)?.[1] ?? '?';
  const peak = Math.max(...full.runs.map((built) => built.peak));
  const size = folderSize(first.out);
  // Each rebuild a few times, as a deploy run would after each push: one advisory added, then
  // another, then nothing changed.
  const addOne = async (n: number, layout: 'on' | 'off') => {
    const { name, text } = added(n);
    await writeFile(join(content, 'advisories', name), text);
    const what = `with one advisory added${layout === 'off' ? ', as in CI' : ''}`;
    const built = await rebuild(content, join(scratch, `dist-added-${n}`), cache, what, layout);
    const before = run.advisories + n - 1;
    if (!built.output.includes(`${before} of ${before + 1} advisories unchanged, 1 to render`))
      throw new Error(`The build ${what} did not use the cache:\n${built.output}`);
    // Each takes the site laid out after the build before it, which the benchmark waited for.
    if (layout === 'on' && !built.output.includes('into the site laid out after the last build'))
      throw new Error(
        `The build ${what} did not take the site laid out after the last build:\n${built.output}`,
      );
    return built;
  };
  const oneAdded = await repeated((n) => addOne(n, 'on'));
  const nothingChanged = await repeated((n) =>
    rebuild(content, join(scratch, `dist-unchanged-${n}`), cache, 'with nothing changed'),
  );
  // As CI builds, on a machine that is gone after the run: nothing is laid out after a build, and
  // each rebuild lays out the last build's site itself (as far as it gets while the content is checked).
  const inCi = await repeated((n) => addOne(REPEATS + n, 'off'));
  const laidOut = spread(oneAdded.runs.map((built) => built.laidOut));
  const baseline = hugo ? await hugoBaseline(scratch, content) : undefined;
  // Three decimals below 1, so that a rebuild's ratio near the goal of a tenth reads either side of it.
  const ratio = (a: number, b: number) => `${(a / b).toFixed(a < b ? 3 : 2)}×`;
  console.log(
    [
      '',
      run.advisories,
      run.projects,
      pages,
      full.text,
      mib(peak),
      mib(size),
      oneAdded.text,
      laidOut.text,
      nothingChanged.text,
      inCi.text,
      baseline ? baseline.text : '–',
      baseline ? ratio(full.median, baseline.median) : '–',
      ratio(oneAdded.median, full.median),
      ratio(inCi.median, full.median),
      baseline ? ratio(oneAdded.median, baseline.median) : '–',
      '',
    ]
      .join(' | ')
      .trim(),
  );
}

if (realData) {
  const corpus = 'tests/fixtures/osv-corpus';
  const records = (await readdir(corpus, { recursive: true })).filter((file) =>
    file.endsWith('.json'),
  ).length;
  const scratch = await mkdtemp(join(tmpdir(), 'disclose-bench-osv-'));
  scratches.push(scratch);
  const content = join(scratch, 'content');
  const out = join(scratch, 'dist');
  await cp('tests/fixtures/minimal', content, { recursive: true });
  const importing = (...extra: string[]) =>
    measure(
      process.execPath,
      [
        'bin/disclose.ts',
        'import',
        'osv',
        corpus,
        '--create-projects',
        '--publish',
        ...extra,
        '--content',
        content,
      ],
      {
        NO_COLOR: '1',
      },
    );
  const first = await importing();
  if (first.code !== 0 || !first.output.includes(`imported ${records} advisories`)) {
    console.error(first.output.slice(-2000));
    throw new Error('Importing the OSV corpus failed');
  }
  const second = await importing('--update');
  if (second.code !== 0 || !second.output.includes(`imported 0 advisories; left ${records} unchanged.`)) {
    console.error(second.output.slice(-2000));
    throw new Error('Importing the OSV corpus again changed something');
  }
  const built = await build(content, out);
  if (built.code !== 0) {
    console.error(built.output);
    throw new Error('The build of the imported OSV corpus failed');
  }
  const pages = /(\d+) page\(s\) built/.exec(built.output)?.[1] ?? '?';
  console.log('');
  console.log(
    '| real OSV records | import | again, --update | peak RSS (import) | build | pages | peak RSS (build) | output |',
  );
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(
    `| ${records} | ${first.seconds.toFixed(1)} s | ${second.seconds.toFixed(1)} s | ${mib(first.peak)} | ${built.seconds.toFixed(1)} s | ${pages} | ${mib(built.peak)} | ${mib(folderSize(out))} |`,
  );
}

console.log(
  `\nMaking 2,000 folders took ${probedBefore} ms before the first build and ${foldersProbe(probes, 'after')} ms after the last.`,
);
for (const folder of [...scratches, probes, site]) await rm(folder, { recursive: true, force: true });
