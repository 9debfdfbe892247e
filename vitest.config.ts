import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

// Unit tests run in Node: TF.js falls back to its pure-JS cpu backend, which is enough to check
// preprocessing arithmetic, top-k decoding and tensor bookkeeping. Browsers are for e2e/.
export default defineConfig({
  // The source root alias, as vite.config.ts and tsconfig.base.json define it.
  resolve: { alias: [{ find: /^@\//, replacement: `${resolve(import.meta.dirname, 'src')}/` }] },
  test: {
    include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    // The default report, then how many tests were skipped and why (a skip is never silent).
    reporters: ['default', './src/testing/skipReporter.ts'],
  },
});
