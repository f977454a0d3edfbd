import { entries } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import { KuzzleError, NotKuzzleServerError, ServerUnreachableError, TimeoutError } from '../kuzzle/errors';
import type { KuzzleClient } from '../kuzzle/types';
import { createDurableStore } from '../store/database';
import { createSessionStore } from '../store/store';
import { FORBIDDEN_REFRESH, INVALID_TOKEN, KUZZLE_URL, managerHarness, withAliceLoggedIn, type ManagerHarness } from '../../test-support/session';

const HOUR = 3_600_000;

async function sessionOf(harness: ManagerHarness, accountId: string) {
  return harness.store.get('session', accountId);
}

describe('login', () => {
  it('keeps the token durably, makes the account active, then says so, and schedules the refresh', async () => {
    const harness = managerHarness();
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    // When the popup hears loginAttempt, the session must already be in the store.
    let storedWhenAnnounced: unknown = 'not announced';
    harness.events.length = 0;
    const broadcast = harness.events.push.bind(harness.events);
    harness.events.push = (...events) => {
      if (events[0]?.event === 'loginAttempt') storedWhenAnnounced = harness.store.readAll().then((all) => all.sessions.length);
      return broadcast(...events);
    };

    const reply = await harness.manager.login({ serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });

    expect(reply).toEqual({ outcome: 'active', accountId: 'id-a2' });
    // The events, arming the refresh and telling the bound pages follow the reply.
    await harness.manager.settled();
    expect(await storedWhenAnnounced).toBe(1);
    expect(harness.events).toContainEqual({ event: 'loginAttempt', serverId: server.id, success: true });
    const state = await harness.manager.getState();
    expect(state.servers[0]).toMatchObject({ activeAccountId: 'id-a2', accounts: [{ kuid: 'alice-kuid', displayName: 'alice', strategy: 'local', active: true, session: { state: 'active', ttl: HOUR } }] });
    // Views carry no token.
    expect(JSON.stringify(state)).not.toContain('kauth-');
    const session = await sessionOf(harness, 'id-a2');
    expect(harness.scheduled.get('id-a2')).toBe(session!.expiresAt - 360_000);
    expect(harness.pages.pushes.at(-1)).toMatchObject({ reason: 'login', session: { kuid: 'alice-kuid', jwt: session!.jwt, server: { host: '127.0.0.1', port: 7512, ssl: false } } });
  });

  it('replies before telling the bound pages, and a page told late never ends on a token logged out since', async () => {
    let openGate = () => {};
    const gate = new Promise<void>((resolve) => (openGate = resolve));
    const harness = managerHarness({ deps: { nextTurn: () => gate } });
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    harness.permitted.add('http://127.0.0.1:8080');
    await harness.manager.bindOrigin(server.id, 'http://127.0.0.1:8080');
    harness.pages.pushes.length = 0;

    const reply = await harness.manager.login({ serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
    if (reply.outcome !== 'active') throw new Error('alice should be logged in');
    expect(harness.pages.pushes).toEqual([]);
    expect(harness.scheduled.size).toBe(0);
    const jwt = (await sessionOf(harness, reply.accountId))!.jwt;

    await harness.manager.logout(reply.accountId, false);
    openGate();
    await harness.manager.settled();
    expect(harness.pages.pushes.length).toBeGreaterThan(0);
    expect(harness.pages.pushes.at(-1)).toMatchObject({ session: null });
    expect(JSON.stringify(harness.pages.pushes)).not.toContain(jwt);
    expect(harness.scheduled.has(reply.accountId)).toBe(false);
  });

  it('refuses a wrong password: loginAttempt says why and nothing is kept', async () => {
    const harness = managerHarness();
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    await expect(harness.manager.login({ serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'wrong' } })).rejects.toBeInstanceOf(KuzzleError);
    expect(harness.events).toContainEqual({ event: 'loginAttempt', serverId: server.id, success: false, error: expect.stringMatching(/wrong username or password/i) });
    const all = await harness.store.readAll();
    expect(all.accounts).toEqual([]);
    expect(all.sessions).toEqual([]);
  });

  it('fails at once when the server is unreachable: one request, nothing kept to retry, the password stored nowhere', async () => {
    const useStore = createDurableStore('manager-unreachable');
    const harness = managerHarness({ deps: { store: createSessionStore({ useStore, now: () => 0 }) } });
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    harness.kuzzle.setReachable(false);
    await expect(harness.manager.login({ serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } })).rejects.toBeInstanceOf(ServerUnreachableError);
    expect(harness.kuzzle.callsOf('login')).toHaveLength(1);
    expect(harness.clock.sleeps).toEqual([]);
    expect(harness.scheduled.size).toBe(0);
    expect(JSON.stringify(await entries(useStore))).not.toContain('alice-password');
    expect(JSON.stringify(harness.events)).not.toContain('alice-password');
  });

  it('refuses a bad expiresIn before any request', async () => {
    const harness = managerHarness();
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    await expect(harness.manager.login({ serverId: server.id, strategy: 'local', credentials: {}, expiresIn: 'soon' })).rejects.toMatchObject({ kind: 'invalid-input' });
    expect(harness.kuzzle.callsOf('login')).toEqual([]);
  });

  it('logs a second user in on the same server as a second account, made active', async () => {
    const harness = managerHarness();
    const { serverId, accountId } = await withAliceLoggedIn(harness);
    const bob = await harness.manager.login({ serverId, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' } });
    const state = await harness.manager.getState();
    expect(state.servers[0]!.accounts.map((account) => account.displayName)).toEqual(['alice', 'bob']);
    expect(state.servers[0]!.activeAccountId).toBe(bob.outcome === 'active' && bob.accountId);
    // Logging alice in again reuses her account.
    await harness.manager.login({ serverId, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
    expect((await harness.manager.getState()).servers[0]).toMatchObject({ activeAccountId: accountId, accounts: [{ id: accountId }, {}] });
  });
});

describe('two-step login', () => {
  async function pendingOAuth(harness: ManagerHarness) {
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    const reply = await harness.manager.login({ serverId: server.id, strategy: 'oauth-dev', credentials: {}, expiresIn: '2h' });
    return { serverId: server.id, reply };
  }

  it('keeps a pending login with the redirect location and sends no loginAttempt', async () => {
    const harness = managerHarness();
    const { serverId, reply } = await pendingOAuth(harness);
    expect(reply).toEqual({ outcome: 'pending', location: 'http://kuzzle.test/oauth-dev/authorize' });
    expect(harness.events.filter((event) => event.event === 'loginAttempt')).toEqual([]);
    expect((await harness.manager.getState()).servers[0]!.pending).toMatchObject({ strategy: 'oauth-dev', location: 'http://kuzzle.test/oauth-dev/authorize' });
    expect(await harness.store.get('pending', serverId)).toMatchObject({ expiresIn: '2h' });
  });

  it('is finished by setJwtToken with a token that checkToken accepts (kuid from checkToken)', async () => {
    const harness = managerHarness();
    const { serverId } = await pendingOAuth(harness);
    const token = harness.kuzzle.issue('carol-kuid', '2h');
    const { accountId } = await harness.manager.setJwtToken(serverId, `  ${token.jwt} `);
    expect(harness.kuzzle.callsOf('checkToken')).toEqual([{ method: 'checkToken', token: token.jwt }]);
    const state = await harness.manager.getState();
    expect(state.servers[0]).toMatchObject({ pending: null, activeAccountId: accountId, accounts: [{ kuid: 'carol-kuid', strategy: 'oauth-dev', session: { state: 'active', expiresAt: token.expiresAt } }] });
    expect(harness.events).toContainEqual({ event: 'loginAttempt', serverId, success: true });
    expect((await sessionOf(harness, accountId))!.expiresIn).toBe('2h');
  });

  it('is finished by setJwtToken with a whole Kuzzle response', async () => {
    const harness = managerHarness();
    const { serverId } = await pendingOAuth(harness);
    const token = harness.kuzzle.issue('carol-kuid', '1h');
    const { accountId } = await harness.manager.setJwtToken(serverId, { status: 200, error: null, result: { ...token } });
    expect(await sessionOf(harness, accountId)).toMatchObject({ jwt: token.jwt, ttl: token.ttl, expiresAt: token.expiresAt, state: 'active' });
  });

  it('refuses a token the server does not accept, and keeps nothing of it', async () => {
    const harness = managerHarness();
    const { serverId } = await pendingOAuth(harness);
    await expect(harness.manager.setJwtToken(serverId, 'kauth-forged')).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('refused this token') });
    expect((await harness.store.readAll()).sessions).toEqual([]);
    expect(harness.events).toContainEqual(expect.objectContaining({ event: 'loginAttempt', success: false }));
    await expect(harness.manager.setJwtToken(serverId, { result: { nothing: true } })).rejects.toMatchObject({ kind: 'invalid-input' });
  });

  it('in a tab: opens /_login/<strategy> with expiresIn and finishes when the tab shows the JSON with a jwt', async () => {
    const harness = managerHarness();
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    const { tabId } = await harness.manager.startTwoStepInTab({ serverId: server.id, strategy: 'oauth-dev', expiresIn: '1h' });
    expect(harness.openedTabs).toEqual([`${KUZZLE_URL}/_login/oauth-dev?expiresIn=1h`]);
    // The authorize page on the way is not Kuzzle's JSON: nothing happens.
    harness.tabTexts.set(tabId, '<html>Authorize</html>');
    await harness.manager.onTabUpdated(tabId, `${KUZZLE_URL}/oauth-dev/authorize`, true);
    await harness.manager.onTabUpdated(tabId, `${KUZZLE_URL}/_login/oauth-dev?code=x`, true);
    expect(harness.closedTabs).toEqual([]);
    const token = harness.kuzzle.issue('carol-kuid', '1h');
    harness.tabTexts.set(tabId, JSON.stringify({ action: 'login', controller: 'auth', error: null, result: token, status: 200 }));
    await harness.manager.onTabUpdated(tabId, `${KUZZLE_URL}/_login/oauth-dev?code=x`, true);
    expect(harness.closedTabs).toEqual([tabId]);
    expect((await harness.manager.getState()).servers[0]).toMatchObject({ pending: null, accounts: [{ kuid: 'carol-kuid', session: { state: 'active' } }] });
  });
});

describe('two-step login in a tab, given up', () => {
  it('is dropped when the user closes its tab, and only then', async () => {
    const harness = managerHarness();
    const server = await harness.manager.addServer({ url: KUZZLE_URL });
    const { tabId } = await harness.manager.startTwoStepInTab({ serverId: server.id, strategy: 'oauth-dev' });
    await harness.manager.onTabRemoved(tabId + 1);
    expect(await harness.store.get('pending', server.id)).toMatchObject({ tabId });
    await harness.manager.onTabRemoved(tabId);
    expect(await harness.store.get('pending', server.id)).toBeUndefined();
  });
});

describe('refresh', () => {
  it('refreshes at expiresAt - max(60 s, 10 % of ttl), at most half the ttl, and reschedules', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness, '8s');
    const first = (await sessionOf(harness, accountId))!;
    expect(harness.scheduled.get(accountId)).toBe(first.expiresAt - 4000);
    // An early wake-up does nothing.
    expect(await harness.manager.refresh(accountId)).toEqual({ kind: 'not-due' });
    harness.clock.advance(4000);
    expect(await harness.manager.refresh(accountId)).toEqual({ kind: 'refreshed' });
    const second = (await sessionOf(harness, accountId))!;
    expect(second.jwt).not.toBe(first.jwt);
    expect(harness.kuzzle.callsOf('refreshToken')).toEqual([{ method: 'refreshToken', token: first.jwt, args: ['8s'] }]);
    expect(harness.scheduled.get(accountId)).toBe(second.expiresAt - 4000);
    expect(harness.pages.pushes.at(-1)).toMatchObject({ reason: 'refresh', session: { jwt: second.jwt } });
  });

  it('makes one request for two concurrent refreshes in one worker', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    const [a, b] = await Promise.all([harness.manager.refresh(accountId, { force: true }), harness.manager.refresh(accountId, { force: true })]);
    expect(a).toEqual({ kind: 'refreshed' });
    expect(b).toEqual({ kind: 'refreshed' });
    expect(harness.kuzzle.callsOf('refreshToken')).toHaveLength(1);
  });

  it('across two contexts sharing the lock, the second adopts the token the first rotated', async () => {
    const first = managerHarness();
    const { accountId } = await withAliceLoggedIn(first);
    const second = managerHarness({ shared: { store: first.store, locks: first.locks, kuzzle: first.kuzzle, clock: first.clock } });
    const outcomes = await Promise.all([first.manager.refresh(accountId, { force: true }), second.manager.refresh(accountId, { force: true })]);
    expect(outcomes).toEqual([{ kind: 'refreshed' }, { kind: 'adopted' }]);
    expect(first.kuzzle.callsOf('refreshToken')).toHaveLength(1);
    const session = await sessionOf(first, accountId);
    expect(first.kuzzle.tokens.has(session!.jwt)).toBe(true);
  });

  it('a login during a refresh of the same account is not overwritten by the refresh', async () => {
    const harness = managerHarness();
    const { serverId, accountId } = await withAliceLoggedIn(harness);
    // The refresh waits on a slow server while alice logs in again.
    harness.kuzzle.failNext('refreshToken', new TimeoutError(KUZZLE_URL, 10_000));
    const refreshing = harness.manager.refresh(accountId, { force: true });
    const login = harness.manager.login({ serverId, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
    expect(await Promise.all([refreshing, login])).toEqual([{ kind: 'refreshed' }, { outcome: 'active', accountId }]);
    expect(harness.kuzzle.issuedBy.get((await sessionOf(harness, accountId))!.jwt)).toBe('login');
  });

  it('retries passing failures with backoff, then succeeds', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    harness.kuzzle.failNext('refreshToken', new ServerUnreachableError(KUZZLE_URL), new TimeoutError(KUZZLE_URL, 10_000), new KuzzleError('Rejected', 'api.process.too_many_requests', 33685512, 429));
    expect(await harness.manager.refresh(accountId, { force: true })).toEqual({ kind: 'refreshed' });
    expect(harness.clock.sleeps).toEqual([1000, 3000, 10_000]);
    expect(harness.kuzzle.callsOf('refreshToken')).toHaveLength(4);
  });

  it('after the quick retries keeps the session active with the reason and tries again later', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    harness.kuzzle.setReachable(false);
    const outcome = await harness.manager.refresh(accountId, { force: true });
    expect(outcome.kind).toBe('failed');
    const session = await sessionOf(harness, accountId);
    expect(session).toMatchObject({ state: 'active', lastError: expect.stringContaining('cannot be reached') });
    expect(harness.scheduled.get(accountId)).toBe(harness.clock.now() + 30_000);
  });

  it('marks a token that expires while the server is unreachable as expired, keeps it, and sends it no more', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness, '8s');
    harness.kuzzle.setReachable(false);
    const { expiresAt } = (await sessionOf(harness, accountId))!;
    harness.clock.advance(4000);
    // 1 s + 3 s of backoff would reach the expiry: the third try is left to the scheduler, at the expiry.
    expect(await harness.manager.refresh(accountId)).toMatchObject({ kind: 'failed' });
    expect(harness.kuzzle.callsOf('refreshToken')).toHaveLength(2);
    expect(harness.scheduled.get(accountId)).toBe(expiresAt);
    harness.clock.advance(expiresAt - harness.clock.now());
    expect(await harness.manager.refresh(accountId)).toEqual({ kind: 'ended', state: 'expired' });
    expect(harness.kuzzle.callsOf('refreshToken')).toHaveLength(2);
    expect(await sessionOf(harness, accountId)).toMatchObject({ state: 'expired', lastError: expect.stringContaining('expired') });
    expect(harness.pages.pushes.at(-1)).toEqual({ origins: [], session: null, reason: 'expired' });
    expect(harness.scheduled.has(accountId)).toBe(false);
    expect((await harness.manager.getState()).servers[0]!.accounts[0]!.session).toMatchObject({ state: 'expired' });
  });

  it('a 403 on refresh keeps the still-valid token until it expires, then marks it expired without a request', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    const { expiresAt, jwt } = (await sessionOf(harness, accountId))!;
    harness.kuzzle.failNext('refreshToken', FORBIDDEN_REFRESH());
    await expect(harness.manager.refreshNow(accountId)).rejects.toMatchObject({ kind: 'kuzzle', status: 403 });
    expect(await sessionOf(harness, accountId)).toMatchObject({ state: 'active', jwt, lastError: expect.stringContaining('does not allow refreshing') });
    // No more tries: the next wake-up is the expiry.
    expect(harness.scheduled.get(accountId)).toBe(expiresAt);
    harness.clock.advance(expiresAt - harness.clock.now());
    expect(await harness.manager.refresh(accountId)).toEqual({ kind: 'ended', state: 'expired' });
    expect(harness.kuzzle.callsOf('refreshToken')).toHaveLength(1);
    expect(await sessionOf(harness, accountId)).toMatchObject({ state: 'expired' });
  });

  it('treats an answer that is not Kuzzle\'s (a cut body, a proxy page) as passing', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    harness.kuzzle.failNext('refreshToken', new NotKuzzleServerError(KUZZLE_URL, 200, 'the answer is not JSON'));
    expect(await harness.manager.refresh(accountId, { force: true })).toEqual({ kind: 'refreshed' });
    expect(harness.clock.sleeps).toEqual([1000]);
  });

  it('marks a session revoked when the server says the token is invalid before its time', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    harness.kuzzle.failNext('refreshToken', INVALID_TOKEN());
    await expect(harness.manager.refreshNow(accountId)).rejects.toMatchObject({ kind: 'kuzzle', message: expect.stringContaining('no longer accepts') });
    expect(await sessionOf(harness, accountId)).toMatchObject({ state: 'revoked' });
  });
});

