/**
 * The records the worker keeps: servers, accounts, sessions and two-step logins in progress.
 *
 * - Every write is one transaction that completes (durably) before `commit` resolves, so the
 *   caller may announce a token as soon as it returns.
 * - A record that fails to decode is moved under `quarantine:<its key>` with the reason, never
 *   deleted, and counted so the popup can say so.
 * - The schema version is checked, and older data migrated, before the first read or write.
 */
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { decodeRecord, type RecordTypes } from './codec';
import { RECORD_PREFIXES, SCHEMA_VERSION_KEY, kindOfKey, recordKey, type RecordKind } from './keys';
import { CURRENT_SCHEMA_VERSION, MIGRATIONS, applyMigrations, migrationPath, type Migration } from './migrations';

export class StoreError extends Error {
  readonly kind = 'storage' as const;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreError';
  }
}

export interface QuarantinedRecord {
  key: string;
  value: unknown;
  reason: string;
  quarantinedAt: number;
}

export interface StoreContents {
  servers: RecordTypes['server'][];
  accounts: RecordTypes['account'][];
  sessions: RecordTypes['session'][];
  pending: RecordTypes['pending'][];
  apiKeys: RecordTypes['apiKey'][];
  quarantined: number;
}

export type StoreChange =
  | { [K in RecordKind]: { put: K; record: RecordTypes[K] } }[RecordKind]
  /**
   * Rewrites the record as the commits before this one left it, not as the caller read it earlier,
   * so that two changes of one record made at once (a login and a binding) do not undo each other.
   * A record that is gone is left gone.
   */
  | { [K in RecordKind]: { update: K; id: string; apply: (current: RecordTypes[K]) => RecordTypes[K] } }[RecordKind]
  | { remove: RecordKind; id: string };

/** Every record handed out is frozen (deeply) and shared with other readers: build a new one and commit it to change it. */
export interface SessionStore {
  readAll(): Promise<StoreContents>;
  /** The records of one kind, in key order: for the paths that need no more (every bound page load). */
  list<K extends RecordKind>(kind: K): Promise<RecordTypes[K][]>;
  get<K extends RecordKind>(kind: K, id: string): Promise<RecordTypes[K] | undefined>;
  /** Applies every change in one transaction: all of them or none. */
  commit(changes: readonly StoreChange[]): Promise<void>;
}

export interface SessionStoreOptions {
  useStore: UseStore;
  now: () => number;
  migrations?: readonly Migration[];
  currentVersion?: number;
}

const KEY_OF: { [K in RecordKind]: (record: RecordTypes[K]) => string } = {
  server: (record) => recordKey.server(record.id),
  account: (record) => recordKey.account(record.id),
  session: (record) => recordKey.session(record.accountId),
  pending: (record) => recordKey.pending(record.serverId),
  apiKey: (record) => recordKey.apiKey(record.accountId),
};

/** Runs `work` in a transaction and resolves once the transaction has completed. */
async function inTransaction<T>(useStore: UseStore, mode: IDBTransactionMode, work: (store: IDBObjectStore) => Promise<T>): Promise<T> {
  try {
    return await useStore(mode, async (store) => {
      const done = promisifyRequest(store.transaction);
      let result: T;
      try {
        result = await work(store);
      } catch (error) {
        // A put that throws (a value that cannot be cloned) does not end the transaction by itself.
        done.catch(() => {});
        store.transaction.abort();
        throw error;
      }
      await done;
      return result;
    });
  } catch (error) {
    if (error instanceof StoreError) throw error;
    throw new StoreError(
      `The browser could not ${mode === 'readonly' ? 'read' : 'save'} the extension's data (${(error as Error)?.message ?? String(error)}). Nothing saved was lost; free some disk space or restart the browser, then try again.`,
      { cause: error },
    );
  }
}

async function readEntries(store: IDBObjectStore): Promise<Map<string, unknown>> {
  const [keys, values] = await Promise.all([promisifyRequest(store.getAllKeys()), promisifyRequest(store.getAll())]);
  return new Map(keys.map((key, index) => [String(key), values[index]]));
}

function quarantine(store: IDBObjectStore, key: string, value: unknown, reason: string, now: number): void {
  const record: QuarantinedRecord = { key, value, reason, quarantinedAt: now };
  store.put(record, recordKey.quarantine(key));
  store.delete(key);
}

