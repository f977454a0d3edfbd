import type { Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { launchWithExtension, openPopup } from './support/browser';
import { playwrightPopup } from './support/popup-page';

async function addServer(popup: Page, url: string): Promise<void> {
  await playwrightPopup(popup).addServer(url);
  await expect(popup.getByLabel('Strategy').locator('option').first()).toHaveText('local');
}

async function accountsShown(popup: Page): Promise<void> {
  await expect(popup.getByRole('button', { name: /alice/ })).toBeVisible();
  await expect(popup.getByRole('button', { name: /bob/ })).toBeVisible();
}

test('two accounts on one server: the active one is marked, one click switches', async ({ popup, kuzzle }) => {
  await addServer(popup, kuzzle.url);
  await playwrightPopup(popup).logIn('alice');
  await popup.getByText('Sign in with another account').click();
  await playwrightPopup(popup).logIn('bob');
  await accountsShown(popup);
  await expect(popup.getByRole('button', { name: /bob/ })).toHaveAttribute('aria-current', 'true');
  await expect(popup.getByRole('button', { name: /alice/ })).not.toHaveAttribute('aria-current', 'true');
  await snap(popup, 'popup-two-accounts');

  await popup.getByRole('button', { name: /alice/ }).click();
  await expect(popup.getByRole('button', { name: /alice/ })).toHaveAttribute('aria-current', 'true');
  await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();
  await expect(popup.getByRole('alert')).toBeEmpty();
  await snap(popup, 'popup-switched');

  // Keyboard alone: Tab reaches the other account, Enter switches to it.
  const bob = popup.getByRole('button', { name: /bob/ });
  await bob.focus();
  await popup.keyboard.press('Enter');
  await expect(bob).toHaveAttribute('aria-current', 'true');

  await popup.getByRole('button', { name: 'Forget' }).click();
  await expect(popup.getByText('Forgetting keeps the token valid on the server until it expires.')).toBeVisible();
  await popup.getByRole('button', { name: 'Forget anyway' }).click();
  await expect(popup.getByRole('button', { name: /bob/ })).toContainText('Signed out');
});

test('dark mode and narrow and wide popups: every screen stays readable', async ({ kuzzle }) => {
  const dark = await launchWithExtension(undefined, { colorScheme: 'dark' });
  try {
    const popup = await openPopup(dark, 360);
    await expect(popup.getByRole('heading', { name: 'Add your first Kuzzle server' })).toBeVisible();
    const background = await popup.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(22, 25, 29)');
    await snap(popup, 'dark-popup-first-run');

    await addServer(popup, kuzzle.url);
    await popup.getByLabel('Username').fill('alice');
    await popup.getByLabel('Password').fill('nope');
    await popup.getByRole('button', { name: 'Log in' }).click();
    await expect(popup.getByRole('alert')).toContainText('plugin.strategy.missing_user');
    await snap(popup, 'dark-popup-login-refused');

    await playwrightPopup(popup).logIn('alice');
    await popup.getByText('Sign in with another account').click();
    await playwrightPopup(popup).logIn('bob');
    await accountsShown(popup);
    await snap(popup, 'dark-popup-signed-in-360');

    await popup.setViewportSize({ width: 800, height: 600 });
    await snap(popup, 'dark-popup-signed-in-800');
    // Nothing overflows sideways at either width.
    expect(await popup.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  } finally {
    await dark.dispose();
  }
});