describe('worker start', () => {
  it('checks every session: valid ones are rescheduled, refused ones revoked, expired ones marked without a request', async () => {
    const before = managerHarness();
    const alice = await withAliceLoggedIn(before);
    const bob = await before.manager.login({ serverId: alice.serverId, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' }, expiresIn: '10s' });
    const carol = await before.manager.setJwtToken(alice.serverId, before.kuzzle.issue('carol-kuid', '1h').jwt);
    before.kuzzle.tokens.delete((await sessionOf(before, carol.accountId))!.jwt);
    before.clock.advance(20_000);
    before.kuzzle.calls.length = 0;

    const after = managerHarness({ shared: { store: before.store, locks: before.locks, kuzzle: before.kuzzle, clock: before.clock } });
    await after.manager.start();

    const bobId = bob.outcome === 'active' ? bob.accountId : '';
    expect(await sessionOf(after, alice.accountId)).toMatchObject({ state: 'active' });
    expect(after.scheduled.has(alice.accountId)).toBe(true);
    expect(await sessionOf(after, bobId)).toMatchObject({ state: 'expired' });
    expect(await sessionOf(after, carol.accountId)).toMatchObject({ state: 'revoked' });
    const bobJwt = (await sessionOf(after, bobId))!.jwt;
    expect(after.kuzzle.calls.filter((call) => call.token === bobJwt)).toEqual([]);
  });
});

describe('a refresh cut off by a worker stop', () => {
  async function interrupted(serverSawIt: boolean) {
    const before = managerHarness();
    const { accountId } = await withAliceLoggedIn(before);
    const session = (await sessionOf(before, accountId))!;
    // What a worker stopped after noting the refresh, before its answer, leaves behind.
    await before.store.commit([{ put: 'session', record: { ...session, refreshStartedAt: before.clock.now() } }]);
    if (serverSawIt) before.kuzzle.tokens.delete(session.jwt);
    const after = managerHarness({ shared: { store: before.store, locks: before.locks, kuzzle: before.kuzzle, clock: before.clock } });
    await after.manager.start();
    return { after, accountId, oldJwt: session.jwt };
  }

  it('is settled at the next start by refreshing: a retired token is marked revoked, never kept active', async () => {
    const { after, accountId } = await interrupted(true);
    expect(after.kuzzle.callsOf('checkToken')).toEqual([]);
    expect(await sessionOf(after, accountId)).toMatchObject({ state: 'revoked', lastError: expect.stringContaining('cut off') });
  });

  it('is finished at the next start when the server never got it', async () => {
    const { after, accountId, oldJwt } = await interrupted(false);
    const session = await sessionOf(after, accountId);
    expect(session).toMatchObject({ state: 'active' });
    expect(session!.jwt).not.toBe(oldJwt);
    expect(session!.refreshStartedAt).toBeUndefined();
  });
});

describe('logout and forget', () => {
  it('logout revokes on the server (with global) and forgets locally; the account stays', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    const { jwt } = (await sessionOf(harness, accountId))!;
    expect(await harness.manager.logout(accountId, true)).toEqual({ serverNotified: true });
    expect(harness.kuzzle.callsOf('logout')).toEqual([{ method: 'logout', token: jwt, args: [{ global: true }] }]);
    expect(harness.kuzzle.tokens.has(jwt)).toBe(false);
    expect(await sessionOf(harness, accountId)).toBeUndefined();
    expect((await harness.manager.getState()).servers[0]!.accounts).toEqual([expect.objectContaining({ id: accountId, session: null })]);
    expect(harness.pages.pushes.at(-1)).toMatchObject({ session: null, reason: 'logout' });
    expect(harness.scheduled.has(accountId)).toBe(false);
  });

  it('logout with the server unreachable still forgets locally and says the server was not told', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    harness.kuzzle.setReachable(false);
    const reply = await harness.manager.logout(accountId, false);
    expect(reply).toEqual({ serverNotified: false, message: expect.stringContaining('not told') });
    expect(await sessionOf(harness, accountId)).toBeUndefined();
  });

  it('logout of an expired token sends nothing', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness, '8s');
    harness.clock.advance(9000);
    expect(await harness.manager.logout(accountId, false)).toMatchObject({ serverNotified: false });
    expect(harness.kuzzle.callsOf('logout')).toEqual([]);
  });

  it('forget drops the token locally without a call', async () => {
    const harness = managerHarness();
    const { accountId } = await withAliceLoggedIn(harness);
    harness.kuzzle.calls.length = 0;
    await harness.manager.forget(accountId);
    expect(harness.kuzzle.calls).toEqual([]);
    expect(await sessionOf(harness, accountId)).toBeUndefined();
    expect(harness.pages.pushes.at(-1)).toMatchObject({ session: null, reason: 'forget' });
  });
});

