import { existsSync } from 'node:fs';

/** Where a system Chromium usually lives; $CHROMIUM_PATH wins. */
const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/snap/bin/chromium',
];

export function findChromium(): string | undefined {
  const override = process.env['CHROMIUM_PATH'];
  if (override) return existsSync(override) ? override : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

/** Flags for a sandboxed, offline test machine: no background traffic, no GPU. */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
