import { defineConfig } from 'vitest/config';

// Tier 3: end-to-end specs (`e2e/*.spec.ts`) driving Debian Chromium with playwright-core.
export default defineConfig({
  test: {
    include: ['packages/*/e2e/**/*.spec.ts', 'apps/*/e2e/**/*.spec.ts', 'e2e/**/*.spec.ts'],
    exclude: ['**/node_modules/**'],
    environment: 'node',
    testTimeout: 120_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    // A page under load can take seconds to re-render: `expect.poll` without its own timeout waits
    // up to 15 s (Vitest's default is 1 s), the same budget as the specs' WAIT.
    expect: { poll: { timeout: 15_000, interval: 100 } },
  },
});
