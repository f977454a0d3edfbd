import { test, expect, snap } from './fixtures';
import { CONSOLE_ENVIRONMENTS, textOf, chooseImport } from './support/transfer';
import { useAdminConsole } from './support/admin-console';
import { openOptions } from './support/browser';
import { storedRecords } from './support/hardening';
import { ask, setUpBoundServer } from './support/pages';

// The import specs that need the real Kuzzle Admin Console; the others are in transfer.spec.ts.
const adminConsole = useAdminConsole(test, 'e2e/transfer-console.spec.ts');

test('a connections.json made by the real console\'s "Export all" is previewed, then imported in one step', async ({ extension }) => {
  // The console user's own connections, then the console's own export of them.
  const consolePage = await extension.context.newPage();
  await consolePage.goto(`${adminConsole().origin}/`);
  await consolePage.evaluate((environments) => localStorage.setItem('environments', JSON.stringify(environments)), CONSOLE_ENVIRONMENTS);
  await consolePage.goto(`${adminConsole().origin}/#/select-connection`);
  await consolePage.locator('[data-cy="EnvironmentSwitch"]').first().click();
  const [download] = await Promise.all([consolePage.waitForEvent('download'), consolePage.getByText('Export all').click()]);
  const exported = await textOf(download);
  expect(download.suggestedFilename()).toBe('connections.json');
  expect(exported).not.toContain('kauth-a-console-token');

  const options = await openOptions(extension);
  await ask(options, 'addServer', { url: 'https://kuzzle.example.com:7443', name: 'Production' });
  await options.reload();
  await chooseImport(options, 'connections.json', exported);
  const added = options.getByRole('list', { name: 'Servers to be added' });
  await expect(added).toContainText('staging');
  await expect(added).toContainText('https://staging.kuzzle.example.com');
  await expect(options.getByRole('list', { name: 'Skipped entries' })).toContainText('already in the list as "Production"');
  await snap(options, 'import-preview');
  // Nothing is saved before the person confirms.
  expect((await ask(options, 'getState', {})).servers.map((server) => server.name)).toEqual(['Production']);

  await options.getByRole('button', { name: 'Add 1 server' }).click();
  await expect(options.getByText('Import done: 1 added, 1 skipped.')).toBeVisible();
  const servers = (await ask(options, 'getState', {})).servers;
  expect(servers.map((server) => [server.name, server.url, server.color])).toEqual(
    expect.arrayContaining([
      ['Production', 'https://kuzzle.example.com:7443', 'blue'],
      ['staging', 'https://staging.kuzzle.example.com', 'teal'],
    ]),
  );
});

test('on a bound console, the popup offers the connections the extension does not know, and never reads their tokens', async ({ extension, popup, kuzzle }) => {
  const site = adminConsole().origin;
  await setUpBoundServer(extension, kuzzle.url, site, ['alice']);
  const consolePage = await extension.context.newPage();
  // The person's own connections, in the console's storage before the console starts (it keeps
  // them in memory and writes them all back, as it does a person's).
  await consolePage.addInitScript((own) => {
    if (location.pathname !== '/') return;
    const environments = JSON.parse(localStorage.getItem('environments') ?? '{}');
    localStorage.setItem('environments', JSON.stringify({ ...environments, ...own }));
  }, CONSOLE_ENVIRONMENTS);
  await consolePage.goto(`${site}/`);
  await expect(consolePage).toHaveURL(/#\/data/);
  await consolePage.bringToFront();
  await popup.reload();
  const offer = popup.getByRole('button', { name: 'Import 2 connections from this console' });
  await expect(offer).toBeVisible();
  await snap(popup, 'popup-console-offer');
  await offer.click();
  await expect(popup.getByText('Import done: 2 added, 0 skipped.')).toBeVisible();
  const servers = (await ask(popup, 'getState', {})).servers;
  expect(JSON.stringify(await storedRecords(popup))).not.toContain('kauth-a-console-token');
  expect(servers.map((server) => server.url).sort()).toEqual(['http://127.0.0.1:' + new URL(kuzzle.url).port, 'https://kuzzle.example.com:7443', 'https://staging.kuzzle.example.com'].sort());
});
