import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import jsYaml from 'js-yaml';

/** What `disclose init` asks for, validated. */
export interface InitAnswers {
  /** The organisation's name. */
  name: string;
  /** The site's public URL. */
  site: string;
  /** The security e-mail address, if reports are taken by e-mail. */
  email: string | undefined;
  /** Whether reports are taken through GitHub's private vulnerability reporting. */
  githubReporting: boolean;
  /** The first project's slug, name and repository. */
  project: { slug: string; name: string; repository: string; summary: string };
  /** The advisory id prefix. */
  prefix: string;
  /** Days from report to disclosure at the latest. */
  windowDays: number;
  /** The version of astro-disclose the site depends on, and the Astro it needs. */
  versions: { disclose: string; astro: string };
  /** Today, for security.txt's expiry. */
  today: Date;
}

const yaml = (data: unknown) => jsYaml.dump(data, { lineWidth: 100, quotingType: '"' });

/** Every file of a new site, by path. */
export function siteFiles(a: InitAnswers): Record<string, string> {
  const expires = new Date(a.today.getTime() + 330 * 24 * 3600 * 1000)
    .toISOString()
    .replace(/\.\d{3}Z$/, 'Z');
  const channels = [
    ...(a.email ? [`e-mail to ${a.email}`] : []),
    ...(a.githubReporting ? ["GitHub's private vulnerability reporting"] : []),
  ].join(' or ');
  return {
    'package.json': `${JSON.stringify(
      {
        name: `${a.project.slug}-security`.replace(/^-+/, ''),
        private: true,
        type: 'module',
        engines: { node: '>=22.12' },
        scripts: {
          dev: 'astro dev',
          build: 'astro build',
          preview: 'astro preview',
          check: 'disclose check',
          prepare: 'git config core.hooksPath .githooks 2>/dev/null || true',
        },
        dependencies: { astro: a.versions.astro, 'astro-disclose': a.versions.disclose },
      },
      null,
      2,
    )}\n`,
    'astro.config.mjs': `import { defineConfig } from 'astro/config';
import disclose from 'astro-disclose';

// Everything Disclose builds comes from content/; see the README of astro-disclose for options.
export default defineConfig({
  integrations: [disclose()],
});
`,
    '.gitignore': 'node_modules/\ndist/\n.astro/\n',
    '.githooks/pre-push': `#!/bin/sh
# Refuses a push that would put a draft or embargoed advisory in this (public) repository.
# npm install sets git's core.hooksPath to this folder.
exec npx --no-install disclose check --undisclosed
`,
    'content/organisation.yaml':
      `# Who publishes this policy and how to reach them. Every field: the README of astro-disclose.
${yaml({
  name: a.name,
  site: a.site,
  description: `How ${a.name} handles security vulnerabilities in its projects.`,
  contentVisibility: 'public',
  scope: { summary: `This policy covers the projects ${a.name} maintains.` },
  reporting: {
    ...(a.email ? { email: a.email } : {}),
    ...(a.githubReporting ? { githubPrivateReporting: true } : {}),
  },
  advisoryPrefix: a.prefix,
  // A starting rule the maintainer can change: nothing about disclosure is assumed elsewhere.
  disclosure: { windowDays: a.windowDays, rules: [{ when: 'with-fix' }] },
  securityTxt: { expires },
})}`.replace(
        /^securityTxt:\n {2}expires: .*$/m,
        (block) => `${block} # renew yearly: the build fails 30 days before`,
      ),
    'content/severities.yaml': `# The severity scale, most severe first; advisories name one by id.
${yaml([
  {
    id: 'critical',
    label: 'Critical',
    definition: 'Remote exploitation without authentication, or full compromise of a system.',
    cvss: { min: 9, max: 10 },
  },
  {
    id: 'high',
    label: 'High',
    definition: 'A security control bypassed or significant data exposed, with some preconditions.',
    cvss: { min: 7, max: 8.9 },
  },
  {
    id: 'medium',
    label: 'Medium',
    definition: 'A security control weakened, where exploitation needs significant preconditions.',
    cvss: { min: 4, max: 6.9 },
  },
  {
    id: 'low',
    label: 'Low',
    definition: 'A minor security concern with limited practical impact.',
    cvss: { min: 0.1, max: 3.9 },
  },
])}`,
    'content/timeline.yaml': `# How fast each step of the response happens, per group of severities.
groups:
  - id: urgent
    severities: [critical, high]
  - id: routine
    severities: [medium, low]
phases:
  - id: acknowledgment
    label: Acknowledgment
    event: acknowledged
    targets: { urgent: 2 business days, routine: 5 business days }
  - id: fix
    label: Fix developed
    event: fixReady
    milestone: fix
    targets: { urgent: 14 days, routine: 60 days }
  - id: release
    label: Patched release
    event: released
    targets:
      urgent: 72 hours after fix
      routine: { commitment: Next scheduled release }
`,
    'content/policy/security-policy.mdx': `---
title: Security policy
description: How to report a vulnerability in a project of ${a.name.replaceAll(':', ' ')}, and what happens next.
navLabel: Policy
---

${a.name} takes the security of its projects seriously. This page says how to report a
vulnerability to us, how quickly we respond, and how we disclose it.

## Scope

<Scope />

## How to report a vulnerability

Please report it privately, by ${channels}, never in a public issue.

<HowToReport />

## Severity

<SeverityTable />

## How fast we respond

<TimelineTable />

## Disclosure

<DisclosureWindow />

When a fix is released we publish an advisory on this site, with its OSV and CSAF records, and
credit the reporter unless they ask us not to.
`,
    [`content/projects/${a.project.slug}.md`]: `---
${yaml({ name: a.project.name, summary: a.project.summary, repository: a.project.repository })}---

This project follows the ${a.name} security policy.
`,
    'content/advisories/.gitkeep': '',
    // The workflows this repository's own site runs: one copy, shipped in the package.
    '.github/workflows/deploy.yml': packageFile('.github/workflows/deploy.yml'),
    '.github/workflows/pull-request.yml': packageFile('.github/workflows/pull-request.yml'),
    'downstream/security-md.yml': downstreamWorkflow(a),
    'README.md': readme(a),
  };
}

