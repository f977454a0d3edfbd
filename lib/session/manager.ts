/**
 * The session lifecycle, owned by the worker: servers, logins (one step and two), token checks
 * and refreshes, logout, forget, switching accounts and binding pages.
 *
 * Every dependency is passed in (store, Kuzzle client, clock, scheduler, locks, broadcast, page
 * sync, permissions, tabs), so that unit tests run it whole against fakes.
 *
 * Rules it keeps:
 * - A token is written durably before anyone hears of it (loginAttempt, stateChanged, pages).
 * - A login replies as soon as its token is durable; the events, the refresh alarm and the bound
 *   pages follow the reply (`settled()` waits for them), and the pages of a server are told in order.
 * - A token past its `expiresAt` is never sent to the server.
 * - A session that can no longer be refreshed is marked expired or revoked and kept, never deleted.
 * - Credentials serve the one login request: they are not stored, logged or put into errors.
 */
import { toErrorInfo, type ErrorInfoContext } from '../error-info';
import { parseExpiresIn } from '../expires-in';
import { validateStrategy } from '../kuzzle/client';
import { KuzzleError } from '../kuzzle/errors';
import type { AuthToken, ExpiresIn, KuzzleClient } from '../kuzzle/types';
import type { AnyEvent, ForgetReply, LoginReply, LogoutReply, ReplyOf, RequestOf, RequestType, ServerProbe } from '../messages';
import { SERVER_COLORS, type AccountRecord, type PageSession, type PendingLogin, type ServerColor, type ServerRecord, type SessionRecord, type SessionState, type StateSnapshot } from '../model';
import { InvalidOriginError, toBindableOrigin } from '../inject/origins';
import type { PageSessionChangeReason, PageSync } from '../inject/types';
import { originOf, parseServerUrl } from '../server-url';
import type { SessionStore, StoreChange, StoreContents } from '../store/store';
import { SessionError } from './errors';
import { createStaySignedIn } from './stay-signed-in';
import { createTransfer } from './transfer';
import type { ImportOutcome } from '../transfer/plan';
import type { Locks } from './locks';
import { forEachLimited } from './pool';
import type { RefreshScheduler } from './scheduler';
import { DEFAULT_RETRY_DELAYS_MS, RETRY_LATER_MS, isExpired, isInvalidTokenError, isTransientFailure, refreshAt } from './timing';
import { createTakeBack } from './take-back';
import { buildSnapshot, pageSessionFor } from './views';

export interface TwoStepTabs {
  /** Opens a tab on `url` and gives its id. */
  open(url: string): Promise<number>;
  close(tabId: number): Promise<void>;
  /** The text of the tab's document (Kuzzle's JSON answer), read with the server's host permission. */
  readText(tabId: number): Promise<string>;
}

export interface SessionManagerDeps {
  store: SessionStore;
  clientFor(serverUrl: string): KuzzleClient;
  now(): number;
  sleep(ms: number): Promise<void>;
  scheduler: RefreshScheduler;
  locks: Locks;
  /** Tells the extension's pages, without waiting for them (the popup may be closed: that is not a failure). */
  broadcast(event: AnyEvent): void;
  pageSync: PageSync;
  /** Whether the extension holds the host permission for a page origin (`permissions.contains`). */
  hasOriginPermission(origin: string): Promise<boolean>;
  /**
   * Gives back the host permissions of origins that were unbound or whose server was removed,
   * keeping those the remaining servers still need.
   */
  releaseOriginPermissions?(removedOrigins: readonly string[], servers: readonly ServerRecord[], keptOrigins?: readonly string[]): Promise<void>;
  tabs: TwoStepTabs;
  /** The connections kept by the console open in the active tab of a bound origin, tokens left in the page (see `lib/inject/console-connections.ts`). */
  readConsoleEnvironments?(origin: string): Promise<unknown>;
  newId(): string;
  /**
   * Resolves on a later turn of the event loop, after the reply to the current request has gone
   * out (by default `setTimeout(0)`): when work that need not hold the reply starts.
   */
  nextTurn?: () => Promise<void>;
  /** Called after every change of the state snapshot (the worker redraws the badge). */
  onStateChanged?: () => void;
  /** For failures nobody waits for (a page that could not be told); never given a token or a password. */
  warn?: (message: string, error?: unknown) => void;
  retryDelaysMs?: readonly number[];
  /** Named in error advice (a server that refuses the extension's origin). */
  errorContext?: ErrorInfoContext;
  /** The browser, as the description of a "Stay signed in" API key names it. */
  browserName?: string;
}

export type RefreshOutcome =
  | { kind: 'refreshed' }
  /** Another context refreshed it first: its token was taken, no request was made. */
  | { kind: 'adopted' }
  | { kind: 'not-due' }
  | { kind: 'no-session' }
  /** A passing failure: still active, another try is scheduled. */
  | { kind: 'failed'; error: unknown }
  /** The server will not refresh this token (403 under restricted roles…): it stays usable until it expires, then ends. */
  | { kind: 'refused'; error: unknown }
  /** Expired, or the token refused: marked so and kept. */
  | { kind: 'ended'; state: SessionState };

type Payload<T extends RequestType> = Omit<RequestOf<T>, 'type'>;

const REFRESH_LOCK_PREFIX = 'ksm-refresh:';
const MAX_NAME_LENGTH = 100;
/** Sessions checked with their servers at once when the worker starts. */
const START_CHECKS_AT_ONCE = 6;

/** The JWT in what the user pasted: a token, or Kuzzle's whole answer (`{result: {jwt}}`) or its result. */
export function extractJwt(token: string | Record<string, unknown>): { jwt: string; expiresAt?: number; ttl?: number } {
  const invalid = () =>
    new SessionError('invalid-input', 'Paste a Kuzzle token (it starts with "kauth-" or is a JWT), or the whole JSON answer of the login, which has result.jwt.');
  if (typeof token === 'string') {
    const jwt = token.trim();
    if (jwt === '' || /\s/.test(jwt)) throw invalid();
    return { jwt };
  }
  const result = typeof token.result === 'object' && token.result !== null ? (token.result as Record<string, unknown>) : token;
  const jwt = result.jwt;
  if (typeof jwt !== 'string' || jwt.trim() === '') throw invalid();
  return {
    jwt: jwt.trim(),
    ...(typeof result.expiresAt === 'number' ? { expiresAt: result.expiresAt } : {}),
    ...(typeof result.ttl === 'number' ? { ttl: result.ttl } : {}),
  };
}

