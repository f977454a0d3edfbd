/**
 * N simulated hours with short tokens, in-process: the real session manager, refresh scheduler and
 * store (on fake-indexeddb), a fake Kuzzle that knows every token's expiry, a fake clock, and a
 * model of what Chrome does to an MV3 worker: it is stopped after 30 s without events (its timers
 * die with it; alarms survive and wake a new worker, which runs `start()` first, as background.ts
 * does), and alarms fire a little late. A bound page polls Kuzzle with whatever token it holds and
 * reloads now and then; it gets tokens only as the extension gives them (pushes, getPageSession).
 *
 * Counted: requests that carry a token past its expiry (by the page, and by the extension), page
 * requests with a token refreshed more than the grace period ago, sessions lost, and for each
 * refresh how long before the old token's expiry it was sent ("lead").
 */
import { IDBFactory } from 'fake-indexeddb';
import { ServerUnreachableError } from '../lib/kuzzle/errors';
import type { KuzzleClient } from '../lib/kuzzle/types';
import type { PageSession } from '../lib/model';
import { createMemoryLocks } from '../test-support/locks';
import { createSessionManager, type SessionManager } from '../lib/session/manager';
import { createRefreshScheduler, type AlarmRefreshScheduler } from '../lib/session/scheduler';
import { fakeClock, fakeKuzzle } from '../test-support/session';
import { refreshMargin } from '../lib/session/timing';
import { createDurableStore } from '../lib/store/database';
import { createSessionStore } from '../lib/store/store';

export interface LongRunOptions {
  hours: number;
  seed: number;
  /** Chrome stops an idle MV3 worker after this long without events. */
  workerIdleMs?: number;
  /** Alarms fire up to this late (uniformly). */
  alarmLatenessMs?: number;
  /** The share of refresh requests that fail as "server unreachable" (then retried). */
  refreshFailureRate?: number;
  pagePollMs?: number;
  pageReloadMs?: number;
  /** Kuzzle keeps a refreshed token valid this long (its default grace period). */
  gracePeriodMs?: number;
  /**
   * Whether the worker's alarms and messages wait for `manager.start()` (background.ts up to
   * d09df56) or not (since 9aaa077: it answers at once, so a slow server cannot hold the popup).
   */
  requestsWaitForStart?: boolean;
}

export interface LongRunResult {
  simulatedHours: number;
  pageRequests: number;
  pageRequestsWithExpiredToken: number;
  pageRequestsWithSupersededToken: number;
  extensionRequestsWithExpiredToken: number;
  refreshes: number;
  /** Milliseconds between a refresh request and the expiry of the token it replaced. */
  refreshLeadsMs: number[];
  /** Each lead divided by the margin the timing rule intends for that token (1 = exactly on time). */
  leadToMargin: number[];
  workerStarts: number;
  sessionsLost: number;
  warnings: number;
}

