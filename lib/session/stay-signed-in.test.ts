import { describe, expect, it } from 'vitest';
import { KuzzleError } from '../kuzzle/errors';
import type { StaySignedInLifetime } from '../model';
import { createDurableStore } from '../store/database';
import { createSessionStore } from '../store/store';
import { createMemoryLocks } from '../../test-support/locks';
import { FORBIDDEN_REFRESH, INVALID_TOKEN, KUZZLE_URL, fakeClock, fakeKuzzle, managerHarness, type ManagerHarness } from '../../test-support/session';
import { browserNameOf, keyDescription } from './stay-signed-in';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
let databases = 0;

function harnessWith(kuzzleOptions: Parameters<typeof fakeKuzzle>[1] = {}) {
  const clock = fakeClock();
  const shared = {
    clock,
    kuzzle: fakeKuzzle(clock, kuzzleOptions),
    store: createSessionStore({ useStore: createDurableStore(`stay-signed-in-${(databases += 1)}`), now: clock.now }),
    locks: createMemoryLocks(),
  };
  return { shared, harness: managerHarness({ shared, deps: { browserName: 'Chromium' } }) };
}

/** The browser closed and opened again: a new worker on the same database and server. */
function restarted(shared: ReturnType<typeof harnessWith>['shared']): ManagerHarness {
  return managerHarness({ shared, deps: { browserName: 'Chromium' } });
}

async function signIn(harness: ManagerHarness, staySignedIn: StaySignedInLifetime | undefined, expiresIn = '1h') {
  const server = await harness.manager.addServer({ url: KUZZLE_URL });
  harness.permitted.add('http://127.0.0.1:8080');
  await harness.manager.bindOrigin(server.id, 'http://127.0.0.1:8080');
  const reply = await harness.manager.login({
    serverId: server.id,
    strategy: 'local',
    credentials: { username: 'alice', password: 'alice-password' },
    expiresIn,
    ...(staySignedIn ? { staySignedIn } : {}),
  });
  if (reply.outcome !== 'active') throw new Error('alice should be signed in');
  await harness.manager.settled();
  return { serverId: server.id, accountId: reply.accountId, reply };
}

describe('Stay signed in: the key', () => {
  it('is created after the login with a description naming the extension, the browser and the day, and kept for the account only', async () => {
    const { harness } = harnessWith();
    const { accountId, reply } = await signIn(harness, '7d');
    expect(reply.staySignedIn).toEqual({ kept: true, until: harness.clock.now() + 7 * DAY });
    const [key] = [...harness.kuzzle.apiKeys.values()];
    expect(key?.description).toBe(keyDescription('Chromium', harness.clock.now()));
    expect(key?.description).toMatch(/^Kuzzle Session Manager \(Chromium\), \d{4}-\d{2}-\d{2}$/);
    const held = await harness.store.get('apiKey', accountId);
    expect(held).toMatchObject({ token: key?.token, expiresAt: harness.clock.now() + 7 * DAY });
    // The popup learns until when; neither it nor any bound page ever sees the key.
    const state = await harness.manager.getState();
    expect(state.servers[0]!.accounts[0]!.staySignedIn).toEqual({ keyId: held!.keyId, description: key!.description, until: held!.expiresAt });
    expect(JSON.stringify(state)).not.toContain('kapikey-');
    expect(JSON.stringify(harness.pages.pushes)).not.toContain('kapikey-');
    expect(JSON.stringify(await harness.manager.getPageSession('http://127.0.0.1:8080'))).not.toContain('kapikey-');
  });

  it('"longest the server allows" steps down until security.apiKey.maxTTL accepts it', async () => {
    const { harness } = harnessWith({ apiKeyMaxTtl: 30 * DAY });
    const { reply } = await signIn(harness, 'max');
    expect(reply.staySignedIn).toEqual({ kept: true, until: harness.clock.now() + 30 * DAY });
    expect(harness.kuzzle.callsOf('createApiKey').map((call) => (call.args?.[0] as { expiresIn: unknown }).expiresIn)).toEqual([-1, '365d', '90d', '30d']);
  });

  it('a refusal (rights, maxTTL) is said plainly and the account works as a plain session', async () => {
    const { harness } = harnessWith({ apiKeyMaxTtl: DAY });
    const refused = await signIn(harness, '7d');
    expect(refused.reply.staySignedIn).toEqual({ kept: false, message: expect.stringContaining('security.apiKey.maxTTL') });
    expect(await harness.store.get('apiKey', refused.accountId)).toBeUndefined();
    expect(await harness.store.get('session', refused.accountId)).toMatchObject({ state: 'active' });

    const other = harnessWith();
    other.harness.kuzzle.failNext('createApiKey', new KuzzleError('Insufficient permissions to execute the action "auth:createApiKey" (User "alice").', 'security.rights.forbidden', 117637122, 403));
    const forbidden = await signIn(other.harness, '30d');
    expect(forbidden.reply.staySignedIn).toEqual({ kept: false, message: expect.stringMatching(/refused to create an API key.*ends when its token does/) });
    expect(await other.harness.store.get('session', forbidden.accountId)).toMatchObject({ state: 'active' });
  });

  it('is not asked for without the checkbox', async () => {
    const { harness } = harnessWith();
    const { reply } = await signIn(harness, undefined);
    expect(reply).not.toHaveProperty('staySignedIn');
    expect(harness.kuzzle.callsOf('createApiKey')).toEqual([]);
  });
});

