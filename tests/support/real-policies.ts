import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** One fact of a real policy: where the content set holds it and where a reader finds it. */
export interface Fact {
  fact: string;
  /** The file and field that hold it, or `prose` for the policy page's own words. */
  field: string;
  /** Text a reader finds on the site (policy and project pages). */
  site: string;
  /** Text SECURITY.md carries, where the fact belongs there. */
  securityMd?: string;
  /** The projects whose SECURITY.md carries it, when not every project's. */
  projects?: string[];
}

/** The examples written from real, published policies: each has a facts.yaml. */
export const REAL_POLICIES = readdirSync('examples').filter((name) => {
  try {
    readFileSync(join('examples', name, 'facts.yaml'));
    return true;
  } catch {
    return false;
  }
});

export function factsOf(example: string): { source: string; facts: Fact[] } {
  return parse(readFileSync(join('examples', example, 'facts.yaml'), 'utf8')) as {
    source: string;
    facts: Fact[];
  };
}