/** A small seeded PRNG (mulberry32), so that a run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Scheduled {
  at: number;
  seq: number;
  run: () => void | Promise<void>;
}

let databases = 0;

export async function simulateLongRun(options: LongRunOptions): Promise<LongRunResult> {
  const workerIdleMs = options.workerIdleMs ?? 30_000;
  const alarmLatenessMs = options.alarmLatenessMs ?? 2_000;
  const failureRate = options.refreshFailureRate ?? 0.05;
  const pagePollMs = options.pagePollMs ?? 20_000;
  const pageReloadMs = options.pageReloadMs ?? 45 * 60_000;
  const graceMs = options.gracePeriodMs ?? 1_000;
  const waitForStart = options.requestsWaitForStart ?? false;
  const rng = random(options.seed);

  const clock = fakeClock();
  const start = clock.now();
  const end = start + options.hours * 3_600_000;
  const setNow = (at: number) => clock.advance(Math.max(0, at - clock.now()));

  // ---- the event loop of the simulation ----
  const queue: Scheduled[] = [];
  let seq = 0;
  const at = (when: number, run: Scheduled['run']) => {
    queue.push({ at: Math.max(when, clock.now()), seq: (seq += 1), run });
    return seq;
  };
  const inFlight = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>) => {
    const tracked = promise.catch(() => {}).finally(() => inFlight.delete(tracked));
    inFlight.add(tracked);
  };
  const settle = async () => {
    while (inFlight.size > 0) await Promise.all([...inFlight]);
  };

  // ---- Kuzzle, with every token's expiry remembered ----
  const kuzzle = fakeKuzzle(clock);
  const issued = new Map<string, { expiresAt: number; supersededAt?: number }>();
  const result: LongRunResult = {
    simulatedHours: options.hours,
    pageRequests: 0,
    pageRequestsWithExpiredToken: 0,
    pageRequestsWithSupersededToken: 0,
    extensionRequestsWithExpiredToken: 0,
    refreshes: 0,
    refreshLeadsMs: [],
    leadToMargin: [],
    workerStarts: 0,
    sessionsLost: 0,
    warnings: 0,
  };
  const isExpiredToken = (jwt: string) => {
    const token = issued.get(jwt);
    return token !== undefined && token.expiresAt !== -1 && clock.now() >= token.expiresAt;
  };
  const noteExtensionRequest = (jwt: string) => {
    if (isExpiredToken(jwt)) result.extensionRequestsWithExpiredToken += 1;
  };
  const client: KuzzleClient = {
    ...kuzzle.client,
    async login(strategy, credentials, expiresIn) {
      const outcome = await kuzzle.client.login(strategy, credentials, expiresIn);
      if (outcome.kind === 'token') issued.set(outcome.token.jwt, { expiresAt: outcome.token.expiresAt });
      return outcome;
    },
    async checkToken(jwt) {
      noteExtensionRequest(jwt);
      return kuzzle.client.checkToken(jwt);
    },
    async refreshToken(jwt, expiresIn) {
      noteExtensionRequest(jwt);
      const old = issued.get(jwt);
      if (rng() < failureRate) throw new ServerUnreachableError('http://kuzzle.test');
      const token = await kuzzle.client.refreshToken(jwt, expiresIn);
      if (old) {
        old.supersededAt = clock.now();
        result.refreshes += 1;
        const lead = old.expiresAt - clock.now();
        result.refreshLeadsMs.push(lead);
        result.leadToMargin.push(lead / refreshMargin(token.ttl));
      }
      issued.set(token.jwt, { expiresAt: token.expiresAt });
      return token;
    },
    async logout(jwt, logoutOptions) {
      noteExtensionRequest(jwt);
      return kuzzle.client.logout(jwt, logoutOptions);
    },
  };

  // ---- the page, bound to the first server ----
  const PAGE_ORIGIN = 'http://127.0.0.1:8080';
  let pageToken: string | null = null;
  const pageSync = {
    async syncRegistrations() {},
    async pushSession(origins: readonly string[], session: PageSession | null) {
      if (!origins.includes(PAGE_ORIGIN)) return [];
      pageToken = session?.jwt ?? null;
      return [PAGE_ORIGIN];
    },
    async markStale() {},
    async clearStale() {},
    async staleOrigins() {
      return [];
    },
  };

  // ---- the worker, stopped when idle and started again by an alarm or a message ----
  const store = createSessionStore({ useStore: createDurableStore(`bench-long-run-${(databases += 1)}`, 'records', new IDBFactory()), now: clock.now });
  const locks = createMemoryLocks();
  const alarms = new Map<string, { when: number; version: number }>();
  let alarmVersions = 0;
  interface Worker {
    manager: SessionManager;
    scheduler: AlarmRefreshScheduler;
    ready: Promise<void>;
    alive: boolean;
    lastEventAt: number;
  }
  let worker: Worker | null = null;

  const fireAlarm = (name: string, version: number) => {
    const alarm = alarms.get(name);
    if (!alarm || alarm.version !== version) return;
    alarms.delete(name);
    const current = wake();
    track((waitForStart ? current.ready : Promise.resolve()).then(() => current.scheduler.handleAlarm(name)));
  };

  function createWorker(): Worker {
    const self: Worker = { alive: true, lastEventAt: clock.now() } as Worker;
    self.scheduler = createRefreshScheduler({
      alarms: {
        create(name, info) {
          const version = (alarmVersions += 1);
          alarms.set(name, { when: info.when, version });
          at(info.when + rng() * alarmLatenessMs, () => fireAlarm(name, version));
        },
        async clear(name) {
          alarms.delete(name);
        },
      },
      timers: {
        set(callback, delay) {
          const handle = { cancelled: false };
          at(clock.now() + delay, () => {
            if (self.alive && !handle.cancelled) {
              keepAlive(self);
              callback();
            }
          });
          return handle;
        },
        clear(handle) {
          (handle as { cancelled: boolean }).cancelled = true;
        },
      },
      now: clock.now,
      onDue: (accountId) => track(self.manager.refresh(accountId)),
    });
    self.manager = createSessionManager({
      store,
      clientFor: () => client,
      now: clock.now,
      async sleep(ms) {
        setNow(clock.now() + ms);
      },
      scheduler: self.scheduler,
      locks,
      broadcast() {},
      nextTurn: () => Promise.resolve(),
      pageSync,
      hasOriginPermission: async () => true,
      tabs: { open: async () => 1, close: async () => {}, readText: async () => '' },
      newId: () => `account-${Math.floor(rng() * 1e12)}`,
      warn: () => {
        result.warnings += 1;
      },
    });
    result.workerStarts += 1;
    self.ready = self.manager.start().catch(() => {
      result.warnings += 1;
    });
    track(self.ready);
    return self;
  }

  /** Each event the worker handles keeps it alive another `workerIdleMs`. */
  function keepAlive(current: Worker): void {
    current.lastEventAt = clock.now();
    at(clock.now() + workerIdleMs, () => {
      if (current.alive && clock.now() - current.lastEventAt >= workerIdleMs) current.alive = false;
    });
  }

  /** The running worker, or a new one (an event wakes it). */
  function wake(): Worker {
    if (!worker?.alive) worker = createWorker();
    keepAlive(worker);
    return worker;
  }

  // ---- the setup: two servers, short tokens, the page bound to the first ----
  const first = wake();
  await first.ready;
  const boundServer = await first.manager.addServer({ url: 'http://127.0.0.1:7512', name: 'Bound' });
  const otherServer = await first.manager.addServer({ url: 'http://127.0.0.2:7512', name: 'Other' });
  await first.manager.login({ serverId: boundServer.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' }, expiresIn: '5m' });
  await first.manager.login({ serverId: boundServer.id, strategy: 'local', credentials: { username: 'bob', password: 'bob-password' }, expiresIn: '5m' });
  await first.manager.login({ serverId: otherServer.id, strategy: 'local', credentials: { username: 'alice', password: 'alice-password' }, expiresIn: '2m' });
  await first.manager.bindOrigin(boundServer.id, PAGE_ORIGIN);
  await settle();

  const loadPage = () => {
    const current = wake();
    track(
      (waitForStart ? current.ready : Promise.resolve()).then(async () => {
        pageToken = (await current.manager.getPageSession(PAGE_ORIGIN))?.jwt ?? null;
      }),
    );
  };
  const poll = () => {
    if (pageToken !== null) {
      result.pageRequests += 1;
      const token = issued.get(pageToken);
      if (isExpiredToken(pageToken)) result.pageRequestsWithExpiredToken += 1;
      else if (token?.supersededAt !== undefined && clock.now() > token.supersededAt + graceMs) result.pageRequestsWithSupersededToken += 1;
    }
    at(clock.now() + pagePollMs, poll);
  };
  const reload = () => {
    loadPage();
    at(clock.now() + pageReloadMs, reload);
  };
  reload();
  at(clock.now() + pagePollMs * rng(), poll);

  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at || a.seq - b.seq);
    const next = queue.shift()!;
    if (next.at > end) break;
    setNow(next.at);
    await next.run();
    await settle();
  }

  const { sessions } = await store.readAll();
  result.sessionsLost = sessions.filter((session) => session.state !== 'active').length;
  return result;
}
