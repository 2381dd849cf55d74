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
  timeout: { type: 'string' };
};
export const DEFAULT_TIMEOUT: number;
export const MAX_RESPONSE_BYTES: number;

/** A refusal or failure with the exit code it means. */
export class Failure extends Error {
  constructor(message: string, code: number);
  code: number;
}
export function withBodyDigest(text: string): string;
export function editedByHand(text: string): boolean;
export function manifestFiles(text: string, where: string): { path: string; sha256: string }[];
export function get(
  limits: { fetch: typeof fetch; timeout: number; maxBytes: number },
  url: string,
): Promise<string | undefined>;

export interface SyncOptions {
  site: string;
  project: string;
  dir?: string | undefined;
  to?: string | undefined;
  check?: boolean;
  force?: boolean;
  /** Seconds per request. Default: 30. */
  timeout?: number | undefined;
  fetch?: typeof fetch;
  out: (text: string) => void;
  err: (text: string) => void;
  colour?: boolean;
}

export function runSync(options: SyncOptions): Promise<number>;
export function unifiedDiff(before: string, after: string, fromLabel: string, toLabel: string): string;
export function cli(argv: string[]): Promise<number>;
