import { test, expect, snap } from './fixtures';

// OAuth-like two-step login: the worker opens /_login/oauth-dev in a tab, the user authorizes
// on the provider's page, and the worker finishes by itself when the tab reaches Kuzzle's JSON.

test('two-step login in a tab finishes by itself and closes the tab', async ({ extension, popup, kuzzle }) => {
  await popup.getByLabel('Server URL').fill(kuzzle.url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await popup.getByLabel('Strategy').selectOption('oauth-dev');

  const opened = extension.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Continue in the tab' }).click();
  const tab = await opened;
  await expect(tab.getByLabel('Account')).toBeVisible();
  await tab.getByLabel('Account').selectOption({ index: 0 });
  const chosen = await tab.getByLabel('Account').inputValue();
  await tab.getByRole('button', { name: 'Authorize' }).click();

  await expect.poll(() => tab.isClosed(), { timeout: 15_000 }).toBe(true);
  await expect(popup.getByRole('button', { name: 'Log out' })).toBeVisible();
  await expect(popup.getByText(chosen, { exact: true }).first()).toBeVisible();
  await snap(popup, 'two-step-finished');
});
