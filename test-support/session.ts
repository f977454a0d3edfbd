/**
 * Fakes for the session manager's unit tests: a Kuzzle that keeps a token table like the real
 * one (tokens are server-side state), a clock whose sleep moves time, and recorders for what the
 * manager tells the world. Imported by tests only.
 */
import { KuzzleError, ServerUnreachableError } from '../lib/kuzzle/errors';
import type { AuthToken, CheckTokenResult, ExpiresIn, KuzzleClient, LoginOutcome } from '../lib/kuzzle/types';
import type { AnyEvent } from '../lib/messages';
import type { PageSession, ServerRecord } from '../lib/model';
import type { PageSessionChangeReason, PageSync } from '../lib/inject/types';
import { createDurableStore } from '../lib/store/database';
import { createSessionStore, type SessionStore } from '../lib/store/store';
import type { Locks } from '../lib/session/locks';
import { createMemoryLocks } from './locks';
import { createSessionManager, type SessionManagerDeps } from '../lib/session/manager';

export const USERS: Record<string, { kuid: string; password: string }> = {
  alice: { kuid: 'alice-kuid', password: 'alice-password' },
  bob: { kuid: 'bob-kuid', password: 'bob-password' },
};

export function fakeClock(start = 1_700_000_000_000) {
  let current = start;
  return {
    now: () => current,
    advance(ms: number) {
      current += ms;
    },
    sleeps: [] as number[],
  };
}
export type FakeClock = ReturnType<typeof fakeClock>;

export const WRONG_PASSWORD = () =>
  new KuzzleError('wrong username or password', 'plugin.strategy.missing_user', 67305492, 401, ['wrong username or password']);
export const INVALID_TOKEN = () => new KuzzleError('Invalid token.', 'security.token.invalid', 117506049, 401);
export const FORBIDDEN_REFRESH = () =>
  new KuzzleError('Insufficient permissions to execute the action "auth:refreshToken" (User "alice").', 'security.rights.forbidden', 117637122, 403, ['auth', 'refreshToken', 'alice']);

/** A Kuzzle with a token table; `failNext` makes the next calls of one method fail with the given errors. */
export const TTL_EXCEEDED = () => new KuzzleError('expiresIn value exceeds maximum allowed value', 'security.token.ttl_exceeded', 117506052, 400);
export const API_KEY_NOT_FOUND = (id: string) => new KuzzleError(`Document "${id}" not found in "%kuzzle":"api-keys".`, 'services.storage.not_found', 16842763, 404);

/**
 * A Kuzzle with a token table; `failNext` makes the next calls of one method fail with the given
 * errors. API keys live in the same table (a key that never expires as Infinity), as on a real
 * server where a key authenticates like a token; `apiKeyMaxTtl` is `security.apiKey.maxTTL`.
 */
