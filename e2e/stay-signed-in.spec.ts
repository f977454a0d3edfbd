import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { launchWithExtension, openOptions, openPopup } from './support/browser';
import { storedRecords, storedSessions } from './support/hardening';
import { startKuzzle } from './support/kuzzle';
import { ask, useTestSites } from './support/pages';

const testSites = useTestSites(test);

// "Stay signed in" in real Chromium against the dev server: a session that expires while the
// browser is closed comes back at the next start through the account's API key, with nothing
// typed; logging out deletes the key on the server.

interface StoredKey {
  keyId: string;
  token: string;
  description: string;
}

async function storedKey(extensionPage: Page): Promise<StoredKey | undefined> {
  const records = await storedRecords(extensionPage);
  return records.find((record) => record.key.startsWith('apikey:'))?.value as StoredKey | undefined;
}

async function checkToken(kuzzleUrl: string, token: string): Promise<boolean> {
  const response = await fetch(`${kuzzleUrl}/_checkToken`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token }) });
  return ((await response.json()) as { result: { valid: boolean } }).result.valid;
}

/** What alice finds among her API keys on the server, signing in there herself. */
async function aliceKeysOnServer(kuzzleUrl: string): Promise<string[]> {
  const login = await fetch(`${kuzzleUrl}/_login/local`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'alice', password: 'alice-password' }) });
  const jwt = ((await login.json()) as { result: { jwt: string } }).result.jwt;
  const search = await fetch(`${kuzzleUrl}/api-keys/_search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${jwt}` },
    body: JSON.stringify({ match: { description: 'Kuzzle Session Manager' } }),
  });
  const hits = ((await search.json()) as { result: { hits: Array<{ _source: { description: string } }> } }).result.hits;
  return hits.map((hit) => hit._source.description);
}

test('stay signed in: the session expires while the browser is closed, and the next start signs in again with nothing typed; logout deletes the key', async ({ extension, popup, kuzzle }) => {
  test.setTimeout(90_000);
  await popup.getByLabel('Server URL').fill(kuzzle.url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('alice-password');
  await popup.getByLabel('Expires in').fill('10s');
  await popup.getByRole('checkbox', { name: 'Stay signed in' }).check();
  await popup.getByRole('combobox', { name: 'Stay signed in for' }).selectOption({ label: '7 days' });
  await snap(popup, 'stay-signed-in-form');
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(popup.getByText(/^signed in until /)).toBeVisible();
  await snap(popup, 'signed-in-until');

  const key = await storedKey(popup);
  expect(key?.token).toMatch(/^kapikey-/);
  expect(key?.description).toMatch(/^Kuzzle Session Manager \(Chrome\), \d{4}-\d{2}-\d{2}$/);
  expect(await aliceKeysOnServer(kuzzle.url)).toEqual([key!.description]);
  const sites = testSites();
  const [serverView] = (await ask(popup, 'getState', {})).servers;
  await ask(popup, 'bindOrigin', { serverId: serverView!.id, origin: sites.bound });
  // No page of the extension is handed the key: the state the popup reads carries its description only.
  const [before] = await storedSessions(popup);
  await extension.close();

  // The session dies on the server while the browser is closed.
  await expect.poll(() => checkToken(kuzzle.url, before!.jwt), { timeout: 30_000 }).toBe(false);

  const again = await launchWithExtension(extension.profileDir);
  try {
    const reopened = await openPopup(again);
    await expect(reopened.getByRole('heading', { name: 'alice' })).toBeVisible();
    await expect(reopened.getByRole('button', { name: 'Refresh now' })).toBeVisible();
    const [after] = await storedSessions(reopened);
    expect(after).toMatchObject({ state: 'active' });
    // Not the old token refreshed (it was dead): a new one, and the server accepts it.
    expect(after!.jwt).not.toBe(before!.jwt);
    expect(await checkToken(kuzzle.url, after!.jwt)).toBe(true);
    await snap(reopened, 'signed-in-again-after-restart');

    // The bound page follows: it gets the new session token, never the key.
    const console = await again.context.newPage();
    await console.goto(`${sites.bound}/console.html`);
    await expect(console.getByRole('status')).toHaveText('Signed in as alice');
    const planted = await console.evaluate(() => JSON.stringify({ ...localStorage }));
    expect(planted).toContain(after!.jwt);
    expect(planted).not.toContain('kapikey-');
    await console.close();

    // The options list the key on the server, marked as the one this browser holds.
    const options = await openOptions(again);
    await options.getByRole('button', { name: 'Show the keys on the server' }).click();
    await expect(options.getByText('(held by this browser)')).toBeVisible();
    await snap(options, 'options-api-keys');
    await options.close();

    await reopened.getByRole('button', { name: 'Log out' }).click();
    await expect(reopened.getByRole('button', { name: 'Refresh now' })).toHaveCount(0);
    await expect.poll(() => storedKey(reopened)).toBeUndefined();
    expect(await checkToken(kuzzle.url, after!.jwt)).toBe(false);
    expect(await checkToken(kuzzle.url, key!.token)).toBe(false);
    expect(await aliceKeysOnServer(kuzzle.url)).toEqual([]);
  } finally {
    await again.close();
  }
});

test('Forget says plainly that the key stays valid on the server, and how to delete it', async ({ popup, kuzzle }) => {
  await popup.getByLabel('Server URL').fill(kuzzle.url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await popup.getByLabel('Username').fill('bob');
  await popup.getByLabel('Password').fill('bob-password');
  await popup.getByRole('checkbox', { name: 'Stay signed in' }).check();
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('button', { name: 'Forget' })).toBeVisible();
  const key = await storedKey(popup);
  await popup.getByRole('button', { name: 'Forget' }).click();
  // A live token: Forget first says it stays valid on the server and offers Log out (issue 12).
  await popup.getByRole('button', { name: 'Forget anyway' }).click();
  await expect(popup.getByText(/stays valid on the server until .* or until it is deleted/)).toBeVisible();
  await expect(popup.getByText(/use Revoke in the extension's options/)).toBeVisible();
  await snap(popup, 'forget-key-still-valid');
  expect(await storedKey(popup)).toBeUndefined();
  expect(await checkToken(kuzzle.url, key!.token)).toBe(true);
});

test('a server that caps API keys below the lifetime asked for: a plain message, and the account signed in as a plain session', async ({ popup }) => {
  const capped = await startKuzzle(['--api-key-max-ttl', '1d']);
  try {
    await popup.getByLabel('Server URL').fill(capped.url);
    await popup.getByRole('button', { name: 'Add server' }).click();
    await popup.getByLabel('Username').fill('alice');
    await popup.getByLabel('Password').fill('alice-password');
    await popup.getByRole('checkbox', { name: 'Stay signed in' }).check();
    await popup.getByRole('combobox', { name: 'Stay signed in for' }).selectOption({ label: '30 days' });
    await popup.getByRole('button', { name: 'Log in' }).click();
    await expect(popup.getByText(/not to stay signed in: the server refused to create an API key .*security\.apiKey\.maxTTL/)).toBeVisible();
    await expect(popup.getByRole('button', { name: 'Refresh now' })).toBeVisible();
    await expect(popup.getByText(/^signed in until /)).toHaveCount(0);
    await snap(popup, 'stay-signed-in-refused');
    expect(await storedKey(popup)).toBeUndefined();
  } finally {
    await capped.stop();
  }
});
