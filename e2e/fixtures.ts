import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { launchWithExtension, openPopup, type ExtensionBrowser } from './support/browser';
import { startKuzzle, type KuzzleUnderTest } from './support/kuzzle';

export { expect };

interface Fixtures {
  /** Chromium with the built extension, on a new profile deleted after the test. */
  extension: ExtensionBrowser;
  /** The popup, opened as a tab of the extension's own origin. */
  popup: Page;
}
interface WorkerFixtures {
  /** The default Kuzzle: the dev server (default flags) for this worker, or KUZZLE_URL. */
  kuzzle: KuzzleUnderTest;
}

export const test = base.extend<Fixtures, WorkerFixtures>({
  kuzzle: [
    async ({}, use) => {
      const kuzzle = await startKuzzle();
      await use(kuzzle);
      await kuzzle.stop();
    },
    { scope: 'worker' },
  ],
  extension: async ({}, use) => {
    const browser = await launchWithExtension();
    await use(browser);
    await browser.dispose();
  },
  popup: async ({ extension }, use) => {
    const page = await openPopup(extension);
    await use(page);
  },
});

/** A page of either library: Playwright's (Chromium) and puppeteer's (Firefox) take screenshots alike. */
interface Screenshots {
  screenshot(options: { path: string; fullPage: boolean }): Promise<unknown>;
}

/** Saves a screenshot of what a person sees into the test's output folder and the report. */
export async function snap(page: Screenshots, name: string, testInfo: TestInfo = test.info()): Promise<void> {
  const file = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
}