function downstreamWorkflow(a: InitAnswers): string {
  return `# Copy into each project repository as .github/workflows/security-md.yml: it keeps SECURITY.md
# equal to the one this site publishes (checked on pull requests, updated weekly by pull request).
name: SECURITY.md
on:
  pull_request:
  schedule:
    - cron: '0 6 * * 1'
  workflow_dispatch:
permissions:
  contents: write
  pull-requests: write
jobs:
  sync:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 24
      - name: SECURITY.md from ${a.site}
        run: npx --yes --package astro-disclose@${a.versions.disclose.replace(/^\^/, '')} disclose sync --site ${a.site} --project ${a.project.slug} \${{ github.event_name == 'pull_request' && '--check' || '' }}
`;
}

function readme(a: InitAnswers): string {
  return `# ${a.name} security

The security policy, advisories and SECURITY.md files of ${a.name}, built with
[astro-disclose](https://www.npmjs.com/package/astro-disclose) and published at ${a.site}.

\`\`\`sh
npm install          # once
npm run dev          # preview while you write
npm run check        # validate the content, every problem at once
npm run build        # the site, in dist/
\`\`\`

- \`content/organisation.yaml\`, \`severities.yaml\`, \`timeline.yaml\`: the policy's facts.
- \`content/policy/\`: the policy pages (MDX, with components such as \`<SeverityTable />\`).
- \`content/projects/\`: one file per project; each gets a page and a SECURITY.md.
- \`content/advisories/\`: one Markdown file per published advisory. Drafts and embargoed
  advisories never go here: write them in a private repository (\`npx disclose new advisory
  --project ${a.project.slug} --private ../security-private\`) and see "Embargoes and public
  repositories" in the README of astro-disclose.

Deploying: turn on GitHub Pages with "GitHub Actions" as the source; \`.github/workflows/deploy.yml\`
builds and publishes on every push to main and every hour. For the very first deploy, set the
repository variable \`DISCLOSE_FIRST_PUBLICATION\` to \`true\`, and remove it afterwards.

Each project repository can keep its SECURITY.md in step with this site: copy
\`downstream/security-md.yml\` into its \`.github/workflows/\`.

Upgrading Disclose: \`npm update astro-disclose\`.
`;
}

/** A file of this package, found from wherever this code runs (its source, or the bundled command). */
function packageFile(path: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (
    !existsSync(join(dir, 'package.json')) ||
    !readFileSync(join(dir, 'package.json'), 'utf8').includes('"name": "astro-disclose"')
  ) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error(`cannot find ${path}: this copy of astro-disclose is incomplete; reinstall it`);
    dir = parent;
  }
  return readFileSync(join(dir, path), 'utf8');
}
