// Types for disclose-sync.mjs, which stays plain JavaScript so that it runs on Node alone.

export const GENERATED_MARKER: string;
export const LOCATIONS: string[];
export const HELP: string;
export const OPTIONS: {
  site: { type: 'string' };
  project: { type: 'string' };
  dir: { type: 'string' };
  to: { type: 'string' };
  check: { type: 'boolean'; default: false };
  force: { type: 'boolean'; default: false };
};

export interface SyncOptions {
  site: string;
  project: string;
  dir?: string | undefined;
  to?: string | undefined;
  check?: boolean;
  force?: boolean;
  fetch?: typeof fetch;
  out: (text: string) => void;
  err: (text: string) => void;
  colour?: boolean;
}

export function runSync(options: SyncOptions): Promise<number>;
export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string): string;
export function cli(argv: string[]): Promise<number>;
