// End-to-end tests: the built renderer in Debian's Chromium against the real lab service (real
// workers, real SQLite) through the loopback web host, plus the Electron app where its binary
// exists. `npm test` builds first; on its own: `npx electron-vite build && npx playwright test`.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  testDir: 'e2e',
  // One test at a time: this machine has two cores, and the lab's own worker threads need them.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 20_000 },
  outputDir: 'test-results',
  // `npm test` sets PLAYWRIGHT_JSON_OUTPUT_FILE and counts the results from it; run directly, the
  // JSON report goes to a file instead of flooding the terminal.
  reporter: [['list'], process.env.PLAYWRIGHT_JSON_OUTPUT_FILE ? ['json'] : ['json', { outputFile: 'test-results/report.json' }]],
  use: {
    browserName: 'chromium',
    viewport: { width: 1280, height: 860 },
    locale: 'ko-KR',
    colorScheme: 'light',
    actionTimeout: 15_000,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
