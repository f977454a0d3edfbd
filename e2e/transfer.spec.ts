import { readFile } from 'node:fs/promises';
import type { Download, Page } from '@playwright/test';
import { test, expect, snap } from './fixtures';
import { useAdminConsole } from './support/admin-console';
import { launchWithExtension, openOptions } from './support/browser';
import { storedRecords, storedSessions } from './support/hardening';
import { ask, setUpBoundServer } from './support/pages';

const adminConsole = useAdminConsole(test, 'e2e/transfer.spec.ts');

/** The connections a console user has, as the console's own create form stores them. */
const CONSOLE_ENVIRONMENTS = {
  staging: { name: 'staging', color: 'lightblue', host: 'staging.kuzzle.example.com', port: 443, ssl: true, backendMajorVersion: 2, hideAdminWarning: false, token: null },
  prod: { name: 'prod', color: 'red', host: 'kuzzle.example.com', port: 7443, ssl: true, backendMajorVersion: 2, hideAdminWarning: false, token: 'kauth-a-console-token' },
};

async function textOf(download: Download): Promise<string> {
  return readFile((await download.path())!, 'utf8');
}

/** Chooses a file in the options page's "Import" chooser, as a person picks one in the dialog. */
async function chooseImport(options: Page, name: string, text: string | Buffer) {
  await options.getByLabel('Import', { exact: true }).setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

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

  await options.getByRole('button', { name: 'Add 1 servers' }).click();
  await expect(options.getByText('Import done: 1 added, 1 skipped.')).toBeVisible();
  const servers = (await ask(options, 'getState', {})).servers;
  expect(servers.map((server) => [server.name, server.url, server.color])).toEqual(
    expect.arrayContaining([
      ['Production', 'https://kuzzle.example.com:7443', 'blue'],
      ['staging', 'https://staging.kuzzle.example.com', 'teal'],
    ]),
  );
});

test('export, then import on a fresh profile, gives back the same servers and sites, without any token', async ({ extension, kuzzle }) => {
  const site = adminConsole().origin;
  const { extensionPage } = await setUpBoundServer(extension, kuzzle.url, site, ['alice']);
  await ask(extensionPage, 'addServer', { url: 'https://kuzzle.example.com', name: 'Prod', color: 'red' });
  const options = await openOptions(extension);
  const [download] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export', exact: true }).click()]);
  const exported = await textOf(download);
  expect(exported).not.toMatch(/kauth-|kapikey-|jwt/);
  const [consoleDownload] = await Promise.all([options.waitForEvent('download'), options.getByRole('button', { name: 'Export for the Admin Console' }).click()]);
  expect(consoleDownload.suggestedFilename()).toBe('connections.json');
  expect(Object.keys(JSON.parse(await textOf(consoleDownload))).sort()).toEqual(['Local', 'Prod']);
  const shape = (servers: Array<{ url: string; name: string; color: string; boundOrigins: string[] }>) =>
    servers.map(({ url, name, color, boundOrigins }) => ({ url, name, color, boundOrigins })).sort((a, b) => a.url.localeCompare(b.url));
  const before = shape((await ask(options, 'getState', {})).servers);

  const fresh = await launchWithExtension();
  try {
    const freshOptions = await openOptions(fresh);
    await chooseImport(freshOptions, 'kuzzle-session-manager-export.json', exported);
    await freshOptions.getByRole('button', { name: 'Add 2 servers' }).click();
    await expect(freshOptions.getByText('Import done: 2 added, 0 skipped.')).toBeVisible();
    const state = await ask(freshOptions, 'getState', {});
    expect(shape(state.servers)).toEqual(before);
    // The account comes back signed out: the export held no token.
    expect(state.servers.find((server) => server.name === 'Local')!.accounts.map((account) => [account.displayName, account.session])).toEqual([['alice', null]]);
    await snap(freshOptions, 'import-fresh-profile');
  } finally {
    await fresh.dispose();
  }
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

test('a bad file is refused with a clear message and changes nothing', async ({ extension }) => {
  const options = await openOptions(extension);
  await ask(options, 'addServer', { url: 'http://localhost:7512', name: 'Mine' });
  await options.reload();
  await chooseImport(options, 'notes.json', 'this is not JSON');
  await expect(options.getByText(/This file is not JSON\. Choose the connections\.json .* Nothing was changed\./)).toBeVisible();
  await snap(options, 'import-bad-file');

  const many: Record<string, unknown> = {};
  for (let i = 0; i < 10_000; i++) many[`c${i}`] = { name: `c${i}`, host: `h${i}.example.com`, port: 7512, ssl: true };
  await chooseImport(options, 'many.json', JSON.stringify(many));
  await expect(options.getByText(/lists 10000 connections; the extension imports at most 500/)).toBeVisible();

  await chooseImport(options, 'huge.json', Buffer.alloc(2 * 1024 * 1024, 32));
  await expect(options.getByText(/larger than 1024 kB/)).toBeVisible();

  await chooseImport(options, 'hostile.json', JSON.stringify({ x: { name: '<script>alert(1)</script>', host: 'javascript:alert(1)', port: 1, ssl: false } }));
  await expect(options.getByRole('list', { name: 'Skipped entries' })).toContainText('<script>alert(1)</script>: its host is not a host name');
  await expect(options.getByRole('button', { name: 'Add 0 servers' })).toBeDisabled();
  expect((await ask(options, 'getState', {})).servers.map((server) => server.name)).toEqual(['Mine']);
});

test('"Copy for the terminal" copies kourou\'s variables with a new token, not the session\'s', async ({ extension, kuzzle }) => {
  const { extensionPage } = await setUpBoundServer(extension, kuzzle.url, 'http://127.0.0.1:9', ['alice']);
  await extensionPage.reload();
  // Chromium grants no clipboard-read permission to an extension's origin: what the page writes is kept instead.
  await extensionPage.evaluate(() => {
    navigator.clipboard.writeText = async (text: string) => void ((globalThis as { copied?: string }).copied = text);
  });
  await extensionPage.getByRole('button', { name: 'Copy for the terminal (alice)' }).click();
  await expect(extensionPage.getByText(/Copied for the terminal/)).toBeVisible();
  const copied = (await extensionPage.evaluate(() => (globalThis as { copied?: string }).copied))!;
  const port = new URL(kuzzle.url).port;
  expect(copied).toMatch(new RegExp(`^export KUZZLE_HOST=127\\.0\\.0\\.1\\nexport KUZZLE_PORT=${port}\\nunset KUZZLE_SSL\\nexport KUZZLE_API_KEY=kauth-\\S+\\n$`));
  const token = /KUZZLE_API_KEY=(\S+)/.exec(copied)![1]!;
  expect((await storedSessions(extensionPage)).map((session) => session.jwt)).not.toContain(token);
  const check = await fetch(`${kuzzle.url}/_checkToken`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token }) });
  expect((await check.json()).result).toMatchObject({ valid: true, kuid: 'alice' });
});
