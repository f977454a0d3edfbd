import { test, expect, snap } from './fixtures';
import { textOf, chooseImport } from './support/transfer';
import { launchWithExtension, openOptions } from './support/browser';
import { storedSessions } from './support/hardening';
import { ask, setUpBoundServer } from './support/pages';

test('export, then import on a fresh profile, gives back the same servers and sites, without any token', async ({ extension, kuzzle }) => {
  const { extensionPage } = await setUpBoundServer(extension, kuzzle.url, 'http://127.0.0.1:9', ['alice']);
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
