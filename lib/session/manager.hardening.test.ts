// Issue 7, item 2: IndexedDB refusing to write (quota, a database closing under a newer version).
// The failure reaches the popup as a "storage" error that says nothing was lost, and it is true:
// what was saved before is still there, and everything works again once the browser writes.
import { describe, expect, it } from 'vitest';
import { entries, type UseStore } from 'idb-keyval';
import { toErrorInfo } from '../error-info';
import { createDurableStore } from '../store/database';
import { createSessionStore } from '../store/store';
import { createMemoryLocks } from '../../test-support/locks';
import { fakeClock, fakeKuzzle, managerHarness, withAliceLoggedIn } from '../../test-support/session';

let databases = 0;

/** An object store whose writes throw, as a full disk makes IndexedDB do. */
function refusingWrites(store: IDBObjectStore, refusal: () => Error): IDBObjectStore {
  return new Proxy(store, {
    get(target, property) {
      if (property === 'put' || property === 'add' || property === 'delete' || property === 'clear') {
        return () => {
          throw refusal();
        };
      }
      const value: unknown = Reflect.get(target, property, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/**
 * The real store over fake-indexeddb. `refuseWrites`: writes throw (a full disk); `refuseAll`: every
 * transaction fails (a database closing under a newer version). `saved()` reads what is on disk.
 */
function harnessWithFailingStorage() {
  const inner = createDurableStore(`manager-hardening-${(databases += 1)}`);
  let mode: { writes: () => Error } | { all: () => Error } | null = null;
  const useStore: UseStore = (transactionMode, callback) => {
    if (mode && 'all' in mode) return Promise.reject(mode.all());
    const refusal = mode && 'writes' in mode && transactionMode === 'readwrite' ? mode.writes : null;
    return inner(transactionMode, (store) => callback(refusal ? refusingWrites(store, refusal) : store));
  };
  const clock = fakeClock();
  const store = createSessionStore({ useStore, now: clock.now });
  const harness = managerHarness({ shared: { store, locks: createMemoryLocks(), kuzzle: fakeKuzzle(clock), clock } });
  return {
    ...harness,
    refuseWrites: (error: () => Error) => void (mode = { writes: error }),
    refuseAll: (error: () => Error) => void (mode = { all: error }),
    allow: () => void (mode = null),
    saved: async () => (await entries(inner)).sort(([a], [b]) => String(a).localeCompare(String(b))),
  };
}

type FailingHarness = ReturnType<typeof harnessWithFailingStorage>;

const QUOTA = () => new DOMException('The quota has been exceeded.', 'QuotaExceededError');
const CLOSING = () => new DOMException('The database connection is closing.', 'InvalidStateError');

/** The worst moment: the server has issued the new token (and retired the old one), then the disk is full. */
function fillTheDiskAfterTheServerRefreshes(harness: FailingHarness): void {
  const refreshToken = harness.kuzzle.client.refreshToken;
  harness.kuzzle.client.refreshToken = async (...args) => {
    const token = await refreshToken(...args);
    harness.refuseWrites(QUOTA);
    return token;
  };
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a failure');
    },
    (error: unknown) => error,
  );
}

describe('IndexedDB refusing writes', () => {
  it.each([
    ['full (quota)', (harness: FailingHarness) => harness.refuseWrites(QUOTA)],
    ['closing (blocked by a newer version)', (harness: FailingHarness) => harness.refuseAll(CLOSING)],
  ])('when it is %s, a login says so, keeps what was saved, and works once the browser writes again', async (_what, refuse) => {
    const harness = harnessWithFailingStorage();
    const alice = await withAliceLoggedIn(harness);
    const before = await harness.store.readAll();
    const onDisk = await harness.saved();

    refuse(harness);
    const refused = await failure(harness.manager.login({ serverId: alice.serverId, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' } }));
    const info = toErrorInfo(refused);
    expect(info.kind).toBe('storage');
    expect(info.message).toMatch(/Nothing (saved )?was lost/);
    expect(await harness.saved()).toEqual(onDisk);

    harness.allow();
    const bob = await harness.manager.login({ serverId: alice.serverId, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' } });
    expect(bob.outcome).toBe('active');
    const after = await harness.store.readAll();
    expect(after.accounts.map((account) => account.kuid).sort()).toEqual(['alice-kuid', 'bob-kuid']);
    expect(after.sessions.find((session) => session.accountId === alice.accountId)).toEqual(before.sessions[0]);
  });

  it('adding a server while the disk is full says so and adds nothing', async () => {
    const harness = harnessWithFailingStorage();
    harness.refuseWrites(QUOTA);
    const info = toErrorInfo(await failure(harness.manager.addServer({ url: 'http://127.0.0.1:7512' })));
    expect(info.kind).toBe('storage');
    expect(await harness.saved()).not.toContainEqual(expect.arrayContaining([expect.stringMatching(/^server:/)]));
  });

  it('a refresh that cannot be saved reports a storage error, and the account and its session are kept', async () => {
    const harness = harnessWithFailingStorage();
    const alice = await withAliceLoggedIn(harness);
    fillTheDiskAfterTheServerRefreshes(harness);
    const info = toErrorInfo(await failure(harness.manager.refreshNow(alice.accountId)));
    expect(harness.kuzzle.callsOf('refreshToken')).toHaveLength(1);
    expect(info.kind).toBe('storage');
    const contents = await harness.store.readAll();
    expect(contents.accounts).toHaveLength(1);
    expect(contents.sessions).toHaveLength(1);
  });

  // The server retires the old token a second after a refresh: a new token the browser refused to
  // save is kept in memory and written at the next refresh of the account, scheduled soon.
  it('a refresh whose new token cannot be saved keeps that token, and saves it once the browser writes again', async () => {
    const harness = harnessWithFailingStorage();
    const alice = await withAliceLoggedIn(harness);
    fillTheDiskAfterTheServerRefreshes(harness);
    await failure(harness.manager.refreshNow(alice.accountId));
    expect(harness.scheduled.get(alice.accountId)).toBeLessThanOrEqual(harness.clock.now() + 30_000);
    harness.allow();
    harness.clock.advance(5_000);
    // The retry the scheduler fires:
    await harness.manager.refresh(alice.accountId);
    const [session] = (await harness.store.readAll()).sessions;
    // The token the store holds must be one the server still accepts.
    expect((await harness.kuzzle.client.checkToken(session!.jwt)).valid).toBe(true);
  });
});

describe('strategy names for a two-step login in a tab', () => {
  it.each(['..', '.', 'a/../../admin', 's'.repeat(10_000)])('refuses %j before opening any tab', async (strategy) => {
    const harness = managerHarness();
    const server = await harness.manager.addServer({ url: 'http://127.0.0.1:7512' });
    const refused = await failure(harness.manager.startTwoStepInTab({ serverId: server.id, strategy }));
    expect(toErrorInfo(refused).kind).toBe('invalid-input');
    expect(harness.openedTabs).toEqual([]);
  });
});
