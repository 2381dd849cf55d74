/** Where an alias is looked up: CVE ids at cve.org, GHSA ids at GitHub; others are shown as text. */
export function aliasUrl(alias: string): string | undefined {
  if (alias.startsWith('CVE-')) return `https://www.cve.org/CVERecord?id=${alias}`;
  if (alias.startsWith('GHSA-')) return `https://github.com/advisories/${alias}`;
  return undefined;
}

/** MITRE's page for a CWE id such as CWE-79. */
export function cweUrl(cwe: string): string {
  return `https://cwe.mitre.org/data/definitions/${cwe.slice('CWE-'.length)}.html`;
}

/** OSV reference and credit types in words. */
export function typeLabel(type: string): string {
  const words = type.toLowerCase().replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}
