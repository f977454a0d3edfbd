/**
 * The extension's IndexedDB database, on idb-keyval with our own store factory.
 *
 * One object store holds every record under a typed key prefix (`server:<id>`, `session:<accountId>` …)
 * so that a change touching several records (a login writes the account, its session and the
 * server's active account) commits in ONE transaction: all of it or none.
 *
 * Read-write transactions ask for `durability: 'strict'`: the promise of a write settles only when
 * the data is on disk, because a token is announced to the popup and the pages right after.
 */
import { get, promisifyRequest, set, type UseStore } from 'idb-keyval';

export const DATABASE_NAME = 'kuzzle-session-manager';
export const OBJECT_STORE_NAME = 'records';

export function createDurableStore(databaseName = DATABASE_NAME, storeName = OBJECT_STORE_NAME, indexedDb: IDBFactory = indexedDB): UseStore {
  let database: Promise<IDBDatabase> | undefined;
  const open = (): Promise<IDBDatabase> => {
    if (!database) {
      const request = indexedDb.open(databaseName);
      request.onupgradeneeded = () => request.result.createObjectStore(storeName);
      database = promisifyRequest(request).then((db) => {
        // Another context (a newer extension version) upgrading the database closes ours; reopen next time.
        db.onversionchange = () => {
          db.close();
          database = undefined;
        };
        return db;
      });
      database.catch(() => (database = undefined));
    }
    return database;
  };
  return async (mode, callback) => {
    const db = await open();
    const transaction = mode === 'readwrite' ? db.transaction(storeName, mode, { durability: 'strict' }) : db.transaction(storeName, mode);
    return callback(transaction.objectStore(storeName));
  };
}

/** Apart from the records (and their migrations): the origins whose pages may still hold a taken-back token. */
export const PAGES_DATABASE_NAME = 'kuzzle-session-manager-pages';
const STALE_ORIGINS_KEY = 'stale-origins';

export function createStaleOriginStore(indexedDb: IDBFactory = indexedDB) {
  const useStore = createDurableStore(PAGES_DATABASE_NAME, 'pages', indexedDb);
  return {
    read: async (): Promise<readonly string[]> => {
      const value: unknown = await get(STALE_ORIGINS_KEY, useStore);
      return Array.isArray(value) ? value.filter((origin): origin is string => typeof origin === 'string') : [];
    },
    write: (origins: readonly string[]) => set(STALE_ORIGINS_KEY, [...origins], useStore),
  };
}
