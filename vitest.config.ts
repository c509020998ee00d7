import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    env: { BANMIAN_SERVER: '0' }, // the builds the tests run never go to a build server the developer left running
  },
});
