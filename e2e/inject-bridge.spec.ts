import { test, expect, snap } from './fixtures';
import { ask, boots, setUpBoundServer, useTestSites } from './support/pages';

const testSites = useTestSites(test);

test('a Kuzzle web app on a bound origin gets its session through the bridge and follows changes (kuzzle-sdk)', async ({ extension, kuzzle }) => {
  const sites = testSites();
  const { extensionPage, accountIds } = await setUpBoundServer(extension, kuzzle.url, sites.bound, ['bob', 'alice']);
  const page = await extension.context.newPage();
  await page.goto(`${sites.bound}/bridge-app.html`);
  const status = page.getByRole('status');
  await expect(status).toHaveText('Signed in as alice (through the bridge)');
  await snap(page, 'bridge-signed-in');

  await ask(extensionPage, 'switchAccount', { accountId: accountIds.bob! });
  await expect(status).toHaveText('Signed in as bob (through the bridge)');

  await ask(extensionPage, 'logout', { accountId: accountIds.bob! });
  await expect(status).toHaveText('Signed out');
  // The page said it is not a console: it is never reloaded.
  expect(await boots(page)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as { bridgeLog: { reason: string }[] }).bridgeLog.map((e) => e.reason))).toEqual([
    'request',
    'switch',
    'logout',
  ]);
});

test('the bridge gives an unbound origin nothing', async ({ extension, kuzzle }) => {
  const sites = testSites();
  await setUpBoundServer(extension, kuzzle.url, sites.bound);
  const page = await extension.context.newPage();
  await page.goto(`${sites.unbound}/bridge-app.html`);
  await page.waitForTimeout(1_500);
  await expect(page.getByRole('status')).toHaveText('Waiting for the extension…');
});
