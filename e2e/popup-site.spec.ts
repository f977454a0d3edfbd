import { test, expect, snap } from './fixtures';

test('the current tab\'s site: "Use on this site", then "Stop using on this site"', async ({ extension, popup, kuzzle }) => {
  await popup.getByLabel('Server URL').fill(kuzzle.url);
  await popup.getByRole('button', { name: 'Add server' }).click();
  await expect(popup.getByLabel('Strategy').locator('option').first()).toHaveText('local');

  // The popup reads the active tab of its window: make a web page the active tab, then reopen the popup's view.
  const site = await extension.context.newPage();
  await site.goto(`${kuzzle.url}/_healthcheck`);
  const origin = new URL(kuzzle.url).origin;
  await site.bringToFront();
  await popup.reload();

  await expect(popup.getByRole('heading', { name: 'This site' })).toBeVisible();
  await expect(popup.getByText(origin, { exact: true })).toBeVisible();
  await popup.getByRole('button', { name: 'Use on this site' }).click();
  await expect(popup.getByText(`${origin} uses the active account of`)).toBeVisible();
  await snap(popup, 'popup-site-bound');

  await popup.getByRole('button', { name: 'Stop using on this site' }).click();
  await expect(popup.getByRole('button', { name: 'Use on this site' })).toBeVisible();
  await expect(popup.getByRole('alert')).toBeEmpty();
});