describe('Stay signed in: a session that cannot be refreshed comes back through the key', () => {
  it('expired while the browser was closed: the next start signs in again with createToken, and the bound pages follow', async () => {
    const { harness, shared } = harnessWith();
    const { accountId } = await signIn(harness, '30d');
    const before = (await harness.store.get('session', accountId))!;
    shared.clock.advance(2 * HOUR);

    const after = restarted(shared);
    await after.manager.start();

    const session = (await after.store.get('session', accountId))!;
    expect(session).toMatchObject({ state: 'active', ttl: HOUR, expiresIn: '1h' });
    expect(session.jwt).not.toBe(before.jwt);
    expect(after.kuzzle.issuedBy.get(session.jwt)).toBe('createToken');
    const held = await after.store.get('apiKey', accountId);
    expect(after.kuzzle.callsOf('createToken')).toEqual([{ method: 'createToken', token: held!.token, args: [{ expiresIn: '1h' }] }]);
    expect(after.pages.pushes.at(-1)).toMatchObject({ reason: 'refresh', session: { jwt: session.jwt } });
    expect(after.scheduled.get(accountId)).toBeGreaterThan(shared.clock.now());
  });

  it('refused by the server (revoked elsewhere): a fresh token instead of an ended session', async () => {
    const { harness } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    harness.kuzzle.failNext('refreshToken', INVALID_TOKEN());
    expect(await harness.manager.refresh(accountId, { force: true })).toEqual({ kind: 'refreshed' });
    const session = (await harness.store.get('session', accountId))!;
    expect(session.state).toBe('active');
    expect(harness.kuzzle.issuedBy.get(session.jwt)).toBe('createToken');
  });

  it('a refresh the server forbids (403) is used until it expires, then comes back through the key', async () => {
    const { harness } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    harness.kuzzle.failNext('refreshToken', FORBIDDEN_REFRESH());
    expect((await harness.manager.refresh(accountId, { force: true })).kind).toBe('refused');
    harness.clock.advance(HOUR);
    expect(await harness.manager.refresh(accountId, { force: true })).toEqual({ kind: 'refreshed' });
    expect(harness.kuzzle.issuedBy.get((await harness.store.get('session', accountId))!.jwt)).toBe('createToken');
  });

  it('a key deleted on the server: the session ends, says why, and the key is dropped here', async () => {
    const { harness, shared } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    harness.kuzzle.apiKeys.clear();
    harness.kuzzle.tokens.delete((await harness.store.get('apiKey', accountId))!.token);
    shared.clock.advance(2 * HOUR);
    const after = restarted(shared);
    await after.manager.start();
    expect(await after.store.get('session', accountId)).toMatchObject({ state: 'expired', lastError: expect.stringContaining('no longer accepts the "Stay signed in" key') });
    expect(await after.store.get('apiKey', accountId)).toBeUndefined();
  });

  it('a server without createToken (older than 2.20, or the right withheld): ended with the reason, the key kept for another try', async () => {
    const { harness, shared } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    shared.clock.advance(2 * HOUR);
    shared.kuzzle.failNext('createToken', new KuzzleError('API action "auth":"createToken" not found', 'api.process.action_not_found', 33685509, 404));
    const after = restarted(shared);
    await after.manager.start();
    expect(await after.store.get('session', accountId)).toMatchObject({ state: 'expired', lastError: expect.stringContaining('could not get a new session') });
    expect(await after.store.get('apiKey', accountId)).toBeDefined();
    // The next start tries the key again.
    const later = restarted(shared);
    await later.manager.start();
    expect(await later.store.get('session', accountId)).toMatchObject({ state: 'active' });
  });

  it('a key that has itself expired is not used', async () => {
    const { harness, shared } = harnessWith();
    const { accountId } = await signIn(harness, '1d');
    shared.clock.advance(2 * DAY);
    const after = restarted(shared);
    await after.manager.start();
    expect(after.kuzzle.callsOf('createToken')).toEqual([]);
    expect(await after.store.get('session', accountId)).toMatchObject({ state: 'expired', lastError: expect.stringContaining('key expired on') });
  });
});

