// Finds a Chromium for Playwright, installing Debian's package when none is present and we may.
// Playwright's own browser download is not used: the test machines cannot fetch it.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from '../tests/e2e/browser.ts';

const found = findChromium();
if (found) {
  console.log(`Using Chromium at ${found}`);
} else if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
  console.log('No Chromium found; installing Debian package "chromium"...');
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (!findChromium()) throw new Error('Installed "chromium" but found no executable; set CHROMIUM_PATH.');
} else {
  console.error(
    'No Chromium found. Install Chromium or Chrome, or set CHROMIUM_PATH to its executable, then run the tests again.',
  );
  process.exit(1);
}
