import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { launchWithExtension, openOptions, openPopup, type ExtensionBrowser } from './support/browser';

async function logInFromPopup(popup: Page, username: string): Promise<void> {
  const another = popup.getByText('Sign in with another account');
  if (await another.isVisible()) await another.click();
  await popup.getByLabel('Username').fill(username);
  await popup.getByLabel('Password').fill(`${username}-password`);
  await popup.getByRole('button', { name: 'Log in' }).click();
  await expect(popup.getByRole('heading', { name: username })).toBeVisible();
}

async function addServerFromOptions(options: Page, url: string, name: string): Promise<void> {
  await options.getByLabel('Server URL').fill(url);
  await options.getByLabel('Name (optional)').fill(name);
  await options.getByLabel('Colour').last().selectOption('green');
  await options.getByRole('button', { name: 'Add server' }).click();
  await expect(options.getByRole('heading', { name: new RegExp(`^${name} `) })).toBeVisible();
}

test('options: add, rename and recolour a server, bind and unbind a site, manage accounts, remove the server', async ({ extension, kuzzle }) => {
  const options = await openOptions(extension);
  await expect(options.getByRole('heading', { name: 'Add your first Kuzzle server' })).toBeVisible();
  await snap(options, 'options-empty');

  await addServerFromOptions(options, kuzzle.url, 'Dev');
  const card = options.getByRole('region', { name: /^Dev / });

  await card.getByLabel('Name', { exact: true }).fill('Dev EU');
  await card.getByLabel('Colour').selectOption('purple');
  await card.getByRole('button', { name: 'Save' }).click();
  await expect(options.getByRole('status')).toHaveText('Saved.');
  const renamed = options.getByRole('region', { name: /^Dev EU / });
  await expect(renamed.getByLabel('Colour')).toHaveValue('purple');

  const site = 'http://127.0.0.1:5999';
  await renamed.getByLabel('Site URL').fill('not a site');
  await renamed.getByRole('button', { name: 'Bind site' }).click();
  await expect(renamed.getByLabel('Site URL')).toHaveAttribute('aria-invalid', 'true');
  await renamed.getByLabel('Site URL').fill(`${site}/#/login`);
  await renamed.getByRole('button', { name: 'Bind site' }).click();
  await expect(renamed.getByRole('button', { name: `Unbind ${site}` })).toBeVisible();

  // Accounts signed in from the popup appear here, live.
  const popup = await openPopup(extension);
  await logInFromPopup(popup, 'alice');
  await logInFromPopup(popup, 'bob');
  await options.bringToFront();
  const alice = renamed.getByRole('listitem', { name: 'alice' });
  const bob = renamed.getByRole('listitem', { name: 'bob' });
  await expect(bob).toHaveAttribute('aria-current', 'true');
  await snap(options, 'options-server-with-accounts');

  await alice.getByRole('button', { name: 'Switch' }).click();
  await expect(alice).toHaveAttribute('aria-current', 'true');
  await bob.getByRole('button', { name: 'Log out' }).click();
  await expect(bob).toContainText('Signed out');
  // Forget says first that the token stays valid on the server, and offers to log out instead.
  await alice.getByRole('button', { name: 'Forget' }).click();
  await expect(alice).toContainText('Forgetting keeps the token valid on the server until it expires.');
  await snap(options, 'options-forget-warning');
  await alice.getByRole('button', { name: 'Forget anyway' }).click();
  await expect(alice).toContainText('Signed out');
  await expect(options.getByRole('status').filter({ hasText: 'Forgotten here' })).toContainText('the token stays valid there until it expires');
  await bob.getByRole('button', { name: 'Remove' }).click();
  await expect(bob).toHaveCount(0);

  // Beside the bound sites: uninstalling cannot clean them.
  await expect(renamed).toContainText('Uninstalling the extension cannot clean these sites');
  await renamed.getByRole('button', { name: `Unbind ${site}` }).click();
  await expect(renamed.getByText('No site uses this server yet.')).toBeVisible();

  await renamed.getByRole('button', { name: 'Remove server' }).click();
  await expect(renamed).toContainText('Remove Dev EU and its 1 account(s)?');
  await renamed.getByRole('button', { name: 'Yes, remove' }).click();
  await expect(options.getByRole('heading', { name: 'Add your first Kuzzle server' })).toBeVisible();
  await expect(options.getByRole('alert')).toBeEmpty();
});

test('options in dark mode', async ({ kuzzle }) => {
  const dark: ExtensionBrowser = await launchWithExtension(undefined, { colorScheme: 'dark' });
  try {
    const options = await openOptions(dark);
    await addServerFromOptions(options, kuzzle.url, 'Dev');
    const card = options.getByRole('region', { name: /^Dev / });
    await card.getByLabel('Site URL').fill('http://127.0.0.1:5999');
    await card.getByRole('button', { name: 'Bind site' }).click();
    await expect(card.getByRole('button', { name: 'Unbind http://127.0.0.1:5999' })).toBeVisible();
    await snap(options, 'dark-options');
  } finally {
    await dark.dispose();
  }
});
