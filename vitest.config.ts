import { defineConfig } from 'vitest/config';

// Dependencies load as the product loads them: not under the "development" export condition,
// whose builds (micromark's, mdast's) assert on inputs that the builds the product runs read
// ("*\n[x]\ta" fails an assertion of the task-list extension, and parses without it).
process.env.NODE_ENV = 'production';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
