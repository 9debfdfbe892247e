import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './scripts/common/chromium';

/**
 * End-to-end tests drive the built app (vite build + preview: more deterministic than the dev
 * server) in Debian's Chromium. Playwright cannot download its own browser here. SwiftShader
 * provides WebGL and WebGPU without a GPU: slow but real, so tests pin backends and keep batches small.
 */
const PORT = Number(process.env['LUMEN_E2E_PORT'] ?? 4173);

export default defineConfig({
  testDir: 'e2e',
  timeout: 180_000,
  expect: { timeout: 120_000 },
  fullyParallel: false,
  workers: 1, // 2 cores: one browser at a time keeps SwiftShader timings sane
  // Never retried, in CI neither: a test that passes on a second try hides a race. The keyboard
  // file-chooser stall that once earned CI a retry was one: the chooser listener was switched on in
  // the same breath as the key press, which could overtake it (see fileChoosers in e2e/support.ts).
  retries: 0,
  forbidOnly: Boolean(process.env['CI']),
  // The list, then how many tests were skipped and why (e2e/skipReporter.ts).
  reporter: [['list'], ['./e2e/skipReporter.ts']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
    trace: 'off',
  },
  webServer: {
    command: `npx vite build --logLevel warn && npx vite preview --port ${PORT} --strictPort --host 127.0.0.1`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: !process.env['CI'],
    timeout: 180_000,
  },
});
