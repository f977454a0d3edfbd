import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';

async function addServer(popup: Page, url: string): Promise<void> {
  await popup.getByLabel('Server URL').fill(url);
  await popup.getByRole('button', { name: 'Add server' }).click();
}

test('first run: add the dev server, fail then succeed to log in, then log out', async ({ popup, kuzzle }) => {
  await expect(popup.getByRole('heading', { name: 'Add your first Kuzzle server' })).toBeVisible();
  await snap(popup, 'popup-first-run');

  await addServer(popup, kuzzle.url);
  await expect(popup.getByRole('heading', { name: /^Sign in to / })).toBeVisible();
  await expect(popup.getByLabel('Strategy')).toHaveValue('local');
  await expect(popup.getByLabel('Strategy').locator('option')).toHaveText(['local', 'oauth-dev']);
  await snap(popup, 'popup-sign-in');

  // Wrong password: Kuzzle's refusal, in words, with its error id.
  await popup.getByLabel('Username').fill('alice');
  await popup.getByLabel('Password').fill('wrong-password');
  await popup.getByRole('button', { name: 'Log in' }).click();
  const alert = popup.getByRole('alert');
  await expect(alert).toContainText(/wrong username or password/i);
  await expect(alert).toContainText('plugin.strategy.missing_user');
  await snap(popup, 'popup-login-refused');

  // A lifetime that cannot be read is caught as it is typed, and nothing is sent.
  await popup.getByLabel('Password').fill('alice-password');
  await popup.getByLabel('Expires in').fill('ten hours');
  await expect(popup.getByLabel('Expires in')).toHaveAttribute('aria-invalid', 'true');
  await expect(popup.getByText('"ten hours" is not a duration', { exact: false })).toBeVisible();
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByLabel('Expires in')).toBeFocused();
  await snap(popup, 'popup-bad-expires-in');

  await popup.getByLabel('Expires in').fill('10h');
  await expect(popup.getByText('The token will last 10 hours.')).toBeVisible();
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();
  await expect(popup.getByText(/^expires in (9 h 59 min|10 h)$/)).toBeVisible();
  await expect(popup.getByRole('alert')).toBeEmpty();
  await expect(popup.getByRole('button', { name: /alice/ })).toHaveAttribute('aria-current', 'true');
  await snap(popup, 'popup-signed-in');

  await popup.getByRole('button', { name: 'Refresh now' }).click();
  await expect(popup.getByRole('alert')).toBeEmpty();
  await expect(popup.getByText(/^expires in (9 h 59 min|10 h)$/)).toBeVisible();

  await popup.getByRole('button', { name: 'Log out' }).click();
  await expect(popup.getByRole('heading', { name: /^Sign in to / })).toBeVisible();
  await expect(popup.getByRole('button', { name: /alice/ })).toContainText('Signed out');
  await snap(popup, 'popup-logged-out');
});

test('adding a server that does not answer, or that is not Kuzzle, says so and saves nothing', async ({ popup, kuzzle }) => {
  // A loopback port nothing listens on: permission is granted by the manifest, the probe fails.
  await addServer(popup, 'http://127.0.0.1:9');
  await expect(popup.getByRole('alert')).toContainText('The server is unreachable');
  await expect(popup.getByRole('alert')).toContainText('Check the address and the port');
  await snap(popup, 'popup-server-unreachable');

  // The dev server's OAuth page is HTML, not Kuzzle's API.
  await addServer(popup, `${kuzzle.url}/_dev/oauth/authorize`);
  await expect(popup.getByRole('alert')).toContainText(/not a Kuzzle server|unreachable/);
  await expect(popup.getByRole('heading', { name: 'Add your first Kuzzle server' })).toBeVisible();

  // A bad address never leaves the form.
  await addServer(popup, 'ftp://example.com');
  await expect(popup.getByLabel('Server URL')).toHaveAttribute('aria-invalid', 'true');
  await expect(popup.getByLabel('Server URL')).toBeFocused();
});
