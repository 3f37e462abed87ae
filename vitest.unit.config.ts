import { defineConfig } from 'vitest/config';

// Tier 1: pure unit tests, co-located with the code (`*.test.ts`, `*.test.tsx`).
export default defineConfig({
  test: {
    include: [
      'packages/*/src/**/*.test.{ts,tsx}',
      'apps/*/src/**/*.test.{ts,tsx}',
      'scripts/**/*.test.ts',
      'chaos/**/*.test.ts',
    ],
    exclude: ['**/node_modules/**', '**/*.int.test.ts'],
    environment: 'node',
  },
});
