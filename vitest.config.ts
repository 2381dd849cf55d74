import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts'],
    // The build tests spawn Astro, which takes seconds, not milliseconds.
    testTimeout: 120_000,
  },
});
