import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'e2e',
    include: ['**/*.spec.ts'],
    globalSetup: ['../backend/test/support/globalSetup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // One browser at a time keeps a two-core machine responsive.
    fileParallelism: false,
  },
});