/**
 * The name a server gets when the user gives none: its host. An internationalised host is shown
 * as typed with its punycode beside it, so that a lookalike (`аpple.com` with a Cyrillic `а`)
 * does not read as the real name: `аpple.com (xn--pple-43d.com)`.
 */
export function defaultServerName(parsed: { host: string; displayHost?: string }): string {
  return parsed.displayHost && parsed.displayHost !== parsed.host ? `${parsed.displayHost} (${parsed.host})` : parsed.host;
}

/** A page origin to bind, normalised to exactly `scheme://host[:port]` (http or https) by the binding rules of `lib/inject/origins.ts`. */
export function checkBindableOrigin(input: string): string {
  try {
    return toBindableOrigin(input);
  } catch (error) {
    if (error instanceof InvalidOriginError) throw new SessionError('invalid-input', error.message);
    throw error;
  }
}

export function createSessionManager(deps: SessionManagerDeps) {
  const { store, locks, scheduler } = deps;
  const retryDelays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  const inFlightRefreshes = new Map<string, Promise<RefreshOutcome>>();
  /**
   * Tokens the server issued on refresh but the browser refused to save (disk full, database
   * blocked). The server retires the old token a second later, so this one is the session now: it
   * is kept here and written first thing at the next refresh of the account, scheduled soon.
   */
  const unsavedRefreshes = new Map<string, SessionRecord>();
  const warn = deps.warn ?? (() => {});
  const describe = (error: unknown): string => toErrorInfo(error, deps.errorContext).message;
  const staySignedIn = createStaySignedIn({ store, clientFor: deps.clientFor, now: deps.now, browserName: deps.browserName ?? 'a browser', ...(deps.errorContext ? { errorContext: deps.errorContext } : {}) });
  const takeBack = createTakeBack({
    pageSync: deps.pageSync,
    pageSessionOf: (origin) => getPageSession(origin),
    servers: () => store.list('server'),
    syncRegistrations: () => syncRegistrations(),
    releasePermissions: (origins) => releasePermissions(origins),
    warn,
  });

  // ---- reading ----

  async function requireServer(serverId: string): Promise<ServerRecord> {
    const server = await store.get('server', serverId);
    if (!server) throw new SessionError('not-found', 'This server is no longer in the list (it was removed). Reopen the popup and pick it again.');
    return server;
  }

  async function requireAccount(accountId: string): Promise<{ account: AccountRecord; server: ServerRecord }> {
    const account = await store.get('account', accountId);
    if (!account) throw new SessionError('not-found', 'This account is no longer in the list (it was removed). Reopen the popup.');
    return { account, server: await requireServer(account.serverId) };
  }

  function clientOf(server: ServerRecord): KuzzleClient {
    return deps.clientFor(server.url);
  }

  function checkExpiresIn(input: ExpiresIn | undefined): ExpiresIn | undefined {
    const parsed = parseExpiresIn(input);
    if (!parsed.ok) throw new SessionError('invalid-input', parsed.message);
    return parsed.value;
  }

  /** The client's own rule, checked here too because a two-step login opens its URL in a tab. */
  function checkStrategy(strategy: string): string {
    return validateStrategy(typeof strategy === 'string' ? strategy.trim() : strategy);
  }

  // ---- telling ----

  /** Per server, the last announcement: each waits for the one before, so a page never ends on an older token. */
  const announcements = new Map<string, Promise<void>>();

  /**
   * Tells the bound pages of `server` (or only `onlyOrigins`, for a page just bound) its active
   * session. The server, its active account and that session are read when the announcement's turn
   * comes, not when it was asked for: what the store holds then is what the pages get. `server` is
   * what is told when the store no longer has it (removed meanwhile).
   */
  function announce(server: ServerRecord, reason: PageSessionChangeReason, onlyOrigins?: readonly string[]): Promise<void> {
    const previous = announcements.get(server.id) ?? Promise.resolve();
    const next = previous.then(async () => {
      const current = (await store.get('server', server.id)) ?? server;
      let session: PageSession | null = null;
      if (current.activeAccountId) {
        const [account, record] = await Promise.all([store.get('account', current.activeAccountId), store.get('session', current.activeAccountId)]);
        session = pageSessionFor(current, account, record, deps.now());
      }
      try {
        const holding = await deps.pageSync.pushSession(onlyOrigins ?? current.boundOrigins, session, reason);
        await takeBack.settle(holding, session?.jwt ?? null);
      } catch (error) {
        warn(`Bound pages of ${current.url} could not be told about the change (${reason})`, error);
      }
    });
    announcements.set(server.id, next);
    void next.finally(() => {
      if (announcements.get(server.id) === next) announcements.delete(server.id);
    });
    return next;
  }

  /**
   * Work that follows a change already durable (arming the refresh, telling the bound pages), begun
   * once the reply to the request has gone out, so that the page which asked does not wait for it.
   * `settled()` waits for all of it.
   */
  const afterReply = new Set<Promise<void>>();
  const nextTurn = deps.nextTurn ?? (() => new Promise<void>((resolve) => setTimeout(resolve, 0)));

  function afterTheReply(what: string, work: () => Promise<unknown>): void {
    const task: Promise<void> = nextTurn()
      .then(work)
      .then(
        () => undefined,
        (error: unknown) => warn(`${what} failed`, error),
      )
      .finally(() => afterReply.delete(task));
    afterReply.add(task);
  }

  async function settled(): Promise<void> {
    while (afterReply.size > 0) await Promise.all([...afterReply]);
  }

  function stateChanged(): void {
    deps.onStateChanged?.();
    deps.broadcast({ event: 'stateChanged' });
  }

  function loginAttempt(serverId: string, error?: unknown): void {
    deps.broadcast(error === undefined ? { event: 'loginAttempt', serverId, success: true } : { event: 'loginAttempt', serverId, success: false, error: describe(error) });
  }

  async function scheduleRefresh(session: SessionRecord): Promise<void> {
    const at = refreshAt(session);
    if (at === null) await scheduler.cancel(session.accountId);
    else await scheduler.schedule(session.accountId, at);
  }

  // ---- tokens in ----

  /** Keeps a token that the server issued or accepted: the account (found by kuid or new), its session, and makes it active. */
  async function keepToken(server: ServerRecord, strategy: string, token: AuthToken, expiresIn: ExpiresIn | undefined, displayName: string | undefined): Promise<string> {
    const now = deps.now();
    const accounts = await store.list('account');
    const existing = accounts.find((account) => account.serverId === server.id && account.kuid === token._id);
    const account: AccountRecord = existing
      ? { ...existing, strategy, lastUsedAt: now, ...(displayName ? { displayName } : {}) }
      : { id: deps.newId(), serverId: server.id, kuid: token._id, strategy, displayName: displayName || token._id, createdAt: now, lastUsedAt: now };
    const session: SessionRecord = {
      accountId: account.id,
      jwt: token.jwt,
      expiresAt: token.expiresAt,
      ttl: token.ttl,
      state: 'active',
      ...(expiresIn !== undefined ? { expiresIn } : {}),
      updatedAt: now,
    };
    const write = () =>
      store.commit([
        { put: 'account', record: account },
        { put: 'session', record: session },
        { update: 'server', id: server.id, apply: (current) => ({ ...current, activeAccountId: account.id }) },
        { remove: 'pending', id: server.id },
      ]);
    // A refresh of the same account running now would otherwise write its token over this one.
    await (existing ? withAccountLock(existing.id, write) : write());
    // The token is durable. Everything else follows the reply, which the asking page is waiting
    // for: the events (loginAttempt first), arming the refresh, the bound pages.
    afterTheReply('Telling the extension\'s pages of a login', async () => {
      loginAttempt(server.id);
      stateChanged();
    });
    afterTheReply('Arming the refresh after a login', async () => {
      // What is stored by then: the session may have been refreshed, logged out or forgotten meanwhile.
      const current = await store.get('session', account.id);
      if (current?.state === 'active') await scheduleRefresh(current);
      else await scheduler.cancel(account.id);
    });
    afterTheReply('Telling the bound pages of a login', () => announce({ ...server, activeAccountId: account.id }, 'login'));
    return account.id;
  }

  async function setJwtToken(serverId: string, token: string | Record<string, unknown>): Promise<{ accountId: string }> {
    const server = await requireServer(serverId);
    const pending = await store.get('pending', serverId);
    const pasted = extractJwt(token);
    try {
      const check = await clientOf(server).checkToken(pasted.jwt);
      if (!check.valid) throw new SessionError('invalid-input', `The server refused this token (${check.state}). Log in again to get a new one.`);
      if (check.kuid === '-1') throw new SessionError('invalid-input', 'This is not a user\'s token (the server reads it as anonymous). Paste the token that the login returned.');
      const now = deps.now();
      const expiresAt = check.expiresAt ?? pasted.expiresAt ?? -1;
      const ttl = pasted.ttl ?? (expiresAt === -1 ? -1 : Math.max(0, expiresAt - now));
      const accountId = await keepToken(server, pending?.strategy ?? 'token', { _id: check.kuid, jwt: pasted.jwt, expiresAt, ttl }, pending?.expiresIn, undefined);
      return { accountId };
    } catch (error) {
      loginAttempt(serverId, error);
      throw error;
    }
  }

  // ---- tokens out ----

  /** Marks a session that can no longer be refreshed; it stays, with the reason, until the user acts. */
  async function endSession(session: SessionRecord, state: Exclude<SessionState, 'active'>, reason: string): Promise<RefreshOutcome> {
    // Stay signed in: the account's API key may bring the session back instead.
    const recovery = await staySignedIn.recover(session);
    if (recovery.kind === 'recovered') return resumeSession(session, recovery.token);
    const ended: SessionRecord = { ...session, state, lastError: recovery.kind === 'failed' ? `${recovery.message} ${reason}` : reason, updatedAt: deps.now() };
    delete ended.refreshStartedAt;
    await store.commit([{ put: 'session', record: ended }]);
    await scheduler.cancel(session.accountId);
    const account = await store.get('account', session.accountId);
    const server = account && (await store.get('server', account.serverId));
    if (server && server.activeAccountId === session.accountId) {
      await takeBack.takeAway(server.boundOrigins);
      await announce(server, 'expired');
    }
    stateChanged();
    return { kind: 'ended', state };
  }

  /** A session brought back by its "Stay signed in" key: kept and announced like a refresh. */
  async function resumeSession(session: SessionRecord, token: AuthToken): Promise<RefreshOutcome> {
    const resumed: SessionRecord = { accountId: session.accountId, jwt: token.jwt, expiresAt: token.expiresAt, ttl: token.ttl, state: 'active', updatedAt: deps.now(), ...(session.expiresIn !== undefined ? { expiresIn: session.expiresIn } : {}) };
    await saveRefreshed(resumed);
    await announceRefreshed(resumed);
    return { kind: 'refreshed' };
  }

  /** Drops an account's token (and its "Stay signed in" key) here; bound pages of its server lose it if it was the active one. */
  async function dropSession(account: AccountRecord, server: ServerRecord, reason: 'logout' | 'forget', extra: StoreChange[] = []): Promise<void> {
    // Marked before the change is written and after (lib/session/take-back.ts says why).
    const active = server.activeAccountId === account.id;
    if (active) await takeBack.takeAway(server.boundOrigins);
    await store.commit([{ remove: 'session', id: account.id }, { remove: 'apiKey', id: account.id }, ...extra]);
    unsavedRefreshes.delete(account.id);
    await scheduler.cancel(account.id);
    if (active) {
      await takeBack.takeAway(server.boundOrigins);
      await announce(server, reason);
    }
    stateChanged();
  }

  /** Runs `work` holding the account's refresh lock, after any refresh of this worker has settled. */
  async function withAccountLock<T>(accountId: string, work: () => Promise<T>): Promise<T> {
    await inFlightRefreshes.get(accountId)?.catch(() => {});
    return locks.request(REFRESH_LOCK_PREFIX + accountId, work);
  }

  // ---- refresh ----

  /** Writes a refreshed token, or keeps it in memory (and throws the storage error) when the browser refuses. */
  async function saveRefreshed(refreshed: SessionRecord): Promise<void> {
    try {
      await store.commit([{ put: 'session', record: refreshed }]);
      unsavedRefreshes.delete(refreshed.accountId);
    } catch (error) {
      unsavedRefreshes.set(refreshed.accountId, refreshed);
      await scheduler.schedule(refreshed.accountId, Math.min(deps.now() + RETRY_LATER_MS, refreshed.expiresAt)).catch(() => {});
      throw error;
    }
  }

  async function announceRefreshed(refreshed: SessionRecord): Promise<void> {
    await scheduleRefresh(refreshed);
    const account = await store.get('account', refreshed.accountId);
    const server = account && (await store.get('server', account.serverId));
    if (server && server.activeAccountId === refreshed.accountId) {
      // The old token is the server's no longer, but closed pages still hold it.
      await takeBack.takeAway(server.boundOrigins);
      await announce(server, 'refresh');
    }
    stateChanged();
  }

  async function refreshHoldingLock(accountId: string, seenJwt: string, force: boolean): Promise<RefreshOutcome> {
    const unsaved = unsavedRefreshes.get(accountId);
    if (unsaved) {
      await saveRefreshed(unsaved);
      await announceRefreshed(unsaved);
      return { kind: 'adopted' };
    }
    let session = await store.get('session', accountId);
    if (!session || session.state !== 'active') return { kind: 'no-session' };
    if (session.jwt !== seenJwt) {
      await scheduleRefresh(session);
      return { kind: 'adopted' };
    }
    const due = refreshAt(session);
    if (due === null) return { kind: 'not-due' };
    if (!force && deps.now() < due) {
      await scheduleRefresh(session);
      return { kind: 'not-due' };
    }
    const account = await store.get('account', accountId);
    const server = account && (await store.get('server', account.serverId));
    if (!account || !server) return { kind: 'no-session' };
    const interrupted = session.refreshStartedAt !== undefined;

    for (let attempt = 0; ; attempt += 1) {
      if (isExpired(session, deps.now())) {
        return endSession(session, 'expired', 'The token expired before it could be refreshed. Log in again.');
      }
      // Durably noted first: if the worker stops before the answer, the next start knows the server may have retired this token.
      session = { ...session, refreshStartedAt: deps.now() };
      await store.commit([{ put: 'session', record: session }]);
      // The server retires this token on answering: closed pages holding it are marked before it asks.
      if (attempt === 0 && server.activeAccountId === accountId) await takeBack.takeAway(server.boundOrigins);
      let token: AuthToken;
      try {
        token = await clientOf(server).refreshToken(session.jwt, session.expiresIn);
      } catch (error) {
        if (isInvalidTokenError(error)) {
          if (isExpired(session, deps.now())) return endSession(session, 'expired', describe(error));
          return endSession(
            session,
            'revoked',
            interrupted
              ? 'A refresh was cut off (the extension stopped mid-way) and the server no longer accepts the old token. Log in again.'
              : 'The server no longer accepts this token (logged out elsewhere, or the server restarted). Log in again.',
          );
        }
        const transient = isTransientFailure(error);
        const delay = retryDelays[attempt];
        if (transient && delay !== undefined && deps.now() + delay < session.expiresAt) {
          await deps.sleep(delay);
          continue;
        }
        // Kept with the reason. A passing failure is tried again later; a refusal is not, and the
        // token, still valid, serves until it expires (the scheduler then ends it without a request).
        session = {
          ...session,
          lastError: transient
            ? `Could not refresh the token: ${describe(error)}`
            : `The server does not allow refreshing this token: ${describe(error)} It stays usable until it expires.`,
          updatedAt: deps.now(),
        };
        delete session.refreshStartedAt;
        await store.commit([{ put: 'session', record: session }]);
        await scheduler.schedule(accountId, transient ? Math.min(deps.now() + RETRY_LATER_MS, session.expiresAt) : session.expiresAt);
        stateChanged();
        return transient ? { kind: 'failed', error } : { kind: 'refused', error };
      }
      const refreshed: SessionRecord = { ...session, jwt: token.jwt, expiresAt: token.expiresAt, ttl: token.ttl, updatedAt: deps.now() };
      delete refreshed.lastError;
      delete refreshed.refreshStartedAt;
      await saveRefreshed(refreshed);
      await announceRefreshed(refreshed);
      return { kind: 'refreshed' };
    }
  }

  /** One refresh at a time per account: in this worker (the Map) and across contexts (the lock). */
  function refresh(accountId: string, options: { force?: boolean } = {}): Promise<RefreshOutcome> {
    const running = inFlightRefreshes.get(accountId);
    if (running) return running;
    const run = (async (): Promise<RefreshOutcome> => {
      const seen = await store.get('session', accountId);
      if (!seen || seen.state !== 'active') return { kind: 'no-session' };
      return locks.request(REFRESH_LOCK_PREFIX + accountId, () => refreshHoldingLock(accountId, seen.jwt, options.force ?? false));
    })().finally(() => inFlightRefreshes.delete(accountId));
    inFlightRefreshes.set(accountId, run);
    return run;
  }

  /** At worker start: every live session is checked with the server and its refresh scheduled again. */
  async function checkAtStart(session: SessionRecord, contents: StoreContents): Promise<void> {
    if (isExpired(session, deps.now())) {
      await endSession(session, 'expired', 'The token expired while the extension was not running. Log in again.');
      return;
    }
    if (session.refreshStartedAt !== undefined) {
      // The last refresh was cut off: checkToken may still say "valid" during the grace period of a
      // token the server already retired, so refresh now; the server's answer settles it.
      await refresh(session.accountId, { force: true });
      return;
    }
    const account = contents.accounts.find((candidate) => candidate.id === session.accountId);
    const server = account && contents.servers.find((candidate) => candidate.id === account.serverId);
    if (!server) return;
    try {
      const check = await clientOf(server).checkToken(session.jwt);
      if (!check.valid) {
        await endSession(session, 'revoked', `The server no longer accepts this token (${check.state}). Log in again.`);
        return;
      }
    } catch (error) {
      // The server cannot say now; the token is kept and the schedule will try it.
      warn(`Could not check a session of ${server.url} at start`, error);
    }
    await scheduleRefresh(session);
  }

  async function start(): Promise<void> {
    const contents = await store.readAll();
    try {
      await deps.pageSync.syncRegistrations(contents.servers);
    } catch (error) {
      warn('Could not register the content script for bound pages', error);
    }
    const active = contents.sessions.filter((session) => session.state === 'active');
    await forEachLimited(active, START_CHECKS_AT_ONCE, (session) => checkAtStart(session, contents), (error) => warn('A session could not be checked at start', error));
    // Stay signed in: a session that ended while its key could not be used (server down) is tried again.
    const keyed = new Set(contents.apiKeys.map((key) => key.accountId));
    const ended = contents.sessions.filter((session) => session.state !== 'active' && keyed.has(session.accountId));
    await forEachLimited(ended, START_CHECKS_AT_ONCE, (session) => resumeEnded(session.accountId), (error) => warn('A session could not be resumed at start', error));
  }

  async function resumeEnded(accountId: string): Promise<void> {
    await withAccountLock(accountId, async () => {
      const session = await store.get('session', accountId);
      if (!session || session.state === 'active') return;
      const recovery = await staySignedIn.recover(session);
      if (recovery.kind === 'recovered') await resumeSession(session, recovery.token);
    });
  }

  // ---- servers ----

  function checkServerUrl(url: string) {
    const parsed = parseServerUrl(url);
    if (!parsed.ok) throw new SessionError('invalid-input', parsed.message);
    return parsed;
  }

  function checkName(name: string): string {
    const trimmed = name.trim();
    if (trimmed === '' || trimmed.length > MAX_NAME_LENGTH) throw new SessionError('invalid-input', `Give the server a name of 1 to ${MAX_NAME_LENGTH} characters.`);
    return trimmed;
  }

  function checkColor(color: string): ServerColor {
    if (!SERVER_COLORS.includes(color as ServerColor)) throw new SessionError('invalid-input', `Pick one of these colours: ${SERVER_COLORS.join(', ')}.`);
    return color as ServerColor;
  }

  const isHiddenList = (error: unknown) => error instanceof KuzzleError && (error.status === 401 || error.status === 403);

  async function probeServer(url: string): Promise<ServerProbe> {
    const parsed = checkServerUrl(url);
    const client = deps.clientFor(parsed.url);
    // A hardened server refuses both to anonymous callers: a refusal by Kuzzle still proves it is Kuzzle.
    let version: string | undefined;
    try {
      version = (await client.serverInfo()).version;
    } catch (error) {
      if (!isHiddenList(error)) throw error;
    }
    let strategies: string[] | null = null;
    try {
      strategies = await client.getStrategies();
    } catch (error) {
      if (!isHiddenList(error)) throw error;
    }
    return { url: parsed.url, strategies, insecure: parsed.insecure, ...(version ? { version } : {}) };
  }

  async function serverView(serverId: string) {
    const snapshot = buildSnapshot(await store.readAll());
    const view = snapshot.servers.find((server) => server.id === serverId);
    if (!view) throw new SessionError('not-found', 'This server is no longer in the list.');
    return view;
  }

  async function addServer({ url, name, color }: Payload<'addServer'>) {
    const parsed = checkServerUrl(url);
    const servers = await store.list('server');
    const twin = servers.find((server) => server.url === parsed.url);
    if (twin) throw new SessionError('invalid-input', `This server is already in the list as "${twin.name}".`);
    const usedColors = new Set(servers.map((server) => server.color));
    const server: ServerRecord = {
      id: deps.newId(),
      url: parsed.url,
      name: name === undefined ? defaultServerName(parsed) : checkName(name),
      color: color === undefined ? (SERVER_COLORS.find((candidate) => !usedColors.has(candidate)) ?? SERVER_COLORS[0]) : checkColor(color),
      boundOrigins: [],
      activeAccountId: null,
      createdAt: deps.now(),
    };
    await store.commit([{ put: 'server', record: server }]);
    stateChanged();
    return serverView(server.id);
  }

  async function updateServer({ serverId, name, color }: Payload<'updateServer'>) {
    await requireServer(serverId);
    const changed: Partial<ServerRecord> = { ...(name !== undefined ? { name: checkName(name) } : {}), ...(color !== undefined ? { color: checkColor(color) } : {}) };
    await store.commit([{ update: 'server', id: serverId, apply: (current) => ({ ...current, ...changed }) }]);
    stateChanged();
    return serverView(serverId);
  }

  async function removeServer(serverId: string): Promise<LogoutReply> {
    const server = await requireServer(serverId);
    const contents = await store.readAll();
    const accounts = contents.accounts.filter((account) => account.serverId === serverId);
    // A refresh finishing after the removal would write its token back for an account that is gone.
    await Promise.all(accounts.map((account) => inFlightRefreshes.get(account.id)?.catch(() => {})));
    // Its sessions are ended on the server first: removing a server must not leave live tokens behind.
    const reply = await revokeAll(server, accounts.flatMap((account) => contents.sessions.filter((session) => session.accountId === account.id)));
    await takeBack.takeAway(server.boundOrigins);
    await store.commit([
      { remove: 'server', id: serverId },
      { remove: 'pending', id: serverId },
      ...accounts.flatMap((account): StoreChange[] => [
        { remove: 'account', id: account.id },
        { remove: 'session', id: account.id },
        { remove: 'apiKey', id: account.id },
      ]),
    ]);
    await Promise.all(accounts.map((account) => scheduler.cancel(account.id)));
    await takeBack.takeAway(server.boundOrigins);
    try {
      await takeBack.settle(await deps.pageSync.pushSession(server.boundOrigins, null, 'forget'), null);
    } catch (error) {
      warn(`Bound pages of ${server.url} could not be released`, error);
    }
    await syncRegistrations();
    const serverOrigin = originOf(server.url);
    await releasePermissions([...server.boundOrigins, ...(serverOrigin ? [serverOrigin] : [])]);
    stateChanged();
    return reply;
  }

  async function releasePermissions(removedOrigins: readonly string[]): Promise<void> {
    if (!deps.releaseOriginPermissions || removedOrigins.length === 0) return;
    try {
      await deps.releaseOriginPermissions(removedOrigins, await store.list('server'), await deps.pageSync.staleOrigins());
    } catch (error) {
      warn('Host permissions that are no longer needed could not be given back', error);
    }
  }

  async function getStrategies(serverId: string): Promise<ReplyOf<'getStrategies'>> {
    const server = await requireServer(serverId);
    try {
      return { strategies: await clientOf(server).getStrategies(), hidden: false };
    } catch (error) {
      if (isHiddenList(error)) return { strategies: [], hidden: true };
      throw error;
    }
  }

  // ---- logins ----

  async function login({ serverId, strategy, credentials, expiresIn, displayName, staySignedIn: lifetime }: Payload<'login'>): Promise<LoginReply> {
    const server = await requireServer(serverId);
    let outcome;
    let checkedExpiresIn: ExpiresIn | undefined;
    try {
      const name = checkStrategy(strategy);
      checkedExpiresIn = checkExpiresIn(expiresIn);
      outcome = await clientOf(server).login(name, credentials, checkedExpiresIn);
    } catch (error) {
      // Not queued: offline or unreachable fails now, and nothing of the attempt is kept.
      loginAttempt(serverId, error);
      throw error;
    }
    if (outcome.kind === 'two-step') {
      const pending: PendingLogin = {
        serverId,
        strategy: strategy.trim(),
        startedAt: deps.now(),
        ...(outcome.location ? { location: outcome.location } : {}),
        ...(checkedExpiresIn !== undefined ? { expiresIn: checkedExpiresIn } : {}),
      };
      await store.commit([{ put: 'pending', record: pending }]);
      stateChanged();
      return { outcome: 'pending', ...(outcome.location ? { location: outcome.location } : {}) };
    }
    const typedName = displayName?.trim() || (typeof credentials.username === 'string' ? credentials.username.trim() : undefined);
    const accountId = await keepToken(server, strategy.trim(), outcome.token, checkedExpiresIn, typedName || undefined);
    if (!lifetime) return { outcome: 'active', accountId };
    const kept = await staySignedIn.keep(server, accountId, outcome.token.jwt, lifetime);
    stateChanged();
    return { outcome: 'active', accountId, staySignedIn: kept };
  }

  async function startTwoStepInTab({ serverId, strategy, expiresIn }: Payload<'startTwoStepInTab'>): Promise<{ tabId: number }> {
    const server = await requireServer(serverId);
    const name = checkStrategy(strategy);
    const checkedExpiresIn = checkExpiresIn(expiresIn);
    const query = checkedExpiresIn === undefined ? '' : `?expiresIn=${encodeURIComponent(String(checkedExpiresIn))}`;
    const tabId = await deps.tabs.open(`${server.url}/_login/${encodeURIComponent(name)}${query}`);
    const pending: PendingLogin = { serverId, strategy: name, tabId, startedAt: deps.now(), ...(checkedExpiresIn !== undefined ? { expiresIn: checkedExpiresIn } : {}) };
    await store.commit([{ put: 'pending', record: pending }]);
    stateChanged();
    return { tabId };
  }

  /** For `tabs.onUpdated`: finishes a two-step login when its tab shows Kuzzle's JSON answer with a `jwt`. */
  async function onTabUpdated(tabId: number, url: string | undefined, complete: boolean): Promise<void> {
    if (!complete || !url) return;
    const [pending, servers] = await Promise.all([store.list('pending'), store.list('server')]);
    const login = pending.find((candidate) => candidate.tabId === tabId);
    const server = login && servers.find((candidate) => candidate.id === login.serverId);
    if (!login || !server || !url.startsWith(`${server.url}/_login/`)) return;
    let answer: unknown;
    try {
      answer = JSON.parse(await deps.tabs.readText(tabId));
    } catch {
      return; // Not Kuzzle's JSON yet (a page on the way): wait for the next load.
    }
    if (typeof answer !== 'object' || answer === null) return;
    const envelope = answer as { result?: { jwt?: unknown }; error?: { message?: unknown } | null };
    if (typeof envelope.result?.jwt === 'string') {
      await setJwtToken(server.id, answer as Record<string, unknown>);
      await deps.tabs.close(tabId).catch(() => {});
    } else if (envelope.error) {
      const message = typeof envelope.error.message === 'string' ? envelope.error.message : 'the server refused the sign-in';
      await store.commit([{ remove: 'pending', id: server.id }]);
      loginAttempt(server.id, new SessionError('invalid-input', `The sign-in in the tab failed: ${message}. Try again.`));
      stateChanged();
    }
  }

  /** For `tabs.onRemoved`: a two-step login whose tab the user closed is given up. */
  async function onTabRemoved(tabId: number): Promise<void> {
    const pending = await store.list('pending');
    const abandoned = pending.filter((login) => login.tabId === tabId);
    if (abandoned.length === 0) return;
    await store.commit(abandoned.map((login): StoreChange => ({ remove: 'pending', id: login.serverId })));
    stateChanged();
  }

  async function cancelPending(serverId: string): Promise<null> {
    await requireServer(serverId);
    await store.commit([{ remove: 'pending', id: serverId }]);
    stateChanged();
    return null;
  }

  // ---- accounts ----

  async function refreshNow(accountId: string): Promise<null> {
    await requireAccount(accountId);
    const outcome = await refresh(accountId, { force: true });
    if (outcome.kind === 'failed' || outcome.kind === 'refused') throw outcome.error;
    if (outcome.kind === 'no-session') throw new SessionError('invalid-input', 'This account has no active session to refresh. Log in again.');
    if (outcome.kind === 'ended') {
      const session = await store.get('session', accountId);
      // Ended by the server (the token refused) or by the clock: neither is the user's input.
      throw new SessionError(outcome.state === 'revoked' ? 'kuzzle' : 'timeout', session?.lastError ?? 'The session could not be refreshed. Log in again.');
    }
    return null;
  }

  /** Ends a session on its server; says when the server could not be told (the token then stays valid there until it expires). */
  async function revoke(server: ServerRecord, session: SessionRecord | undefined, global: boolean): Promise<LogoutReply> {
    if (!session || session.state !== 'active' || isExpired(session, deps.now())) {
      return { serverNotified: false, message: 'The token had already expired or been refused, so there was nothing to revoke on the server. It was forgotten here.' };
    }
    try {
      await clientOf(server).logout(session.jwt, { global });
      return { serverNotified: true };
    } catch (error) {
      return isInvalidTokenError(error)
        ? { serverNotified: true, message: 'The server had already ended this session.' }
        : { serverNotified: false, message: `The server was not told (${describe(error)}). The token was forgotten here but stays valid on the server until it expires.` };
    }
  }

  /** `revoke` for each live session of a server (one removed, or one account's), in one sentence for the person. */
  async function revokeAll(server: ServerRecord, sessions: readonly SessionRecord[]): Promise<LogoutReply> {
    const live = sessions.filter((session) => session.state === 'active' && !isExpired(session, deps.now()));
    const replies = await Promise.all(live.map((session) => revoke(server, session, false)));
    const failed = replies.filter((reply) => !reply.serverNotified);
    if (failed.length === 0) return { serverNotified: true };
    return {
      serverNotified: false,
      message: `${failed.length === 1 ? 'One session' : `${failed.length} sessions`} could not be ended on the server (${failed[0]!.message}) ${failed.length === 1 ? 'Its token stays' : 'Their tokens stay'} valid there until ${failed.length === 1 ? 'it expires' : 'they expire'}.`,
    };
  }

  async function logout(accountId: string, global: boolean): Promise<LogoutReply> {
    const { account, server } = await requireAccount(accountId);
    return withAccountLock(accountId, async () => {
      const session = await store.get('session', accountId);
      let reply = await revoke(server, session, global);
      // Stay signed in: logging out also deletes the account's key, or says that it could not.
      const key = await staySignedIn.revoke(accountId);
      if (key && !key.deleted) reply = { ...reply, message: [reply.message, key.message].filter(Boolean).join(' ') };
      await dropSession(account, server, 'logout');
      return key ? { ...reply, apiKeyDeleted: key.deleted } : reply;
    });
  }

  async function forget(accountId: string): Promise<ForgetReply> {
    const { account, server } = await requireAccount(accountId);
    return withAccountLock(accountId, async () => {
      const keyStillValid = await staySignedIn.forgetNotice(accountId);
      await dropSession(account, server, 'forget');
      return keyStillValid ? { keyStillValid } : {};
    });
  }

  async function removeAccount(accountId: string): Promise<LogoutReply> {
    const { account, server } = await requireAccount(accountId);
    return withAccountLock(accountId, async () => {
      // Logged out on the server first: removing an account must not leave its token alive there.
      const session = await store.get('session', accountId);
      const reply = session ? await revokeAll(server, [session]) : { serverNotified: true };
      const changes: StoreChange[] = [{ remove: 'account', id: accountId }];
      if (server.activeAccountId === accountId) {
        const accounts = await store.list('account');
        const next = accounts.filter((candidate) => candidate.serverId === server.id && candidate.id !== accountId).sort((a, b) => b.lastUsedAt - a.lastUsedAt)[0];
        changes.push({ update: 'server', id: server.id, apply: (current) => ({ ...current, activeAccountId: next?.id ?? null }) });
      }
      await dropSession(account, server, 'forget', changes);
      return reply;
    });
  }

  async function switchAccount(accountId: string): Promise<null> {
    const { account, server } = await requireAccount(accountId);
    const switching = server.activeAccountId !== accountId;
    if (switching) await takeBack.takeAway(server.boundOrigins);
    await store.commit([
      { update: 'server', id: server.id, apply: (current) => ({ ...current, activeAccountId: accountId }) },
      { update: 'account', id: account.id, apply: (current) => ({ ...current, lastUsedAt: deps.now() }) },
    ]);
    if (switching) await takeBack.takeAway(server.boundOrigins);
    await announce({ ...server, activeAccountId: accountId }, 'switch');
    stateChanged();
    return null;
  }

  /** The server a tab belongs to: one of its bound origins, or the Kuzzle server's own origin. */
  function serverForUrl(servers: readonly ServerRecord[], url: string | undefined): ServerRecord | undefined {
    const origin = url ? originOf(url) : null;
    if (!origin) return undefined;
    return servers.find((server) => server.boundOrigins.includes(origin)) ?? servers.find((server) => originOf(server.url) === origin);
  }

  /** The `next-account` command: the next account of the tab's server, or of the last used server. */
  async function cycleAccount(tabUrl: string | undefined): Promise<string | null> {
    const { servers, accounts } = await store.readAll();
    const lastUsed = [...accounts].sort((a, b) => b.lastUsedAt - a.lastUsedAt)[0];
    const server = serverForUrl(servers, tabUrl) ?? servers.find((candidate) => candidate.id === lastUsed?.serverId);
    if (!server) return null;
    const ring = accounts.filter((account) => account.serverId === server.id).sort((a, b) => a.createdAt - b.createdAt);
    if (ring.length === 0) return null;
    const index = ring.findIndex((account) => account.id === server.activeAccountId);
    const next = ring[(index + 1) % ring.length]!;
    await switchAccount(next.id);
    return next.id;
  }

  // ---- import, export, terminal ----

  const transfer = createTransfer(deps);

  /** After an import: the new servers' sites registered, the pages told. */
  async function imported(outcome: Promise<ImportOutcome>): Promise<ImportOutcome> {
    const done = await outcome;
    if (done.added.length > 0) {
      await syncRegistrations();
      stateChanged();
    }
    return done;
  }

  const importFile = (text: string) => imported(transfer.importFile(text));
  const importFromConsole = (origin: string) => imported(transfer.importFromConsole(origin));

  // ---- bound pages ----

  async function bindOrigin(serverId: string, input: string) {
    const server = await requireServer(serverId);
    const origin = checkBindableOrigin(input);
    const servers = await store.list('server');
    const holder = servers.find((candidate) => candidate.boundOrigins.includes(origin));
    if (holder && holder.id !== serverId) throw new SessionError('invalid-input', `${origin} is already bound to "${holder.name}". Unbind it there first.`);
    if (!(await deps.hasOriginPermission(origin))) {
      throw new SessionError('invalid-input', `The extension is not allowed to open ${origin} yet. Bind it again and accept the browser's permission request.`);
    }
    if (holder) {
      // Bound already (an imported site whose permission was just given): its pages start receiving now.
      await syncRegistrations();
      return serverView(serverId);
    }
    await store.commit([
      { update: 'server', id: serverId, apply: (current) => (current.boundOrigins.includes(origin) ? current : { ...current, boundOrigins: [...current.boundOrigins, origin] }) },
    ]);
    await syncRegistrations();
    await announce(server, 'login', [origin]);
    stateChanged();
    return serverView(serverId);
  }

  async function unbindOrigin(serverId: string, input: string) {
    const server = await requireServer(serverId);
    const origin = originOf(input.trim()) ?? input.trim();
    if (!server.boundOrigins.includes(origin)) return serverView(serverId);
    // Its pages keep a content script until they no longer hold the token (lib/inject/stale-pages.ts).
    await takeBack.takeAway([origin]);
    await store.commit([{ update: 'server', id: serverId, apply: (current) => ({ ...current, boundOrigins: current.boundOrigins.filter((bound) => bound !== origin) }) }]);
    await takeBack.takeAway([origin]);
    try {
      await takeBack.settle(await deps.pageSync.pushSession([origin], null, 'logout'), null);
    } catch (error) {
      warn(`${origin} could not be told that it was unbound`, error);
    }
    await releasePermissions([origin]);
    stateChanged();
    return serverView(serverId);
  }

  async function syncRegistrations(): Promise<void> {
    try {
      await deps.pageSync.syncRegistrations(await store.list('server'));
    } catch (error) {
      warn('Could not update the content script registration', error);
    }
  }

  /** The session of the server bound to a page's origin (the origin comes from the sender, never from the page). */
  async function getPageSession(origin: string): Promise<PageSession | null> {
    const server = (await store.list('server')).find((candidate) => candidate.boundOrigins.includes(origin));
    if (!server?.activeAccountId) return null;
    const [account, session] = await Promise.all([store.get('account', server.activeAccountId), store.get('session', server.activeAccountId)]);
    return pageSessionFor(server, account, session, deps.now());
  }

  async function getState(): Promise<StateSnapshot> {
    return buildSnapshot(await store.readAll());
  }

  /** What the badge shows for a tab: its server's active account and session, if any. */
  async function activeForUrl(url: string | undefined): Promise<{ server: ServerRecord; account?: AccountRecord; session?: SessionRecord } | null> {
    const server = serverForUrl(await store.list('server'), url);
    if (!server) return null;
    const [account, session] = server.activeAccountId
      ? await Promise.all([store.get('account', server.activeAccountId), store.get('session', server.activeAccountId)])
      : [undefined, undefined];
    return { server, ...(account ? { account } : {}), ...(session ? { session } : {}) };
  }

  /** A stale origin's content script says what its page holds now (lib/inject/stale-pages.ts). */
  async function reportPlantedToken(origin: string, jwt: string | null): Promise<null> {
    await takeBack.settle([origin], jwt);
    return null;
  }

  /** Whether pages of an origin may still hold a token taken back from them (for the sender check). */
  async function isStaleOrigin(origin: string): Promise<boolean> {
    return (await deps.pageSync.staleOrigins()).includes(origin);
  }

  /** Whether a page origin is bound to a server (for the sender check). */
  async function isBoundOrigin(origin: string): Promise<boolean> {
    return (await store.list('server')).some((server) => server.boundOrigins.includes(origin));
  }

  return {
    start,
    settled,
    refresh,
    onTabUpdated,
    onTabRemoved,
    cycleAccount,
    activeForUrl,
    isBoundOrigin,
    isStaleOrigin,
    reportPlantedToken,
    getState,
    probeServer,
    addServer,
    updateServer,
    removeServer,
    getStrategies,
    login,
    startTwoStepInTab,
    setJwtToken,
    cancelPending,
    refreshNow,
    logout,
    forget,
    removeAccount,
    switchAccount,
    bindOrigin,
    unbindOrigin,
    getPageSession,
    listApiKeys: async (accountId: string) => ({ keys: await staySignedIn.listOnServer((await requireAccount(accountId)).account.id) }),
    revokeApiKey: async (accountId: string, keyId: string) => {
      await staySignedIn.revokeOnServer((await requireAccount(accountId)).account.id, keyId);
      stateChanged();
      return null;
    },
    importFile,
    consoleOffer: transfer.consoleOffer,
    importFromConsole,
    terminalEnv: transfer.terminalEnv,
  };
}

export type SessionManager = ReturnType<typeof createSessionManager>;
