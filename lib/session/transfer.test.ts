import { describe, expect, it } from 'vitest';
import { KUZZLE_URL, managerHarness, withAliceLoggedIn } from '../../test-support/session';
import { CONSOLE_EXPORT_SAMPLE, consoleConnections } from '../../test-support/transfer';
import { buildExport } from '../transfer/export';

describe('importFile', () => {
  it('adds every new server in one store transaction, signed out, and tells the pages once', async () => {
    const harness = managerHarness();
    await harness.manager.addServer({ url: 'http://localhost:7512', name: 'Mine' });
    harness.events.length = 0;
    const outcome = await harness.manager.importFile(CONSOLE_EXPORT_SAMPLE);
    expect(outcome.added.map((server) => server.name)).toEqual(['staging', 'prod']);
    expect(outcome.skipped).toEqual([{ name: 'local', knownAs: 'Mine' }]);
    const { servers, sessions } = await harness.store.readAll();
    expect(servers.map((server) => [server.name, server.color])).toEqual(expect.arrayContaining([['Mine', 'blue'], ['staging', 'teal'], ['prod', 'red']]));
    expect(sessions).toEqual([]);
    expect(harness.events.filter((event) => event.event === 'stateChanged')).toHaveLength(1);
  });

  it('a refused file changes nothing, and says why', async () => {
    const harness = managerHarness();
    await harness.manager.addServer({ url: KUZZLE_URL });
    const before = await harness.store.readAll();
    for (const text of ['not json', '[]', JSON.stringify({ format: 'kuzzle-session-manager', version: 9, servers: [] })]) {
      await expect(harness.manager.importFile(text)).rejects.toMatchObject({ kind: 'invalid-input' });
    }
    expect(await harness.store.readAll()).toEqual(before);
  });

  it('a store that refuses the write keeps nothing of the import', async () => {
    const harness = managerHarness();
    const commit = harness.store.commit;
    harness.store.commit = () => Promise.reject(new Error('disk full'));
    await expect(harness.manager.importFile(CONSOLE_EXPORT_SAMPLE)).rejects.toThrow('disk full');
    harness.store.commit = commit;
    expect((await harness.store.readAll()).servers).toEqual([]);
  });

  it('an export imported on a fresh profile gives back the same servers, sites and accounts, without tokens and without asking a permission', async () => {
    const first = managerHarness();
    const { serverId } = await withAliceLoggedIn(first);
    first.permitted.add('http://127.0.0.1:8080');
    await first.manager.bindOrigin(serverId, 'http://127.0.0.1:8080');
    await first.manager.addServer({ url: 'https://kuzzle.example.com', name: 'Prod', color: 'red' });
    const exported = buildExport((await first.manager.getState()).servers, first.clock.now());
    expect(exported).not.toMatch(/kauth-/);

    const fresh = managerHarness();
    const outcome = await fresh.manager.importFile(exported);
    expect(outcome.sitesAwaitingPermission).toEqual(['http://127.0.0.1:8080']);
    const shape = (servers: Awaited<ReturnType<typeof first.manager.getState>>['servers']) =>
      servers.map((s) => ({ url: s.url, name: s.name, color: s.color, boundOrigins: s.boundOrigins, accounts: s.accounts.map((a) => [a.displayName, a.kuid, a.strategy]) }));
    expect(shape((await fresh.manager.getState()).servers)).toEqual(shape((await first.manager.getState()).servers));
    expect((await fresh.store.readAll()).sessions).toEqual([]);
    expect(fresh.pages.registrations.at(-1)).toEqual(['http://127.0.0.1:8080']);
  });
});

describe('consoleOffer and importFromConsole', () => {
  it('offer only what the extension does not know, on a bound site only; tokens never reach a candidate', async () => {
    const environments = JSON.parse(consoleConnections({ local: { host: '127.0.0.1', port: 7512 }, other: { host: 'other.example.com', ssl: true, port: 443, token: 'kauth-secret' } }));
    const harness = managerHarness({ deps: { readConsoleEnvironments: async () => environments } });
    const { serverId } = await withAliceLoggedIn(harness);
    expect((await harness.manager.consoleOffer('http://127.0.0.1:8080')).candidates).toEqual([]);
    harness.permitted.add('http://127.0.0.1:8080');
    await harness.manager.bindOrigin(serverId, 'http://127.0.0.1:8080');
    const offer = await harness.manager.consoleOffer('http://127.0.0.1:8080');
    expect(offer.candidates.map((candidate) => candidate.url)).toEqual(['https://other.example.com']);
    expect(JSON.stringify(offer)).not.toContain('kauth-secret');
    const outcome = await harness.manager.importFromConsole('http://127.0.0.1:8080');
    expect(outcome.added.map((added) => added.url)).toEqual(['https://other.example.com']);
    expect((await harness.manager.consoleOffer('http://127.0.0.1:8080')).candidates).toEqual([]);
  });
});

describe('terminalEnv', () => {
  it('makes a token for the terminal with auth:createToken; the session keeps its own', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    const own = (await harness.store.get('session', accountId))!.jwt;
    const { text } = await harness.manager.terminalEnv(accountId);
    const token = /KUZZLE_API_KEY=(\S+)/.exec(text)![1]!;
    expect(token).not.toBe(own);
    expect(harness.kuzzle.issuedBy.get(token)).toBe('createToken');
    expect(harness.kuzzle.calls.find((call) => call.method === 'createToken')).toMatchObject({ token: own, args: [{ expiresIn: '2h' }] });
    expect(text).toContain('export KUZZLE_HOST=127.0.0.1\nexport KUZZLE_PORT=7512\nunset KUZZLE_SSL\n');
    expect((await harness.store.get('session', accountId))!.jwt).toBe(own);
  });

  it('refuses a signed-out account without asking the server', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    await harness.manager.forget(accountId);
    await expect(harness.manager.terminalEnv(accountId)).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(harness.kuzzle.calls.some((call) => call.method === 'createToken')).toBe(false);
  });
});
