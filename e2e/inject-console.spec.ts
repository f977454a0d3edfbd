import { test, expect, snap } from './fixtures';
import { launchWithExtension, stopServiceWorker, untilExtensionAnswers } from './support/browser';
import { ask, boots, setUpBoundServer, useTestSites } from './support/pages';

const testSites = useTestSites(test);

test('a console-like page starts signed in, survives a refresh, follows a switch and signs out on logout', async ({ extension, kuzzle }) => {
  const sites = testSites();
  const { extensionPage, accountIds } = await setUpBoundServer(extension, kuzzle.url, sites.bound, ['bob', 'alice']);

  // Starts signed in (alice, the last one logged in), with at most one reload.
  const page = await extension.context.newPage();
  await page.goto(`${sites.bound}/console.html`);
  const status = page.getByRole('status');
  await expect(status).toHaveText('Signed in as alice');
  expect(await boots(page)).toBeLessThanOrEqual(2);
  await expect(page.locator('#heartbeat')).toContainText('ok as alice');
  await snap(page, 'console-signed-in');

  // A refresh while it is open: the live token is swapped, and the page keeps working after the old
  // token's grace period (1 s) is over.
  const before = await page.evaluate(() => (window as unknown as { kuzzle: { jwt: string } }).kuzzle.jwt);
  const bootsBeforeRefresh = await boots(page);
  await ask(extensionPage, 'refreshNow', { accountId: accountIds.alice! });
  await expect.poll(() => page.evaluate(() => (window as unknown as { kuzzle: { jwt: string } }).kuzzle.jwt)).not.toBe(before);
  await page.waitForTimeout(2_500);
  const heartbeat = await page.evaluate(() => (window as unknown as { consoleHeartbeat: { failures: number; last: string } }).consoleHeartbeat);
  expect(heartbeat).toMatchObject({ failures: 0, last: 'ok' });
  await expect(status).toHaveText('Signed in as alice');
  expect(await boots(page)).toBe(bootsBeforeRefresh);

  // A switch changes who it is.
  await ask(extensionPage, 'switchAccount', { accountId: accountIds.bob! });
  await expect(status).toHaveText('Signed in as bob');
  await expect(page.locator('#heartbeat')).toContainText('ok as bob');

  // A logout signs it out, cleanly: the login screen, and no reload loop.
  await ask(extensionPage, 'logout', { accountId: accountIds.bob! });
  await expect(status).toHaveText('Login screen');
  const bootsAfterLogout = await boots(page);
  await page.waitForTimeout(1_500);
  expect(await boots(page)).toBe(bootsAfterLogout);
  await snap(page, 'console-signed-out');

  // A later load stays signed out, without reloading.
  await page.reload();
  await expect(status).toHaveText('Login screen');
  expect(await boots(page)).toBe(bootsAfterLogout + 1);
});

test('a console tab opened before the login is signed in when the user logs in', async ({ extension, kuzzle }) => {
  const sites = testSites();
  const { extensionPage, server } = await setUpBoundServer(extension, kuzzle.url, sites.bound, []);
  const page = await extension.context.newPage();
  await page.goto(`${sites.bound}/console.html`);
  await expect(page.getByRole('status')).toHaveText('Select a connection');

  await ask(extensionPage, 'login', { serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
  await expect(page.getByRole('status')).toHaveText('Signed in as alice');
});

test('the content script stays registered when the worker stops and when the browser restarts', async ({ extension, kuzzle }) => {
  const sites = testSites();
  const { extensionPage } = await setUpBoundServer(extension, kuzzle.url, sites.bound);
  await stopServiceWorker(extension.context, extension.extensionId, extensionPage);
  const afterStop = await extension.context.newPage();
  await afterStop.goto(`${sites.bound}/console.html`);
  await expect(afterStop.getByRole('status')).toHaveText('Signed in as alice');
  // Leave nothing in the page's storage: after the restart, only the content script can sign it in.
  await afterStop.evaluate(() => localStorage.clear());

  await extension.close();
  const restarted = await launchWithExtension(extension.profileDir);
  try {
    await untilExtensionAnswers(restarted);
    const page = await restarted.context.newPage();
    await page.goto(`${sites.bound}/console.html`);
    await expect(page.getByRole('status')).toHaveText('Signed in as alice');
    expect(await boots(page)).toBeLessThanOrEqual(2);
  } finally {
    await restarted.close();
  }
});