describe('accounts and bound pages', () => {
  async function twoAccounts() {
    const harness = managerHarness();
    const alice = await withAliceLoggedIn(harness);
    const bob = await harness.manager.login({ serverId: alice.serverId, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' } });
    return { harness, serverId: alice.serverId, aliceId: alice.accountId, bobId: bob.outcome === 'active' ? bob.accountId : '' };
  }

  it('switching announces the new active session to the bound pages', async () => {
    const { harness, aliceId } = await twoAccounts();
    await harness.manager.switchAccount(aliceId);
    expect(harness.pages.pushes.at(-1)).toMatchObject({ reason: 'switch', session: { kuid: 'alice-kuid' } });
    expect((await harness.manager.getState()).servers[0]!.activeAccountId).toBe(aliceId);
  });

  it('the next-account command cycles through the accounts of the tab\'s server', async () => {
    const { harness, aliceId, bobId } = await twoAccounts();
    expect(await harness.manager.cycleAccount(`${KUZZLE_URL}/some/page`)).toBe(aliceId);
    expect(await harness.manager.cycleAccount(`${KUZZLE_URL}/`)).toBe(bobId);
    // With no server for the tab, the last used server.
    expect(await harness.manager.cycleAccount('https://elsewhere.example')).toBe(aliceId);
  });

  it('binds an exact origin the extension may access, and gives pages of it the active session', async () => {
    const { harness, serverId, bobId } = await twoAccounts();
    await expect(harness.manager.bindOrigin(serverId, 'http://127.0.0.1:8080')).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('permission') });
    await expect(harness.manager.bindOrigin(serverId, 'ftp://127.0.0.1')).rejects.toMatchObject({ kind: 'invalid-input' });
    await expect(harness.manager.bindOrigin(serverId, 'https://user:pw@127.0.0.1:8080')).rejects.toMatchObject({ kind: 'invalid-input' });
    harness.permitted.add('http://127.0.0.1:8080');
    // Bound as the origin alone: a binding covers the whole site.
    const view = await harness.manager.bindOrigin(serverId, 'HTTP://127.0.0.1:8080/#/data');
    expect(view.boundOrigins).toEqual(['http://127.0.0.1:8080']);
    expect(harness.pages.registrations.at(-1)).toEqual(['http://127.0.0.1:8080']);
    expect(await harness.manager.getPageSession('http://127.0.0.1:8080')).toMatchObject({ kuid: 'bob-kuid', server: { host: '127.0.0.1', port: 7512, ssl: false } });
    expect(await harness.manager.getPageSession('https://127.0.0.1:8080')).toBeNull();
    expect(await harness.manager.isBoundOrigin('http://127.0.0.1:8080')).toBe(true);
    await harness.manager.forget(bobId);
    expect(await harness.manager.getPageSession('http://127.0.0.1:8080')).toBeNull();
    await harness.manager.unbindOrigin(serverId, 'http://127.0.0.1:8080');
    expect(harness.pages.registrations.at(-1)).toEqual([]);
    expect(await harness.manager.isBoundOrigin('http://127.0.0.1:8080')).toBe(false);
  });

  it('removing the active account makes the most recently used other one active', async () => {
    const { harness, aliceId, bobId } = await twoAccounts();
    await harness.manager.removeAccount(bobId);
    const server = (await harness.manager.getState()).servers[0]!;
    expect(server.activeAccountId).toBe(aliceId);
    expect(server.accounts.map((account) => account.id)).toEqual([aliceId]);
  });

  it('removing a server drops its accounts and sessions, releases its pages, and its refreshes', async () => {
    const { harness, serverId, aliceId, bobId } = await twoAccounts();
    harness.permitted.add('https://console.example.com');
    await harness.manager.bindOrigin(serverId, 'https://console.example.com');
    await harness.manager.removeServer(serverId);
    const all = await harness.store.readAll();
    expect([all.servers, all.accounts, all.sessions]).toEqual([[], [], []]);
    expect(harness.scheduled.has(aliceId) || harness.scheduled.has(bobId)).toBe(false);
    expect(harness.pages.pushes.at(-1)).toEqual({ origins: ['https://console.example.com'], session: null, reason: 'forget' });
    expect(harness.pages.registrations.at(-1)).toEqual([]);
  });

  it('refuses the same server twice, and names unknown ids as not found', async () => {
    const harness = managerHarness();
    await harness.manager.addServer({ url: KUZZLE_URL, name: 'Local' });
    await expect(harness.manager.addServer({ url: 'http://127.0.0.1:7512/' })).rejects.toMatchObject({ kind: 'invalid-input', message: expect.stringContaining('"Local"') });
    await expect(harness.manager.logout('nobody', false)).rejects.toMatchObject({ kind: 'not-found' });
    await expect(harness.manager.getStrategies('nothing')).rejects.toMatchObject({ kind: 'not-found' });
  });

  it('names a server by its host when no name is given, with the punycode beside an internationalised one', async () => {
    const harness = managerHarness();
    const plain = await harness.manager.addServer({ url: 'https://kuzzle.example.com' });
    // A Cyrillic "а" in place of the Latin "a": the name must not read as apple.com alone.
    const lookalike = await harness.manager.addServer({ url: 'https://\u0430pple.com' });
    const named = await harness.manager.addServer({ url: 'https://bücher.example', name: 'Books' });
    expect(plain.name).toBe('kuzzle.example.com');
    expect(lookalike.name).toBe('\u0430pple.com (xn--pple-43d.com)');
    expect(lookalike.url).toBe('https://xn--pple-43d.com');
    expect(named.name).toBe('Books');
  });

  it('reports quarantined records in the snapshot', async () => {
    const useStore = createDurableStore('manager-quarantine');
    // A damaged record already in the database when the worker starts.
    const { set } = await import('idb-keyval');
    await set('account:broken', { id: 'broken' }, useStore);
    const store = createSessionStore({ useStore, now: () => 0 });
    const harness = managerHarness({ deps: { store } });
    await withAliceLoggedIn(harness);
    const state = await harness.manager.getState();
    expect(state.quarantined).toBe(1);
    expect(state.servers[0]!.accounts).toHaveLength(1);
  });
});

