// Issue 12, item 1 (and 3): what the person takes away is gone from the next visit of a site whose
// tab was closed at that moment. One test per row of the table. Each reads what the
// console-like page's VERY FIRST inline script found in its storage, at every boot of the tab
// (e2e/pages/console.html keeps it in sessionStorage before anything else runs), never only the
// storage after load. Plus the live `window.kuzzle.jwt` a page keeps running with.
import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { storedSessions } from './support/hardening';
import { ask, setUpBoundServer, useTestSites, type SignedInServer } from './support/pages';
import type { ExtensionBrowser } from './support/browser';

const sites = useTestSites(test);

interface Boot {
  environments: string | null;
  currentEnv: string | null;
  lastEnv: string | null;
}

/** What each boot of the page's first script found, in order. */
function seenAtBoot(page: Page): Promise<Boot[]> {
  return page.evaluate(() => JSON.parse(sessionStorage.getItem('test:seen-at-boot') ?? '[]') as Boot[]);
}

async function jwtOf(setup: SignedInServer, user: string): Promise<string> {
  const session = (await storedSessions(setup.extensionPage)).find((candidate) => candidate.accountId === setup.accountIds[user]);
  if (!session) throw new Error(`${user} has no stored session`);
  return session.jwt;
}

/** Opens the bound console page, waits for it to settle on `status`, then closes its tab. */
async function visitAndClose(extension: ExtensionBrowser, status: string): Promise<void> {
  const page = await extension.context.newPage();
  await page.goto(`${sites().bound}/console.html`);
  await expect(page.getByRole('status')).toHaveText(status);
  await page.close();
}

/** The next visit, in a new tab: settled on `status`; returns every boot's first view. */
async function nextVisit(extension: ExtensionBrowser, status: string | RegExp, name: string): Promise<{ page: Page; boots: Boot[] }> {
  const page = await extension.context.newPage();
  await page.goto(`${sites().bound}/console.html`);
  await expect(page.getByRole('status')).toHaveText(status);
  await snap(page, name);
  return { page, boots: await seenAtBoot(page) };
}

/** The match patterns of the extension's registered content scripts, read from one of its pages. */
function registeredPatterns(extensionPage: Page): Promise<string[]> {
  return extensionPage.evaluate(async () => {
    const scripting = (globalThis as unknown as { chrome: { scripting: { getRegisteredContentScripts(): Promise<{ matches?: string[] }[]> } } }).chrome.scripting;
    return (await scripting.getRegisteredContentScripts()).flatMap((script) => script.matches ?? []);
  });
}

function expectNeverSeen(boots: Boot[], jwt: string): void {
  expect(boots.length).toBeGreaterThan(0);
  for (const [index, boot] of boots.entries()) expect(boot.environments ?? '', `boot ${index + 1} of the next visit`).not.toContain(jwt);
}

test('unbinding: the next visit\'s first script finds no token, and the page is left alone', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  await visitAndClose(extension, 'Signed in as alice');
  const jwt = await jwtOf(setup, 'alice');
  await ask(setup.extensionPage, 'unbindOrigin', { serverId: setup.server.id, origin: sites().bound });
  // Unbound, but its pages may hold the token: they keep a content script, for that origin exactly.
  expect(await registeredPatterns(setup.extensionPage)).toEqual([`${sites().bound}/*`]);
  const { page, boots } = await nextVisit(extension, 'Select a connection', 'take-back-unbind');
  expectNeverSeen(boots, jwt);
  expect(await page.evaluate(() => localStorage.getItem('environments') ?? '')).not.toContain(jwt);
  // Once the page said it holds nothing, the site is the extension's no more: no content script left for it.
  await expect.poll(() => registeredPatterns(setup.extensionPage)).toEqual([]);
});

