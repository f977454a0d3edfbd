import { createStore, entries, get, set, setMany } from 'idb-keyval';
import { describe, expect, it } from 'vitest';
import type { ServerRecord, SessionRecord } from '../model';
import { createDurableStore } from './database';
import { SCHEMA_VERSION_KEY } from './keys';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, migrationPath, type Migration } from './migrations';
import { StoreError, createSessionStore, type QuarantinedRecord } from './store';
import * as v001 from '../../test-support/store/v001';

let databaseCount = 0;
function freshStore() {
  const useStore = createDurableStore(`store-test-${(databaseCount += 1)}`);
  return { useStore, store: createSessionStore({ useStore, now: () => 42 }) };
}

const server: ServerRecord = {
  id: 's1',
  url: 'http://127.0.0.1:7512',
  name: 'Local',
  color: 'blue',
  boundOrigins: [],
  activeAccountId: null,
  createdAt: 1,
};
const session: SessionRecord = { accountId: 'a1', jwt: 'kauth-x', expiresAt: 5000, ttl: 4000, state: 'active', updatedAt: 1 };

describe('session store', () => {
  it('stamps a new database with the current schema version', async () => {
    const { useStore, store } = freshStore();
    expect((await store.readAll()).servers).toEqual([]);
    expect(await get(SCHEMA_VERSION_KEY, useStore)).toBe(CURRENT_SCHEMA_VERSION);
  });

  it('writes several records in one commit and reads them back decoded', async () => {
    const { store } = freshStore();
    await store.commit([
      { put: 'server', record: server },
      { put: 'session', record: session },
    ]);
    expect(await store.get('server', 's1')).toEqual(server);
    expect(await store.get('session', 'a1')).toEqual(session);
    const all = await store.readAll();
    expect(all.servers).toEqual([server]);
    expect(all.sessions).toEqual([session]);
  });

  it('updates a record as the commits before left it, and leaves a missing one missing', async () => {
    const { store } = freshStore();
    await store.commit([{ put: 'server', record: server }]);
    // Two callers that read the same record earlier each change one field: neither change is lost.
    await store.commit([{ update: 'server', id: 's1', apply: (current) => ({ ...current, boundOrigins: [...current.boundOrigins, 'http://127.0.0.1:8080'] }) }]);
    await store.commit([{ update: 'server', id: 's1', apply: (current) => ({ ...current, activeAccountId: 'a1' }) }]);
    expect(await store.get('server', 's1')).toEqual({ ...server, boundOrigins: ['http://127.0.0.1:8080'], activeAccountId: 'a1' });
    await store.commit([{ update: 'server', id: 'gone', apply: (current) => ({ ...current, name: 'revived' }) }]);
    expect(await store.get('server', 'gone')).toBeUndefined();
  });

  it('keeps both of two updates started at once, sees a put made earlier in the same commit, and goes on after a failed commit', async () => {
    const { store } = freshStore();
    await store.commit([{ put: 'server', record: server }]);
    const binding = store.commit([{ update: 'server', id: 's1', apply: (current) => ({ ...current, boundOrigins: [...current.boundOrigins, 'http://127.0.0.1:8080'] }) }]);
    const broken = store.commit([{ put: 'server', record: { ...server, name: (() => 'not data') as unknown as string } }]);
    const login = store.commit([{ update: 'server', id: 's1', apply: (current) => ({ ...current, activeAccountId: 'a1' }) }]);
    await expect(broken).rejects.toThrow(/could not save/);
    await Promise.all([binding, login]);
    expect(await store.get('server', 's1')).toEqual({ ...server, boundOrigins: ['http://127.0.0.1:8080'], activeAccountId: 'a1' });

    await store.commit([
      { put: 'server', record: { ...server, id: 's2' } },
      { update: 'server', id: 's2', apply: (current) => ({ ...current, name: 'Second' }) },
    ]);
    expect((await store.get('server', 's2'))?.name).toBe('Second');
  });

  it('removes records by kind and id', async () => {
    const { store } = freshStore();
    await store.commit([{ put: 'session', record: session }]);
    await store.commit([{ remove: 'session', id: 'a1' }]);
    expect(await store.get('session', 'a1')).toBeUndefined();
  });

  it('keeps nothing of a commit whose transaction fails', async () => {
    const { store } = freshStore();
    // A function cannot be cloned into IndexedDB: the second put throws and the first must not stay.
    const broken = { ...server, id: 's2', name: (() => 'x') as unknown as string };
    await expect(store.commit([{ put: 'session', record: session }, { put: 'server', record: broken }])).rejects.toBeInstanceOf(StoreError);
    expect(await store.get('session', 'a1')).toBeUndefined();
  });

  it('sets a record that fails to decode aside under quarantine with the reason, and counts it', async () => {
    const { useStore, store: earlier } = freshStore();
    await earlier.commit([{ put: 'server', record: server }]);
    // Damage is met when the worker (re)starts and reads the database: a new store over the same one.
    await set('session:a9', { ...session, accountId: 'a9', jwt: 42 }, useStore);
    const store = createSessionStore({ useStore, now: () => 42 });
    const all = await store.readAll();
    expect(all.quarantined).toBe(1);
    expect(all.sessions).toEqual([]);
    expect(all.servers).toEqual([server]);
    const kept = await get<QuarantinedRecord>('quarantine:session:a9', useStore);
    expect(kept).toEqual({ key: 'session:a9', value: { ...session, accountId: 'a9', jwt: 42 }, reason: expect.stringContaining('"jwt"'), quarantinedAt: 42 });
    expect(await get('session:a9', useStore)).toBeUndefined();
    // Still counted on the next read, not lost.
    expect((await store.readAll()).quarantined).toBe(1);
  });

  it('reads the database once, then answers from a copy that every commit keeps current', async () => {
    const { useStore } = freshStore();
    const modes: IDBTransactionMode[] = [];
    const counting: typeof useStore = (mode, callback) => {
      modes.push(mode);
      return useStore(mode, callback);
    };
    const store = createSessionStore({ useStore: counting, now: () => 42 });
    await store.commit([{ put: 'server', record: server }]);
    modes.length = 0;
    await store.readAll();
    await store.get('server', 's1');
    await store.commit([{ update: 'server', id: 's1', apply: (current) => ({ ...current, name: 'Renamed' }) }, { put: 'session', record: session }]);
    await store.commit([{ remove: 'session', id: 'a1' }]);
    expect(modes).toEqual(['readwrite', 'readwrite']);
    expect(await store.get('server', 's1')).toEqual({ ...server, name: 'Renamed' });
    expect((await store.readAll()).sessions).toEqual([]);
    // What the disk holds is what the copy says.
    expect((await createSessionStore({ useStore, now: () => 42 }).readAll()).servers).toEqual([{ ...server, name: 'Renamed' }]);
  });

  it('lists the records of one kind only, in key order', async () => {
    const { store } = freshStore();
    await store.commit([{ put: 'server', record: { ...server, id: 's2' } }, { put: 'server', record: server }, { put: 'session', record: session }]);
    const servers = await store.list('server');
    expect(servers.map((record) => record.id)).toEqual(['s1', 's2']);
    expect(() => (servers[0]!.name = 'changed')).toThrow(TypeError);
    expect(await store.list('session')).toEqual([session]);
    expect((await store.get('server', 's1'))!.name).toBe(server.name);
  });

  it('hands out frozen records: changing one read throws and does not change the store, nor does changing what was committed', async () => {
    const { store } = freshStore();
    const committed = structuredClone(server);
    await store.commit([{ put: 'server', record: committed }]);
    committed.boundOrigins.push('http://evil.example');
    const read = await store.get('server', 's1');
    expect(() => read!.boundOrigins.push('http://evil.example')).toThrow(TypeError);
    const all = await store.readAll();
    expect(() => (all.servers[0]!.name = 'changed')).toThrow(TypeError);
    expect(await store.get('server', 's1')).toEqual(server);
  });

  it('quarantines a damaged record met by a single get too', async () => {
    const { useStore, store } = freshStore();
    await set('server:s1', { ...server, color: 'chartreuse' }, useStore);
    expect(await store.get('server', 's1')).toBeUndefined();
    expect(await get<QuarantinedRecord>('quarantine:server:s1', useStore)).toMatchObject({ reason: expect.stringContaining('color') });
  });

  it('quarantines a record stored under another id than its own', async () => {
    const { useStore, store } = freshStore();
    await set('server:other', server, useStore);
    expect((await store.readAll()).quarantined).toBe(1);
  });

  it('refuses data written by a newer schema and changes nothing', async () => {
    const { useStore } = freshStore();
    await setMany([[SCHEMA_VERSION_KEY, CURRENT_SCHEMA_VERSION + 1], ['server:s1', server]], useStore);
    const store = createSessionStore({ useStore, now: () => 0 });
    await expect(store.readAll()).rejects.toThrow(/newer version of the extension/);
    expect(await entries(useStore)).toHaveLength(2);
  });

  it('runs the migration steps in order and records the new version', async () => {
    const { useStore } = freshStore();
    await setMany([[SCHEMA_VERSION_KEY, 1], ['server:s1', { ...server, colour: 'blue', color: undefined }]], useStore);
    const renameColour: Migration = {
      from: 1,
      to: 2,
      migrate: (entries) => ({
        put: [...entries].filter(([key]) => key.startsWith('server:')).map(([key, value]) => {
          const { colour, ...rest } = value as Record<string, unknown>;
          return [key, { ...rest, color: colour }];
        }),
        remove: [],
      }),
    };
    const store = createSessionStore({ useStore, now: () => 0, migrations: [renameColour], currentVersion: 2 });
    expect(await store.get('server', 's1')).toEqual(server);
    expect(await get(SCHEMA_VERSION_KEY, useStore)).toBe(2);
  });

  it('refuses to skip a missing migration step', () => {
    expect(() => migrationPath(1, 3, [{ from: 1, to: 2, migrate: () => ({ put: [], remove: [] }) }])).toThrow(/from schema version 2 to 3/);
  });
});

describe('every frozen example reaches the current schema', () => {
  const examples = [v001];
  it.each(examples.map((example) => [example.SCHEMA_VERSION, example] as const))('schema %i', async (_version, example) => {
    const useStore = createStore(`example-${example.SCHEMA_VERSION}-${(databaseCount += 1)}`, 'records');
    await setMany(example.ENTRIES.map(([key, value]) => [key, value]), useStore);
    const store = createSessionStore({ useStore: useStore, now: () => 0, migrations: MIGRATIONS });
    const all = await store.readAll();
    expect({
      servers: all.servers.length,
      accounts: all.accounts.length,
      sessions: all.sessions.length,
      pending: all.pending.length,
      quarantined: all.quarantined,
    }).toEqual(example.EXPECTED_COUNTS);
    expect(await get(SCHEMA_VERSION_KEY, useStore)).toBe(CURRENT_SCHEMA_VERSION);
  });
});