describe('concurrent changes of one server', () => {
  it('a binding made while a login is in flight survives the login, and the account becomes active', async () => {
    let releaseLogin!: () => void;
    const loginMayAnswer = new Promise<void>((resolve) => (releaseLogin = resolve));
    const harness = managerHarness();
    const slowClient: KuzzleClient = {
      ...harness.kuzzle.client,
      login: async (...args) => {
        await loginMayAnswer;
        return harness.kuzzle.client.login(...args);
      },
    };
    const slow = managerHarness({ shared: { store: harness.store, locks: harness.locks, kuzzle: harness.kuzzle, clock: harness.clock }, deps: { clientFor: () => slowClient } });
    slow.permitted.add('http://127.0.0.1:8080');
    const server = await slow.manager.addServer({ url: KUZZLE_URL });

    const login = slow.manager.login({ serverId: server.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' } });
    await slow.manager.bindOrigin(server.id, 'http://127.0.0.1:8080');
    releaseLogin();
    const reply = await login;

    const stored = await harness.store.get('server', server.id);
    expect(stored?.boundOrigins).toEqual(['http://127.0.0.1:8080']);
    expect(reply.outcome === 'active' && stored?.activeAccountId === reply.accountId).toBe(true);
  });
});

describe('host permissions given back', () => {
  it('unbinding an origin, then removing its server, offers their origins back with what is still bound', async () => {
    const harness = managerHarness();
    harness.permitted.add('http://127.0.0.1:8080').add('http://127.0.0.1:8081');
    const { serverId } = await withAliceLoggedIn(harness);
    await harness.manager.bindOrigin(serverId, 'http://127.0.0.1:8080');
    await harness.manager.bindOrigin(serverId, 'http://127.0.0.1:8081');

    await harness.manager.unbindOrigin(serverId, 'http://127.0.0.1:8080');
    expect(harness.released).toEqual([{ removedOrigins: ['http://127.0.0.1:8080'], stillBound: ['http://127.0.0.1:8081'] }]);

    await harness.manager.removeServer(serverId);
    expect(harness.released[1]).toEqual({ removedOrigins: ['http://127.0.0.1:8081', KUZZLE_URL], stillBound: [] });
  });
});