/** Freezes a decoded record and everything in it (records are plain data: objects, arrays, strings, numbers). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const inner of Object.values(value)) deepFreeze(inner);
  }
  return value;
}

export function createSessionStore(options: SessionStoreOptions): SessionStore {
  const { useStore, now } = options;
  const migrations = options.migrations ?? MIGRATIONS;
  const currentVersion = options.currentVersion ?? CURRENT_SCHEMA_VERSION;

  let ready: Promise<void> | undefined;
  const ensureSchema = (): Promise<void> => {
    ready ??= inTransaction(useStore, 'readwrite', async (store) => {
      const entries = await readEntries(store);
      const stored = entries.get(SCHEMA_VERSION_KEY);
      entries.delete(SCHEMA_VERSION_KEY);
      // Records without a version key predate nothing: version 1 was the first to be written.
      const version = typeof stored === 'number' ? stored : 1;
      if (version > currentVersion) {
        throw new StoreError(
          `The saved data was written by a newer version of the extension (schema ${version}; this one reads up to ${currentVersion}). Update the extension; nothing was changed.`,
        );
      }
      if (version < currentVersion) {
        const migrated = applyMigrations(entries, migrationPath(version, currentVersion, migrations));
        for (const key of entries.keys()) if (!migrated.has(key)) store.delete(key);
        for (const [key, value] of migrated) store.put(value, key);
      }
      if (stored !== currentVersion) store.put(currentVersion, SCHEMA_VERSION_KEY);
    });
    ready.catch(() => (ready = undefined));
    return ready;
  };

  /** Moves records that failed to decode under `quarantine:<key>`, unless they changed since they were read. */
  function setAside(records: ReadonlyArray<{ key: string; value: unknown; reason: string }>): Promise<void> {
    return inTransaction(useStore, 'readwrite', async (store) => {
      for (const { key, value, reason } of records) {
        const current: unknown = await promisifyRequest(store.get(key));
        if (current !== undefined && JSON.stringify(current) === JSON.stringify(value)) quarantine(store, key, value, reason, now());
      }
    });
  }

  /**
   * The decoded records, read once and then kept current by `commit`: the worker is the only
   * writer of its database, and reading and decoding every record on each request made the popup
   * and every bound page load wait on IndexedDB. Records are handed out frozen and shared, not
   * copied (copying 2,000 records made the popup's state with 1,000 accounts slow): a record is
   * changed by committing a new one, and one changed in place throws.
   */
  let cached: Promise<{ records: Map<string, unknown>; quarantined: number }> | undefined;
  let commits: Promise<void> = Promise.resolve();
  const load = () => {
    cached ??= (async () => {
      await ensureSchema();
      // A readonly transaction (no disk flush); only records that fail to decode need a write, to be set aside.
      const entries = await inTransaction(useStore, 'readonly', readEntries);
      const records = new Map<string, unknown>();
      let quarantined = 0;
      const undecodable: Array<{ key: string; value: unknown; reason: string }> = [];
      for (const [key, value] of entries) {
        const kind = kindOfKey(key);
        if (kind === 'quarantine') quarantined += 1;
        if (kind === null || kind === 'quarantine' || kind === 'meta') continue;
        const decoded = decodeRecord(kind, key.slice(RECORD_PREFIXES[kind].length), value);
        if (decoded.ok) records.set(key, deepFreeze(decoded.value));
        else undecodable.push({ key, value, reason: decoded.reason });
      }
      if (undecodable.length > 0) {
        await setAside(undecodable);
        quarantined += undecodable.length;
      }
      return { records, quarantined };
    })();
    cached.catch(() => (cached = undefined));
    return cached;
  };

  return {
    async readAll() {
      const { records, quarantined } = await load();
      const contents: StoreContents = { servers: [], accounts: [], sessions: [], pending: [], apiKeys: [], quarantined };
      const lists: { [K in RecordKind]: RecordTypes[K][] } = {
        server: contents.servers,
        account: contents.accounts,
        session: contents.sessions,
        pending: contents.pending,
        apiKey: contents.apiKeys,
      };
      // In key order, as IndexedDB gives them.
      for (const key of [...records.keys()].sort()) {
        const kind = kindOfKey(key) as RecordKind;
        (lists[kind] as unknown[]).push(records.get(key));
      }
      return contents;
    },

    async list(kind) {
      const { records } = await load();
      const prefix = RECORD_PREFIXES[kind];
      return [...records.keys()]
        .filter((key) => key.startsWith(prefix))
        .sort()
        .map((key) => records.get(key) as RecordTypes[typeof kind]);
    },

    async get(kind, id) {
      const { records } = await load();
      const record = records.get(recordKey[kind](id));
      return record as RecordTypes[typeof kind] | undefined;
    },

    commit(changes) {
      // One commit at a time, each starting from what the one before left: an `update` then reads
      // the record from memory instead of from IndexedDB inside the transaction (a round trip on
      // every login), and still sees every earlier change, as the database's only writer.
      const turn = commits.then(() => commitNow(changes));
      commits = turn.catch(() => {});
      return turn;
    },
  };

  async function commitNow(changes: readonly StoreChange[]): Promise<void> {
    const snapshot = await load();
    // What this commit has written so far, over what is stored: a put then an update of one record sees the put.
    const written = new Map<string, unknown>();
    const current = (key: string) => (written.has(key) ? written.get(key) : snapshot.records.get(key));
    await inTransaction(useStore, 'readwrite', async (store) => {
      for (const change of changes) {
        if ('put' in change) {
          const key = (KEY_OF[change.put] as (record: unknown) => string)(change.record);
          store.put(change.record, key);
          written.set(key, change.record);
        } else if ('update' in change) {
          const key = recordKey[change.update](change.id);
          const record = current(key);
          if (record !== undefined) {
            const updated = (change.apply as (current: unknown) => unknown)(record);
            store.put(updated, key);
            written.set(key, updated);
          }
        } else {
          const key = recordKey[change.remove](change.id);
          store.delete(key);
          written.set(key, undefined);
        }
      }
    });
    // Only once the transaction has completed: a failed commit leaves the copy as the disk is.
    for (const [key, value] of written) {
      if (value === undefined) snapshot.records.delete(key);
      else snapshot.records.set(key, deepFreeze(structuredClone(value)));
    }
  };
}
