import type { BrowserContext, Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { extensionWorker, launchWithExtension, openPopup, stopServiceWorker, type ExtensionBrowser } from './support/browser';
import { startKuzzle } from './support/kuzzle';
import { playwrightPopup } from './support/popup-page';

// The session lifecycle in real Chromium against the dev server: the worker owns the token,
// the popup only asks. Driven through the popup's accessible names (a contract with its author).

type Reply<T> = { ok: true; value: T } | { ok: false; error: { kind: string; message: string } };

/** Sends a request of the message protocol from an extension page, as the popup does. */
async function ask<T = unknown>(page: Page, message: Record<string, unknown>): Promise<Reply<T>> {
  return page.evaluate((body) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    return chrome.runtime.sendMessage(body);
  }, message) as Promise<Reply<T>>;
}

/** The token the worker keeps for the only account (extension pages never see it; the worker's IndexedDB does). */
async function storedJwt(context: BrowserContext): Promise<string | null> {
  const worker = await extensionWorker(context);
  return worker.evaluate(
    () =>
      new Promise<string | null>((resolve, reject) => {
        const open = indexedDB.open('kuzzle-session-manager');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('records').objectStore('records').getAll();
          read.onsuccess = () => {
            const session = (read.result as Array<{ jwt?: unknown; state?: unknown }>).find((record) => typeof record.jwt === 'string');
            resolve(session ? (session.jwt as string) : null);
          };
        };
      }),
  );
}

