import { defineConfig } from '@playwright/test';

// The extension is built before this runs (`npm test` does it); specs load .output/chrome-mv3.
export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  // One persistent Chromium profile per test; two cores on CI.
  workers: 1,
  fullyParallel: false,
  retries: 0,
  // A budget for whole scenarios (several logins, a browser restart), not a timing assertion.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
});
