import { defineProject } from 'vitest/config';

export default defineProject({
  resolve: { tsconfigPaths: true },
  test: {
    name: 'frontend',
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    // Dates are formatted in the viewer's time zone; tests pin one so expectations are stable.
    env: { TZ: 'Europe/Moscow' },
  },
});
