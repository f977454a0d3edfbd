// Issue 12, item 1, the worker's side: every change that takes a token away from a bound origin
// marks it stale (before the change is written and after), and it is unmarked only when known to
// hold what the extension stands behind at that moment. Item 2: removing a server or an account
// logs its sessions out on the server first, or says it could not.
import { describe, expect, it } from 'vitest';
import { managerHarness, withAliceLoggedIn, type ManagerHarness } from '../../test-support/session';

const SITE = 'http://127.0.0.1:8080';

async function boundAlice(harness: ManagerHarness) {
  const ids = await withAliceLoggedIn(harness);
  harness.permitted.add(SITE);
  await harness.manager.bindOrigin(ids.serverId, SITE);
  await harness.manager.settled();
  return ids;
}

async function jwtOf(harness: ManagerHarness, accountId: string) {
  return (await harness.store.get('session', accountId))?.jwt;
}

describe('taking a token back from closed pages', () => {
  it('binding and logging in mark nothing', async () => {
    const harness = managerHarness();
    await boundAlice(harness);
    expect(harness.pages.stale.size).toBe(0);
  });

  it.each([
    ['unbinding', async (h: ManagerHarness, ids: { serverId: string; accountId: string }) => void (await h.manager.unbindOrigin(ids.serverId, SITE))],
    ['removing the server', async (h: ManagerHarness, ids: { serverId: string }) => void (await h.manager.removeServer(ids.serverId))],
    ['forgetting the account', async (h: ManagerHarness, ids: { accountId: string }) => void (await h.manager.forget(ids.accountId))],
    ['removing the account', async (h: ManagerHarness, ids: { accountId: string }) => void (await h.manager.removeAccount(ids.accountId))],
    ['logging out', async (h: ManagerHarness, ids: { accountId: string }) => void (await h.manager.logout(ids.accountId, false))],
    ['refreshing', async (h: ManagerHarness, ids: { accountId: string }) => void (await h.manager.refreshNow(ids.accountId))],
  ])('%s with no tab open leaves the site marked, and its registrations follow', async (_name, change) => {
    const harness = managerHarness();
    const ids = await boundAlice(harness);
    const registrationsBefore = harness.pages.registrations.length;
    await change(harness, ids);
    await harness.manager.settled();
    expect([...harness.pages.stale]).toEqual([SITE]);
    // Marked before the change was written, and again after.
    expect(harness.pages.staleChanges.filter((change) => change.mark?.includes(SITE)).length).toBeGreaterThanOrEqual(2);
    expect(harness.pages.registrations.length).toBeGreaterThan(registrationsBefore);
  });

  it('switching marks the site; with a tab open that was written, it is unmarked at once', async () => {
    const harness = managerHarness();
    const alice = await boundAlice(harness);
    const bob = await harness.manager.login({ serverId: alice.serverId, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' } });
    if (bob.outcome !== 'active') throw new Error('bob should be logged in');
    await harness.manager.settled();
    harness.pages.staleChanges.length = 0;
    await harness.manager.switchAccount(alice.accountId);
    await harness.manager.settled();
    expect([...harness.pages.stale]).toEqual([SITE]);

    harness.pages.openOrigins.add(SITE);
    await harness.manager.switchAccount(bob.accountId);
    await harness.manager.settled();
    expect(harness.pages.stale.size).toBe(0);
  });

  it('a page that reports the current token unmarks its origin; one that reports an older token does not', async () => {
    const harness = managerHarness();
    const ids = await boundAlice(harness);
    const before = await jwtOf(harness, ids.accountId);
    await harness.manager.refreshNow(ids.accountId);
    await harness.manager.settled();
    expect([...harness.pages.stale]).toEqual([SITE]);
    await harness.manager.reportPlantedToken(SITE, before ?? null);
    expect([...harness.pages.stale]).toEqual([SITE]);
    await harness.manager.reportPlantedToken(SITE, (await jwtOf(harness, ids.accountId)) ?? null);
    expect(harness.pages.stale.size).toBe(0);
  });

  it('an unbound site that reports it holds nothing is unmarked and its host permission given back; until then it is kept', async () => {
    const harness = managerHarness();
    const ids = await boundAlice(harness);
    await harness.manager.unbindOrigin(ids.serverId, SITE);
    expect(await harness.manager.isStaleOrigin(SITE)).toBe(true);
    expect(await harness.manager.reportPlantedToken(SITE, 'h.some-token.s')).toBeNull();
    expect(await harness.manager.isStaleOrigin(SITE)).toBe(true);
    harness.released.length = 0;
    await harness.manager.reportPlantedToken(SITE, null);
    expect(await harness.manager.isStaleOrigin(SITE)).toBe(false);
    expect(harness.released).toEqual([{ removedOrigins: [SITE], stillBound: [] }]);
  });
});

describe('removing logs out on the server first', () => {
  it('removing a server ends its live sessions on the server', async () => {
    const harness = managerHarness();
    const ids = await boundAlice(harness);
    const jwt = (await jwtOf(harness, ids.accountId))!;
    expect(await harness.manager.removeServer(ids.serverId)).toEqual({ serverNotified: true });
    expect(harness.kuzzle.callsOf('logout')).toEqual([expect.objectContaining({ token: jwt })]);
    expect(harness.kuzzle.tokens.has(jwt)).toBe(false);
  });

  it('says when the server could not be told: the token stays valid there until it expires; the server is removed anyway', async () => {
    const harness = managerHarness();
    const ids = await boundAlice(harness);
    harness.kuzzle.setReachable(false);
    const reply = await harness.manager.removeServer(ids.serverId);
    expect(reply.serverNotified).toBe(false);
    expect(reply.message).toMatch(/One session could not be ended on the server .* Its token stays valid there until it expires\./);
    expect((await harness.manager.getState()).servers).toEqual([]);
  });

  it('removing an account logs it out on the server first', async () => {
    const harness = managerHarness();
    const ids = await boundAlice(harness);
    const jwt = (await jwtOf(harness, ids.accountId))!;
    expect(await harness.manager.removeAccount(ids.accountId)).toEqual({ serverNotified: true });
    expect(harness.kuzzle.tokens.has(jwt)).toBe(false);
  });
});
