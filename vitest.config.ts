import { defineConfig } from 'vitest/config';

// Test levels show in the file name (style.md): *.unit.test.ts, *.int.test.ts, *.e2e.test.ts.
// Integration tests run twice: once on embedded PGlite, once on a real PostgreSQL (JINENG_TEST_PG_URL,
// provisioned by scripts/test.mjs).
export default defineConfig({
  test: {
    projects: [
      // Property tests and the demo generators' checks are CPU-bound: a busy CI machine needs more than the default 5 s.
      { test: { name: 'unit', include: ['src/**/*.unit.test.ts', 'test/**/*.unit.test.ts'], testTimeout: 30_000 } },
      {
        test: {
          name: 'int-pglite',
          include: ['test/int/**/*.int.test.ts', 'src/**/*.int.test.ts'],
          env: { JINENG_TEST_DB: 'pglite' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'int-pg',
          include: ['test/int/**/*.int.test.ts', 'src/**/*.int.test.ts'],
          env: { JINENG_TEST_DB: 'pg' },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          env: { JINENG_TEST_DB: 'pg' },
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
