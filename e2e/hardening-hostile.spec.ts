// Issue 7, item 4, the cases e2e/inject-*.spec.ts do not cover: the content script of a BOUND page
// (code running in its isolated world, as a compromised or confused script would) sending the
// privileged requests; the page's own world reaching for the extension; a forged payload origin.
// Each asserted in real Chromium: refused, nothing changed, no token in any answer.
import { test, expect } from './fixtures';
import { ask, setUpBoundServer, startTestSites, type TestSites } from './support/pages';
import { inContentScript, state, storedRecords } from './support/hardening';

let sites: TestSites;
test.beforeAll(async () => {
  sites = await startTestSites();
});
test.afterAll(async () => {
  await sites?.stop();
});

const send = (message: Record<string, unknown>) => `chrome.runtime.sendMessage(${JSON.stringify(message)})`;

test('the content script of a bound page may ask for its own session and nothing else', async ({ extension, kuzzle }) => {
  const { extensionPage, server, accountIds } = await setUpBoundServer(extension, kuzzle.url, sites.bound, ['bob', 'alice']);
  const page = await extension.context.newPage();
  await page.goto(`${sites.bound}/console.html`);
  await expect(page.getByRole('status')).toHaveText('Signed in as alice');
  const stateBefore = await state(extensionPage);
  const recordsBefore = await storedRecords(extensionPage);

  const contentScript = await inContentScript(page, extension.extensionId);
  // The channel works: the one page request gets this origin's session.
  const own = (await contentScript.run(send({ type: 'getPageSession' }))) as { ok: boolean; value: { kuid: string } | null };
  expect(own).toMatchObject({ ok: true, value: { kuid: 'alice' } });

  const privileged: Record<string, unknown>[] = [
    { type: 'getState' },
    { type: 'login', serverId: server.id, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' } },
    { type: 'switchAccount', accountId: accountIds.bob },
    { type: 'refreshNow', accountId: accountIds.alice },
    { type: 'logout', accountId: accountIds.alice },
    { type: 'forget', accountId: accountIds.alice },
    { type: 'removeAccount', accountId: accountIds.bob },
    { type: 'addServer', url: 'http://127.0.0.1:9' },
    { type: 'removeServer', serverId: server.id },
    { type: 'bindOrigin', serverId: server.id, origin: sites.unbound },
    { type: 'unbindOrigin', serverId: server.id, origin: sites.bound },
    { type: 'setJwtToken', serverId: server.id, token: 'kauth-x.y.z' },
    { type: 'probeServer', url: kuzzle.url },
    { type: 'getStrategies', serverId: server.id },
    { type: 'startTwoStepInTab', serverId: server.id, strategy: 'oauth-dev' },
  ];
  for (const message of privileged) {
    const reply = await contentScript.run(send(message));
    expect(reply, `${String(message.type)} from a bound page's content script`).toEqual({
      ok: false,
      error: { kind: 'forbidden', message: `This page may not make the "${String(message.type)}" request.` },
    });
  }

  // An origin named in the payload is ignored: the session is the sender's own.
  const forged = (await contentScript.run(send({ type: 'getPageSession', origin: sites.unbound, url: sites.unbound }))) as { value: { kuid: string } };
  expect(forged.value.kuid).toBe('alice');
  // An event sent to the worker is not a request: no answer, and nothing happens.
  await contentScript.run(`chrome.runtime.sendMessage({ event: 'pageSessionChanged', session: null, reason: 'logout' }).catch(() => null)`);

  expect(await state(extensionPage)).toEqual(stateBefore);
  expect(await storedRecords(extensionPage)).toEqual(recordsBefore);
  await expect(page.getByRole('status')).toHaveText('Signed in as alice');
  await contentScript.cdp.detach();
});

test('a bound page\'s own scripts cannot reach the extension, and an unbound page\'s content world gets nothing', async ({ extension, kuzzle }) => {
  await setUpBoundServer(extension, kuzzle.url, sites.bound);
  const bound = await extension.context.newPage();
  await bound.goto(`${sites.bound}/console.html`);
  await expect(bound.getByRole('status')).toHaveText('Signed in as alice');
  // No externally_connectable: the page's world has no way to message the extension.
  expect(
    await bound.evaluate((id) => {
      const runtime = (globalThis as { chrome?: { runtime?: { sendMessage?: unknown } } }).chrome?.runtime;
      if (typeof runtime?.sendMessage !== 'function') return 'no runtime.sendMessage';
      try {
        (runtime.sendMessage as (id: string, message: unknown) => unknown)(id, { type: 'getState' });
        return 'sent';
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    }, extension.extensionId),
  ).toMatch(/^(no runtime\.sendMessage|refused: )/);

  // On an unbound origin, the content script is not even there.
  const unbound = await extension.context.newPage();
  await unbound.goto(`${sites.unbound}/console.html`);
  const cdp = await extension.context.newCDPSession(unbound);
  const worlds: { origin: string; auxData?: { type?: string } }[] = [];
  cdp.on('Runtime.executionContextCreated', (event: { context: (typeof worlds)[number] }) => worlds.push(event.context));
  await cdp.send('Runtime.enable');
  await unbound.waitForTimeout(1_000);
  expect(worlds.filter((world) => world.origin.includes(extension.extensionId))).toEqual([]);
  await cdp.detach();
});

test('no answer to a hostile or framed page carries a token', async ({ extension, kuzzle }) => {
  const { extensionPage } = await setUpBoundServer(extension, kuzzle.url, sites.bound);
  // The bound page framed by the unbound origin, and the unbound page framed by the bound one.
  const framedByHostile = await extension.context.newPage();
  await framedByHostile.goto(`${sites.unbound}/hostile.html?frame=${encodeURIComponent(`${sites.bound}/bridge-app.html`)}`);
  const framingHostile = await extension.context.newPage();
  await framingHostile.goto(`${sites.bound}/framing.html?frame=${encodeURIComponent(`${sites.unbound}/hostile.html`)}`);
  await framingHostile.waitForTimeout(2_000);
  // The bound page's session on the other side of the frame boundary is the only place a token
  // may be; every hostile frame's loot is empty.
  for (const page of [framedByHostile, framingHostile]) {
    for (const frame of page.frames().filter((candidate) => candidate.url().startsWith(sites.unbound))) {
      expect(await frame.evaluate(() => (window as unknown as { loot: unknown[] }).loot), frame.url()).toEqual([]);
    }
  }
  // The worker has not been talked into anything either.
  expect((await ask(extensionPage, 'getState', {})).servers[0]!.boundOrigins).toEqual([sites.bound]);
});
