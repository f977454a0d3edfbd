import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';
import { stopServiceWorker } from './support/browser';

/** Sends a request of the message protocol from an extension page, as the popup does. */
async function ask<T = unknown>(page: Page, message: Record<string, unknown>): Promise<{ ok: boolean; value?: T; error?: { kind: string; message: string } }> {
  return page.evaluate((body) => {
    const { chrome } = globalThis as unknown as { chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } } };
    return chrome.runtime.sendMessage(body);
  }, message) as never;
}

async function checkToken(kuzzleUrl: string, token: string): Promise<{ valid: boolean }> {
  const response = await fetch(`${kuzzleUrl}/_checkToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
  return ((await response.json()) as { result: { valid: boolean } }).result;
}

test('the worker answers the protocol: add a server, log in, keep the session across a worker stop, log out', async ({ extension, popup, kuzzle }) => {
  const added = await ask<{ id: string }>(popup, { type: 'addServer', url: kuzzle.url });
  expect(added.ok, JSON.stringify(added.error)).toBe(true);
  const serverId = added.value!.id;

  const strategies = await ask<{ strategies: string[] }>(popup, { type: 'getStrategies', serverId });
  expect(strategies.value?.strategies).toContain('local');

  const wrong = await ask(popup, { type: 'login', serverId, strategy: 'local', credentials: { username: 'alice', password: 'nope' } });
  expect(wrong).toMatchObject({ ok: false, error: { kind: 'kuzzle' } });

  const login = await ask<{ outcome: string; accountId: string }>(popup, { type: 'login', serverId, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
  expect(login.value?.outcome).toBe('active');
  const accountId = login.value!.accountId;

  await stopServiceWorker(extension.context, extension.extensionId, popup);
  const state = await ask<{ servers: Array<{ accounts: Array<{ id: string; displayName: string; session: { state: string } | null }> }> }>(popup, { type: 'getState' });
  expect(state.value?.servers[0]?.accounts).toEqual([expect.objectContaining({ id: accountId, displayName: 'alice', session: expect.objectContaining({ state: 'active' }) })]);

  // The token itself never reaches extension pages; read it from the worker's store to check it on the server.
  const worker = extension.context.serviceWorkers().find((candidate) => candidate.url().includes(extension.extensionId))!;
  const jwt = await worker.evaluate(
    (id) =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('kuzzle-session-manager');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const read = open.result.transaction('records').objectStore('records').get(`session:${id}`);
          read.onsuccess = () => resolve((read.result as { jwt: string }).jwt);
        };
      }),
    accountId,
  );
  expect(await checkToken(kuzzle.url, jwt)).toMatchObject({ valid: true });

  const logout = await ask<{ serverNotified: boolean }>(popup, { type: 'logout', accountId });
  expect(logout.value).toMatchObject({ serverNotified: true });
  expect(await checkToken(kuzzle.url, jwt)).toMatchObject({ valid: false });
});

test('the worker refuses unknown and malformed requests, and gives an extension page no page session', async ({ popup }) => {
  // An extension page gets its own null page session, never someone else's.
  expect(await ask(popup, { type: 'getPageSession' })).toEqual({ ok: true, value: null });
  expect(await ask(popup, { type: 'nonsense' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
  expect(await ask(popup, { type: 'login', serverId: 's', strategy: 'local', credentials: 'x' })).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
});