export function fakeKuzzle(clock: FakeClock, options: { defaultTtl?: number; twoStepStrategy?: string; apiKeyMaxTtl?: number } = {}) {
  const defaultTtl = options.defaultTtl ?? 3_600_000;
  const tokens = new Map<string, { kuid: string; expiresAt: number }>();
  const calls: Array<{ method: string; token?: string; args?: unknown[] }> = [];
  const failures = new Map<string, unknown[]>();
  let issued = 0;
  let reachable = true;

  function ttlOf(expiresIn: ExpiresIn | undefined): number {
    if (expiresIn === undefined) return defaultTtl;
    if (typeof expiresIn === 'number') return expiresIn;
    if (expiresIn === '-1') return -1;
    const match = /^(\d+)(ms|s|m|h|d)?$/.exec(expiresIn);
    if (!match) throw new Error(`fake Kuzzle: unsupported expiresIn ${expiresIn}`);
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 }[(match[2] ?? 'ms') as 'ms'];
    return Number(match[1]) * unit;
  }
  const issuedBy = new Map<string, string>();
  const apiKeys = new Map<string, { kuid: string; token: string; description: string; expiresAt: number }>();
  function issue(kuid: string, expiresIn: ExpiresIn | undefined, by = 'test'): AuthToken {
    const ttl = ttlOf(expiresIn);
    const token: AuthToken = { _id: kuid, jwt: `kauth-${kuid}-${(issued += 1)}`, expiresAt: clock.now() + ttl, ttl };
    tokens.set(token.jwt, { kuid, expiresAt: token.expiresAt });
    issuedBy.set(token.jwt, by);
    return token;
  }
  function enter(method: string, token?: string, args?: unknown[]) {
    calls.push({ method, ...(token !== undefined ? { token } : {}), ...(args ? { args } : {}) });
    if (!reachable) throw new ServerUnreachableError('http://kuzzle.test');
    const queued = failures.get(method);
    if (queued && queued.length > 0) throw queued.shift();
  }
  function live(token: string) {
    const entry = tokens.get(token);
    return entry && entry.expiresAt > clock.now() ? entry : undefined;
  }

  const client: KuzzleClient = {
    baseUrl: 'http://kuzzle.test',
    async login(strategy, credentials, expiresIn): Promise<LoginOutcome> {
      enter('login', undefined, [strategy]);
      if (strategy === (options.twoStepStrategy ?? 'oauth-dev')) {
        return { kind: 'two-step', status: 302, location: 'http://kuzzle.test/oauth-dev/authorize', result: {} };
      }
      const user = USERS[String(credentials.username)];
      if (!user || user.password !== credentials.password) throw WRONG_PASSWORD();
      return { kind: 'token', token: issue(user.kuid, expiresIn, 'login') };
    },
    async checkToken(token): Promise<CheckTokenResult> {
      enter('checkToken', token);
      const entry = live(token);
      return entry ? { valid: true, kuid: entry.kuid, expiresAt: entry.expiresAt } : { valid: false, state: 'Invalid token.' };
    },
    async refreshToken(token, expiresIn) {
      enter('refreshToken', token, [expiresIn]);
      const entry = live(token);
      if (!entry) throw INVALID_TOKEN();
      tokens.delete(token);
      return issue(entry.kuid, expiresIn, 'refreshToken');
    },
    async logout(token, logoutOptions) {
      enter('logout', token, [logoutOptions]);
      const entry = live(token);
      if (!entry) throw INVALID_TOKEN();
      if (logoutOptions?.global) for (const [jwt, other] of tokens) if (other.kuid === entry.kuid) tokens.delete(jwt);
      tokens.delete(token);
    },
    async getStrategies() {
      enter('getStrategies');
      return ['local', 'oauth-dev'];
    },
    async serverInfo() {
      enter('serverInfo');
      return { version: '2.56.0', raw: {} };
    },
    getCurrentUser: () => Promise.reject(new Error('not faked')),
    getMyRights: () => Promise.reject(new Error('not faked')),
    now: () => Promise.reject(new Error('not faked')),
    async searchApiKeys(token, query) {
      enter('searchApiKeys', token, [query]);
      const entry = live(token);
      if (!entry) throw INVALID_TOKEN();
      // Enough of a match on the description for the extension's one query: every word of it, in any case.
      const wanted = JSON.stringify(query).match(/"description":"([^"]*)"/)?.[1]?.toLowerCase().split(/\W+/).filter(Boolean) ?? [];
      return [...apiKeys]
        .filter(([, key]) => key.kuid === entry.kuid && wanted.some((word) => key.description.toLowerCase().includes(word)))
        .map(([_id, key]) => ({ _id, description: key.description, expiresAt: key.expiresAt }));
    },
    async createApiKey(token, { description, expiresIn, id }) {
      enter('createApiKey', token, [{ description, expiresIn }]);
      const entry = live(token);
      if (!entry) throw INVALID_TOKEN();
      const ttl = ttlOf(expiresIn ?? -1);
      if (options.apiKeyMaxTtl !== undefined && (ttl === -1 || ttl > options.apiKeyMaxTtl)) throw TTL_EXCEEDED();
      const _id = id ?? `key-${(issued += 1)}`;
      const expiresAt = ttl === -1 ? -1 : clock.now() + ttl;
      const keyToken = `kapikey-${entry.kuid}-${(issued += 1)}`;
      apiKeys.set(_id, { kuid: entry.kuid, token: keyToken, description, expiresAt });
      tokens.set(keyToken, { kuid: entry.kuid, expiresAt: ttl === -1 ? Infinity : expiresAt });
      return { _id, _source: { userId: entry.kuid, description, expiresAt, ttl, token: keyToken } };
    },
    async deleteApiKey(token, id) {
      enter('deleteApiKey', token, [id]);
      const entry = live(token);
      if (!entry) throw INVALID_TOKEN();
      const key = apiKeys.get(id);
      if (!key || key.kuid !== entry.kuid) throw API_KEY_NOT_FOUND(id);
      apiKeys.delete(id);
      tokens.delete(key.token);
    },
    async createToken(token, createOptions) {
      enter('createToken', token, [createOptions]);
      const entry = live(token);
      if (!entry) throw INVALID_TOKEN();
      const created = issue(entry.kuid, createOptions?.expiresIn, 'createToken');
      return { token: created.jwt, expiresAt: created.expiresAt, ttl: created.ttl, singleUse: createOptions?.singleUse === true };
    },
  };

  return {
    client,
    calls,
    tokens,
    apiKeys,
    /** Which call issued each token: 'login', 'refreshToken' or 'test'. */
    issuedBy,
    issue,
    callsOf: (method: string) => calls.filter((call) => call.method === method),
    failNext(method: string, ...errors: unknown[]) {
      failures.set(method, [...(failures.get(method) ?? []), ...errors]);
    },
    setReachable(value: boolean) {
      reachable = value;
    },
  };
}
export type FakeKuzzle = ReturnType<typeof fakeKuzzle>;

