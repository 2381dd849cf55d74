import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // The build tests spawn Astro, which takes seconds, not milliseconds, in tests and in the hooks
    // that build a site for several tests alike (10 s is not enough on a loaded machine).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
