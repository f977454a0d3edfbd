// Issue 12, item 4: the popup and the options page take events from the worker only. A bound page's
// content script (code in its isolated world, as a compromised or confused script would run) sends
// forged events: no sentence of its own reaches their alert, and no flood of state reads follows.
// A real event from the worker still gets through, so the check is not simply deaf.
import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { openOptions, openPopup } from './support/browser';
import { inContentScript } from './support/hardening';
import { ask, setUpBoundServer, useTestSites } from './support/pages';

const sites = useTestSites(test);

/** Counts the page's `getState` requests from now on (the popup and options re-read the state on an event). */
async function countStateReads(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const runtime = (globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } }).chrome.runtime;
    const original = runtime.sendMessage.bind(runtime);
    const counter = globalThis as unknown as { stateReads: number };
    counter.stateReads = 0;
    runtime.sendMessage = (message: unknown) => {
      if ((message as { type?: unknown }).type === 'getState') counter.stateReads += 1;
      return original(message);
    };
  });
  return () => page.evaluate(() => (globalThis as unknown as { stateReads: number }).stateReads);
}

const FORGED = 'FORGED: your session was stolen, call 555-0100';

test('events forged by a bound page\'s content script reach neither the popup nor the options page', async ({ extension, kuzzle }) => {
  const { extensionPage, server } = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  const popup = await openPopup(extension);
  const options = await openOptions(extension);
  await expect(popup.getByText('alice').first()).toBeVisible();
  await expect(options.getByText('alice').first()).toBeVisible();
  const popupReads = await countStateReads(popup);
  const optionsReads = await countStateReads(options);

  const page = await extension.context.newPage();
  await page.goto(`${sites().bound}/console.html`);
  await expect(page.getByRole('status')).toHaveText('Signed in as alice');
  const contentScript = await inContentScript(page, extension.extensionId);
  // Each send settles once every listener has run: what the pages did with it is done by then.
  await contentScript.run(
    `chrome.runtime.sendMessage(${JSON.stringify({ event: 'loginAttempt', serverId: server.id, success: false, error: FORGED })}).catch(() => null)`,
  );
  await contentScript.run(`Promise.all(Array.from({ length: 200 }, () => chrome.runtime.sendMessage({ event: 'stateChanged' }).catch(() => null)))`);
  await contentScript.cdp.detach();

  for (const extensionView of [popup, options]) await expect(extensionView.getByText(FORGED)).toHaveCount(0);
  expect(await popupReads()).toBe(0);
  expect(await optionsReads()).toBe(0);

  // The worker's own event still arrives: a failed login is told to both pages.
  await ask(extensionPage, 'login', { serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'wrong' } }).catch(() => null);
  await expect(popup.getByRole('alert')).toContainText(/wrong|password|refused|invalid/i);
  await expect(options.getByRole('alert')).toContainText(/wrong|password|refused|invalid/i);
  expect(await popupReads()).toBeGreaterThan(0);
  await snap(popup, 'popup-after-forged-events');
});
