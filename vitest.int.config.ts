import { defineConfig } from 'vitest/config';

// Tier 2: integration tests (`*.int.test.ts`): real servers, real PostgreSQL, the Stripe sandbox.
export default defineConfig({
  test: {
    include: [
      'packages/*/{src,test}/**/*.int.test.ts',
      'apps/*/{src,test}/**/*.int.test.ts',
      'test/**/*.int.test.ts',
    ],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 120_000,
    maxWorkers: 2,
  },
});
