import { siteUrl, type SiteName } from './sites.ts';
import { expect, test } from './test.ts';

/**
 * The facts of each seed policy, as a reader would look for them. Each must be visible on the
 * built site (policy and project pages) and in every SECURITY.md the example generates.
 */
const SEEDS: Record<
  Exclude<SiteName, 'demo' | 'installed'>,
  { projects: string[]; site: string[]; securityMd: string[] }
> = {
  'multi-project': {
    projects: ['pki-core', 'pki-federal'],
    site: [
      'X.509 certificate utilities',
      'DoD CAC / Federal PIV / ECA provider pack',
      'Remote exploitation without authentication; bypass of certificate validation',
      'Chain validation bypass',
      'CRL cache poisoning via local file access',
      'Non-security-relevant crashes from malformed input',
      '5 business days',
      'Within 48 hours of fix',
      'Next scheduled release',
      '90-day disclosure window',
      'US Government agencies and federal contractors',
      'You may encrypt your report with PGP: the key is available on request',
      'pip-audit',
      'info@mevtc.com',
    ],
    securityMd: [
      '| Critical',
      'Chain validation bypass; CRL signature verification skip; Header injection enabling authentication bypass',
      '| Severity assessment | 48 hours',
      '5 business days',
      'Within 48 hours of fix',
      'Next scheduled release',
      '90-day disclosure window',
      'US Government agencies and federal contractors',
      'Static-analysis suppressions',
    ],
  },
  'single-library': {
    projects: ['cryptography'],
    site: [
      'E27D 4AA0 1651 72CB C5D2 AF2B 125F 5C67 DFE9 4084',
      'most commonly used key servers',
      'acknowledgment within 48 hours',
      'security support for the master branch and the 2 most recent releases',
      'About 7 days before public disclosure',
      'operating-system vendors and other distributors of cryptography',
      'The list of recipients is not public.',
      'known exploit in the wild',
      'statically on Windows',
    ],
    securityMd: [
      'E27D 4AA0 1651 72CB C5D2 AF2B 125F 5C67 DFE9 4084',
      '| master  | Yes',
      '| 42.0.8  | No',
      '| Acknowledgment | 48 hours',
      'About 7 days before public disclosure',
      'The list of recipients is not public.',
      'New releases for OpenSSL updates',
    ],
  },
  'solo-maintainer': {
    projects: ['k8spolicy'],
    site: [
      'Triage',
      'Infra',
      'Disclosure',
      'Release',
      'Christian Kotzbauer',
      '14 days',
      '21 days',
      'CVSS base score under 4.0',
      'This addresses the following CVE(s)',
      'Am I vulnerable?',
      'Archived by the owner on 2021-07-23',
      'sigstore',
    ],
    securityMd: [
      '**Archived.** Archived by the owner on 2021-07-23',
      '**Triage** (Christian Kotzbauer)',
      '**Release** (Christian Kotzbauer)',
      '| Fix development | 14 days',
      '| Fix release day | 21 days',
      'security/advisories/new',
    ],
  },
};

for (const [site, seed] of Object.entries(SEEDS) as [
  keyof typeof SEEDS,
  (typeof SEEDS)[keyof typeof SEEDS],
][]) {
  test(`${site}: every fact of the seed policy is on the site`, async ({ page }) => {
    const base = siteUrl(site);
    await page.goto(base);
    const policy = page.getByRole('navigation', { name: 'Main' }).getByRole('link').nth(1);
    await policy.click();
    let text = await page.getByRole('main').innerText();
    for (const project of seed.projects) {
      await page.goto(new URL(`projects/${project}/`, base).href);
      text += await page.getByRole('main').innerText();
    }
    for (const fact of seed.site) expect(text, fact).toContain(fact);
  });

  test(`${site}: every fact of the seed policy is in each SECURITY.md`, async ({ request }) => {
    for (const project of seed.projects) {
      const response = await request.get(new URL(`projects/${project}/SECURITY.md`, siteUrl(site)).href);
      expect(response.ok()).toBe(true);
      const markdown = await response.text();
      for (const fact of seed.securityMd) expect(markdown, `${project}: ${fact}`).toContain(fact);
    }
  });
}