/**
 * A PageSync that records what the manager asks. `openOrigins` are origins with an open tab: a
 * push to them is written (their storage then holds the session), as the real one reports.
 */
export function recordingPageSync() {
  const pushes: Array<{ origins: string[]; session: PageSession | null; reason: PageSessionChangeReason }> = [];
  const registrations: string[][] = [];
  /** The stale set, in order of its changes: what `markStale` and `clearStale` did. */
  const stale = new Set<string>();
  const staleChanges: Array<{ mark?: string[]; clear?: string[] }> = [];
  const openOrigins = new Set<string>();
  const pageSync: PageSync = {
    async syncRegistrations(servers: readonly ServerRecord[]) {
      registrations.push(servers.flatMap((server) => server.boundOrigins));
    },
    async pushSession(origins, session, reason) {
      pushes.push({ origins: [...origins], session, reason });
      return origins.filter((origin) => openOrigins.has(origin));
    },
    async markStale(origins) {
      staleChanges.push({ mark: [...origins] });
      origins.forEach((origin) => stale.add(origin));
    },
    async clearStale(origins) {
      staleChanges.push({ clear: [...origins] });
      origins.forEach((origin) => stale.delete(origin));
    },
    async staleOrigins() {
      return [...stale];
    },
  };
  return { pageSync, pushes, registrations, stale, staleChanges, openOrigins };
}

let databaseCount = 0;

/** A manager over fakes and a fresh fake-indexeddb database; pass `shared` to build a second context on the same store and lock. */
export function managerHarness(options: { shared?: { store: SessionStore; locks: Locks; kuzzle: FakeKuzzle; clock: FakeClock }; deps?: Partial<SessionManagerDeps> } = {}) {
  const clock = options.shared?.clock ?? fakeClock();
  const kuzzle = options.shared?.kuzzle ?? fakeKuzzle(clock);
  const store = options.shared?.store ?? createSessionStore({ useStore: createDurableStore(`manager-test-${(databaseCount += 1)}`), now: clock.now });
  const locks = options.shared?.locks ?? createMemoryLocks();
  const events: AnyEvent[] = [];
  const scheduled = new Map<string, number>();
  const pages = recordingPageSync();
  const openedTabs: string[] = [];
  const closedTabs: number[] = [];
  const tabTexts = new Map<number, string>();
  const permitted = new Set<string>();
  const released: Array<{ removedOrigins: string[]; stillBound: string[] }> = [];
  let ids = 0;
  const manager = createSessionManager({
    store,
    clientFor: () => kuzzle.client,
    now: clock.now,
    async sleep(ms) {
      clock.sleeps.push(ms);
      clock.advance(ms);
    },
    scheduler: {
      async schedule(accountId, at) {
        scheduled.set(accountId, at);
      },
      async cancel(accountId) {
        scheduled.delete(accountId);
      },
    },
    locks,
    broadcast(event) {
      events.push(event);
    },
    nextTurn: () => Promise.resolve(),
    pageSync: pages.pageSync,
    hasOriginPermission: async (origin) => permitted.has(origin),
    async releaseOriginPermissions(removedOrigins, servers) {
      released.push({ removedOrigins: [...removedOrigins], stillBound: servers.flatMap((server) => server.boundOrigins) });
    },
    tabs: {
      async open(url) {
        openedTabs.push(url);
        return 100 + openedTabs.length;
      },
      async close(tabId) {
        closedTabs.push(tabId);
      },
      async readText(tabId) {
        return tabTexts.get(tabId) ?? '';
      },
    },
    newId: () => `id-${options.shared ? 'b' : 'a'}${(ids += 1)}`,
    ...options.deps,
  });
  return { manager, clock, kuzzle, store, locks, events, scheduled, pages, openedTabs, closedTabs, tabTexts, permitted, released };
}
export type ManagerHarness = ReturnType<typeof managerHarness>;

export const KUZZLE_URL = 'http://127.0.0.1:7512';

/** A server added through the manager, and alice logged in on it. */
export async function withAliceLoggedIn(harness: ManagerHarness, expiresIn?: string) {
  const server = await harness.manager.addServer({ url: KUZZLE_URL });
  const reply = await harness.manager.login({
    serverId: server.id,
    strategy: 'local',
    credentials: { username: 'alice', password: 'alice-password' },
    ...(expiresIn ? { expiresIn } : {}),
  });
  if (reply.outcome !== 'active') throw new Error('alice should be logged in');
  await harness.manager.settled();
  return { serverId: server.id, accountId: reply.accountId };
}
