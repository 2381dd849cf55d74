import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // The build tests spawn Astro, which takes seconds, not milliseconds, in tests and in the hooks
    // that build a site for several tests alike (10 s is not enough on a loaded machine).
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // No build leaves a process laying out the next build's site behind (see DISCLOSE_LAYOUT in
    // the README) to write in a folder a test removes; the tests of that set it themselves.
    env: { DISCLOSE_LAYOUT: 'off' },
  },
});