async function checkToken(kuzzleUrl: string, token: string): Promise<boolean> {
  const response = await fetch(`${kuzzleUrl}/_checkToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
  return ((await response.json()) as { result: { valid: boolean } }).result.valid;
}

/** A request made in the user's name with this token (what a bound console does). */
async function callAsUser(kuzzleUrl: string, token: string): Promise<number> {
  return (await fetch(`${kuzzleUrl}/_me`, { headers: { Authorization: `Bearer ${token}` } })).status;
}

async function badgeText(popup: Page, tabUrlPrefix: string): Promise<string> {
  return popup.evaluate(async (prefix) => {
    const { chrome } = globalThis as unknown as {
      chrome: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> }; action: { getBadgeText(d: { tabId: number }): Promise<string> } };
    };
    const tab = (await chrome.tabs.query({})).find((candidate) => candidate.url?.startsWith(prefix));
    return tab?.id === undefined ? 'no tab' : chrome.action.getBadgeText({ tabId: tab.id });
  }, tabUrlPrefix);
}

test('log in through the popup; the session survives a worker stop and a browser restart, and is checked', async ({ extension, popup, kuzzle }) => {
  await playwrightPopup(popup).addServerAndLogIn(kuzzle.url);
  await snap(popup, 'logged-in');
  const jwt = await storedJwt(extension.context);
  expect(jwt).toMatch(/^kauth-/);
  expect(await checkToken(kuzzle.url, jwt!)).toBe(true);

  await stopServiceWorker(extension.context, extension.extensionId, popup);
  await popup.reload();
  await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Refresh now' })).toBeVisible();

  await extension.close();
  const again: ExtensionBrowser = await launchWithExtension(extension.profileDir);
  try {
    const reopened = await openPopup(again);
    await expect(reopened.getByRole('heading', { name: 'alice' })).toBeVisible();
    // Checked at start: the server still accepts it, so it stays active and usable.
    await expect(reopened.getByRole('button', { name: 'Refresh now' })).toBeVisible();
    const state = await ask<{ servers: Array<{ accounts: Array<{ session: { state: string } | null }> }> }>(reopened, { type: 'getState' });
    expect(state.ok && state.value.servers[0]?.accounts[0]?.session?.state).toBe('active');
    expect(await storedJwt(again.context)).toBe(jwt);
  } finally {
    await again.close();
  }
});

test('a session the server revoked while the browser was closed is shown as such at the next start, not deleted', async ({ extension, popup, kuzzle }) => {
  await playwrightPopup(popup).addServerAndLogIn(kuzzle.url);
  const jwt = (await storedJwt(extension.context))!;
  await extension.close();
  // Revoke it behind the extension's back.
  await fetch(`${kuzzle.url}/_logout`, { method: 'POST', headers: { Authorization: `Bearer ${jwt}` } });
  const again = await launchWithExtension(extension.profileDir);
  try {
    const reopened = await openPopup(again);
    await expect(reopened.getByRole('heading', { name: 'alice' })).toBeVisible();
    await expect(reopened.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
    const state = await ask<{ servers: Array<{ accounts: Array<{ session: { state: string } | null }> }> }>(reopened, { type: 'getState' });
    expect(state.ok && state.value.servers[0]?.accounts[0]?.session?.state).toBe('revoked');
    await snap(reopened, 'revoked-at-start');
  } finally {
    await again.close();
  }
});

test('log out: the dev server then says the old token is invalid', async ({ extension, popup, kuzzle }) => {
  await playwrightPopup(popup).addServerAndLogIn(kuzzle.url);
  const jwt = (await storedJwt(extension.context))!;
  await popup.getByRole('button', { name: 'Log out' }).click();
  await expect(popup.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
  await expect.poll(() => storedJwt(extension.context)).toBeNull();
  expect(await checkToken(kuzzle.url, jwt)).toBe(false);
});

test('a wrong password is refused in an alert, and nothing is kept', async ({ extension, popup, kuzzle }) => {
  await popup.getByLabel('Server URL').fill(kuzzle.url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('not-her-password');
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('alert')).toContainText(/wrong username or password/i);
  expect(await storedJwt(extension.context)).toBeNull();
});

test.describe('with tokens of 8 s', () => {
  test('the session is refreshed with no gap: the token changes and the current one always works', async ({ extension, popup }) => {
    test.setTimeout(60_000);
    const shortLived = await startKuzzle(['--expires-in', '8s']);
    try {
      await playwrightPopup(popup).addServerAndLogIn(shortLived.url);
      const seen = new Set<string>();
      const deadline = Date.now() + 22_000;
      while (Date.now() < deadline) {
        const jwt = await storedJwt(extension.context);
        expect(jwt).not.toBeNull();
        seen.add(jwt!);
        // A request made with the token the extension currently holds never fails.
        expect(await callAsUser(shortLived.url, jwt!)).toBe(200);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
      // 22 s of 8 s tokens refreshed 4 s before expiry: at least 3 rotations.
      expect(seen.size).toBeGreaterThanOrEqual(4);
      await expect(popup.getByRole('button', { name: 'Refresh now' })).toBeVisible();
    } finally {
      await shortLived.stop();
    }
  });
});

test('the worker refuses unknown and malformed requests, and gives an extension page no page session', async ({ popup }) => {
  expect(await ask(popup, { type: 'getPageSession' })).toEqual({ ok: true, value: null });
  expect(await ask(popup, { type: 'nonsense' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  expect(await ask(popup, { type: 'login', serverId: 's', strategy: 'local', credentials: 'x' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
});

test('the badge of a server\'s tab shows its active account, follows a switch, and marks a signed-out account', async ({ extension, popup, kuzzle }) => {
  const server = await ask<{ id: string }>(popup, { type: 'addServer', url: kuzzle.url });
  if (!server.ok) throw new Error(server.error.message);
  const serverId = server.value.id;
  const login = (username: string) => ask<{ outcome: 'active'; accountId: string }>(popup, { type: 'login', serverId, strategy: 'local', credentials: { username, password: `${username}-password` } });
  const alice = await login('alice');
  const bob = await login('bob');
  if (!alice.ok || !bob.ok) throw new Error('both logins should succeed');

  const serverTab = await extension.context.newPage();
  await serverTab.goto(`${kuzzle.url}/_healthcheck`);
  await serverTab.bringToFront();
  await expect.poll(() => badgeText(popup, kuzzle.url)).toBe('BO');

  await ask(popup, { type: 'switchAccount', accountId: alice.value.accountId });
  await expect.poll(() => badgeText(popup, kuzzle.url)).toBe('AL');

  await ask(popup, { type: 'forget', accountId: alice.value.accountId });
  await expect.poll(() => badgeText(popup, kuzzle.url)).toBe('!');

  await popup.reload();
  await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
  await snap(popup, 'alice-signed-out-bob-kept');
});
