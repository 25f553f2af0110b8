import { defineConfig } from 'vitest/config';

// Unit tests cover the pure core and the worker handler; they run in plain Node
// (no DOM), which is how we keep src/core free of browser dependencies.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'workers/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
  },
});
