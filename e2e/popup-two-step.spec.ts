import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';

async function addServerAndPick(popup: Page, url: string, strategy: string): Promise<void> {
  await popup.getByLabel('Server URL').fill(url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await expect(popup.getByLabel('Strategy').locator('option')).toHaveText(['local', 'oauth-dev']);
  await popup.getByLabel('Strategy').selectOption(strategy);
}

test('two-step login: "Continue in the tab" opens the provider, and the worker finishes the login by itself', async ({ extension, popup, kuzzle }) => {
  await addServerAndPick(popup, kuzzle.url, 'oauth-dev');
  await expect(popup.getByLabel('Username')).toHaveCount(0);
  await snap(popup, 'popup-two-step-form');

  const opened = extension.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Continue in the tab' }).click();
  const provider = await opened;
  await provider.getByLabel('Account').selectOption('bob');
  await provider.getByRole('button', { name: 'Authorize' }).click();

  await popup.bringToFront();
  await expect(popup.getByRole('heading', { name: 'bob' })).toBeVisible();
  await expect(popup.getByText(/^expires in /)).toBeVisible();
  await expect(popup.getByRole('alert')).toBeEmpty();
  await snap(popup, 'popup-two-step-signed-in');
});

test('two-step login: "Paste token" finishes the login with a token obtained elsewhere', async ({ popup, kuzzle }) => {
  const response = await fetch(`${kuzzle.url}/_login/local`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
  });
  const { result } = (await response.json()) as { result: { jwt: string } };
  expect(result.jwt).toMatch(/^kauth-/);

  await addServerAndPick(popup, kuzzle.url, 'oauth-dev');
  await popup.getByText('Paste token').click();
  // Something that is not a token is refused before it is sent.
  await popup.getByLabel('Token or Kuzzle response').fill('{"result": ');
  await popup.getByRole('button', { name: 'Use token' }).click();
  await expect(popup.getByLabel('Token or Kuzzle response')).toHaveAttribute('aria-invalid', 'true');
  await snap(popup, 'popup-paste-token');

  await popup.getByLabel('Token or Kuzzle response').fill(result.jwt);
  await popup.getByRole('button', { name: 'Use token' }).click();
  await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();
  await expect(popup.getByRole('alert')).toBeEmpty();
  await snap(popup, 'popup-paste-token-signed-in');
});

test('two-step login started with "Log in" waits for its token, and can be cancelled', async ({ popup, kuzzle }) => {
  await addServerAndPick(popup, kuzzle.url, 'oauth-dev');
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('heading', { name: 'Waiting for the "oauth-dev" login' })).toBeVisible();
  await expect(popup.getByRole('button', { name: 'Continue in the tab' })).toBeVisible();
  await snap(popup, 'popup-two-step-pending');
  await popup.getByRole('button', { name: 'Cancel' }).click();
  await expect(popup.getByRole('heading', { name: /^Sign in to / })).toBeVisible();
  await expect(popup.getByRole('alert')).toBeEmpty();
});