describe('Stay signed in: logout, forget and revoke', () => {
  it('Log out revokes the session and deletes the key on the server', async () => {
    const { harness } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    const { jwt } = (await harness.store.get('session', accountId))!;
    const key = (await harness.store.get('apiKey', accountId))!;
    expect(await harness.manager.logout(accountId, false)).toEqual({ serverNotified: true, apiKeyDeleted: true });
    expect(harness.kuzzle.tokens.has(jwt)).toBe(false);
    expect(harness.kuzzle.callsOf('deleteApiKey')).toEqual([{ method: 'deleteApiKey', token: key.token, args: [key.keyId] }]);
    expect(harness.kuzzle.apiKeys.size).toBe(0);
    expect(await harness.store.get('apiKey', accountId)).toBeUndefined();
  });

  it('Log out with the server unreachable drops the key here and says it stays valid there', async () => {
    const { harness } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    harness.kuzzle.setReachable(false);
    const reply = await harness.manager.logout(accountId, false);
    expect(reply).toMatchObject({ serverNotified: false, apiKeyDeleted: false, message: expect.stringContaining('stays valid on the server') });
    expect(await harness.store.get('apiKey', accountId)).toBeUndefined();
  });

  it('Forget drops both here and says plainly that the key stays valid on the server, and how to delete it', async () => {
    const { harness } = harnessWith();
    const { accountId } = await signIn(harness, '7d');
    const reply = await harness.manager.forget(accountId);
    expect(reply.keyStillValid).toMatch(/stays valid on the server until \d{4}-\d{2}-\d{2} or until it is deleted.*Revoke/);
    expect(harness.kuzzle.apiKeys.size).toBe(1);
    expect(await harness.store.get('apiKey', accountId)).toBeUndefined();
    expect(await harness.store.get('session', accountId)).toBeUndefined();
    expect(await harness.manager.forget(accountId)).toEqual({});
  });

  it('the options list the extension\'s keys of the account on the server, the held one marked, and revoke any of them', async () => {
    const { harness } = harnessWith();
    const first = await signIn(harness, '7d');
    await harness.manager.forget(first.accountId);
    const server = (await harness.manager.getState()).servers[0]!;
    const again = await harness.manager.login({ serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' }, staySignedIn: '30d' });
    if (again.outcome !== 'active') throw new Error('alice should be signed in');
    const { keys } = await harness.manager.listApiKeys(again.accountId);
    expect(keys.map((key) => key.held).sort()).toEqual([false, true]);
    const orphan = keys.find((key) => !key.held)!;
    await harness.manager.revokeApiKey(again.accountId, orphan._id);
    expect((await harness.manager.listApiKeys(again.accountId)).keys).toEqual([expect.objectContaining({ held: true })]);
    const held = keys.find((key) => key.held)!;
    await harness.manager.revokeApiKey(again.accountId, held._id);
    expect(await harness.store.get('apiKey', again.accountId)).toBeUndefined();
    expect((await harness.manager.getState()).servers[0]!.accounts[0]).not.toHaveProperty('staySignedIn');
  });

  it('removing the server leaves no key behind here', async () => {
    const { harness } = harnessWith();
    const { serverId, accountId } = await signIn(harness, '7d');
    await harness.manager.removeServer(serverId);
    expect(await harness.store.get('apiKey', accountId)).toBeUndefined();
    expect((await harness.store.readAll()).apiKeys).toEqual([]);
  });

  it('signing in again to stay signed in replaces the key and deletes the old one on the server', async () => {
    const { harness } = harnessWith();
    const { serverId, accountId } = await signIn(harness, '7d');
    const old = (await harness.store.get('apiKey', accountId))!;
    await harness.manager.login({ serverId, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' }, staySignedIn: '30d' });
    const current = (await harness.store.get('apiKey', accountId))!;
    expect(current.keyId).not.toBe(old.keyId);
    expect([...harness.kuzzle.apiKeys.keys()]).toEqual([current.keyId]);
  });
});

describe('browserNameOf', () => {
  it('names the browser family from its user agent', () => {
    expect(browserNameOf('Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0')).toBe('Firefox');
    expect(browserNameOf('Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36')).toBe('Chrome');
    expect(browserNameOf('Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0')).toBe('Edge');
    expect(browserNameOf('curl/8')).toBe('a browser');
  });
});