test('removing the server: the next visit finds no token, and the server ended the session', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  await visitAndClose(extension, 'Signed in as alice');
  const jwt = await jwtOf(setup, 'alice');
  const reply = await ask(setup.extensionPage, 'removeServer', { serverId: setup.server.id });
  expect(reply).toEqual({ serverNotified: true });
  const { boots } = await nextVisit(extension, 'Select a connection', 'take-back-remove-server');
  expectNeverSeen(boots, jwt);
  const check = await fetch(`${kuzzle.url}/_checkToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token: jwt }) });
  expect(((await check.json()) as { result: { valid: boolean } }).result.valid).toBe(false);
});

test('forgetting the active account: the next visit finds no token, not even before the extension answers', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  await visitAndClose(extension, 'Signed in as alice');
  const jwt = await jwtOf(setup, 'alice');
  await ask(setup.extensionPage, 'forget', { accountId: setup.accountIds.alice! });
  const { boots } = await nextVisit(extension, 'Select a connection', 'take-back-forget');
  expectNeverSeen(boots, jwt);
});

test('removing the active account: the next visit never finds its token, and starts as the next account', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound, ['bob', 'alice']);
  await visitAndClose(extension, 'Signed in as alice');
  const jwt = await jwtOf(setup, 'alice');
  await ask(setup.extensionPage, 'removeAccount', { accountId: setup.accountIds.alice! });
  const { boots } = await nextVisit(extension, 'Signed in as bob', 'take-back-remove-account');
  expectNeverSeen(boots, jwt);
});

test('switching: the next visit never finds the previous account\'s token, and starts as the new one', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound, ['bob', 'alice']);
  await visitAndClose(extension, 'Signed in as alice');
  const jwt = await jwtOf(setup, 'alice');
  await ask(setup.extensionPage, 'switchAccount', { accountId: setup.accountIds.bob! });
  const { boots } = await nextVisit(extension, 'Signed in as bob', 'take-back-switch');
  expectNeverSeen(boots, jwt);
  // alice's token is still valid (a switch does not log out): that is exactly why it must not be seen.
});

test('logging out: the next visit finds no old token', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  await visitAndClose(extension, 'Signed in as alice');
  const jwt = await jwtOf(setup, 'alice');
  await ask(setup.extensionPage, 'logout', { accountId: setup.accountIds.alice! });
  const { boots } = await nextVisit(extension, 'Select a connection', 'take-back-logout');
  expectNeverSeen(boots, jwt);
});

test('a refresh meanwhile: the next visit never finds the retired token, and starts with the new one', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  await visitAndClose(extension, 'Signed in as alice');
  const retired = await jwtOf(setup, 'alice');
  await ask(setup.extensionPage, 'refreshNow', { accountId: setup.accountIds.alice! });
  const current = await jwtOf(setup, 'alice');
  expect(current).not.toBe(retired);
  const { page, boots } = await nextVisit(extension, 'Signed in as alice', 'take-back-refresh');
  expectNeverSeen(boots, retired);
  expect(boots.at(-1)?.environments).toContain(current);
  // And the visit after that starts signed in at once, with no purge and no reload.
  await page.close();
  const again = await extension.context.newPage();
  await again.goto(`${sites().bound}/console.html`);
  await expect(again.getByRole('status')).toHaveText('Signed in as alice');
  await expect.poll(() => seenAtBoot(again).then((seen) => seen.length)).toBe(1);
  expect((await seenAtBoot(again))[0]?.environments).toContain(current);
});

test('window.kuzzle.jwt that the extension set live is taken back on forget and on unbind', async ({ extension, kuzzle }) => {
  const setup = await setUpBoundServer(extension, kuzzle.url, sites().bound);
  const page = await extension.context.newPage();
  await page.goto(`${sites().bound}/live-sdk.html`);
  const liveJwt = () => page.evaluate(() => (window as unknown as { kuzzle: { jwt: string | null } }).kuzzle.jwt);
  await expect.poll(liveJwt).toBe(await jwtOf(setup, 'alice'));
  // A refresh: the extension swaps the live token itself (the page does not listen).
  await ask(setup.extensionPage, 'refreshNow', { accountId: setup.accountIds.alice! });
  const refreshed = await jwtOf(setup, 'alice');
  await expect.poll(liveJwt).toBe(refreshed);
  await ask(setup.extensionPage, 'forget', { accountId: setup.accountIds.alice! });
  await expect.poll(liveJwt).toBeNull();

  // Logged in again, given live again by a refresh, then the site is unbound: taken back too.
  await ask(setup.extensionPage, 'login', { serverId: setup.server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
  await page.reload();
  const again = (await storedSessions(setup.extensionPage))[0]!.jwt;
  await expect.poll(liveJwt).toBe(again);
  await ask(setup.extensionPage, 'unbindOrigin', { serverId: setup.server.id, origin: sites().bound });
  await expect.poll(liveJwt).toBeNull();
});
