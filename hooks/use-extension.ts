/**
 * The pages' one link to the worker: a Preact hook that keeps the state snapshot, runs the
 * protocol's requests and turns their failures into an error for the alert region. The browser
 * is reached only through `Platform`, so that tests hand it fakes.
 */
import { useCallback, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { AnyEvent, ApiKeyView, ErrorInfo, LogoutReply } from '../lib/messages';
import { RequestError, type Requester } from '../lib/messaging';
import type { ServerColor, ServerView, StateSnapshot } from '../lib/model';
import type { ExpiresIn } from '../lib/kuzzle/types';
import type { Translate } from '../lib/i18n';
import type { LoginIntent, NewServer } from '../lib/intents';
import { toErrorInfo } from '../utils/error-text';

export interface Platform {
  request: Requester;
  /** Listens to the worker's events; returns the function that stops listening. */
  subscribe: (listener: (event: AnyEvent) => void) => () => void;
  /**
   * `permissions.request({origins: [pattern]})`. Called synchronously from a click, before any
   * await, because the browser only shows its prompt while the user gesture holds.
   */
  requestHostPermission: (pattern: string) => Promise<boolean>;
}

/** Match patterns carry no port: `http://host:8080` is asked as `http://host/*`, which covers every port. */
export function permissionPatternOf(origin: string): string {
  const url = new URL(origin);
  return `${url.protocol}//${url.hostname}/*`;
}

export interface StrategyList {
  strategies: string[];
  hidden: boolean;
}

export type Outcome<T> = { ok: true; value: T } | { ok: false };

export function useExtension(platform: Platform, t: Translate) {
  const { request } = platform;
  const [snapshot, setSnapshot] = useState<StateSnapshot | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [strategies, setStrategies] = useState<Record<string, StrategyList>>({});
  // A newer getState may answer before an older one; only the latest request may set the snapshot.
  const latestLoad = useRef(0);

  const reload = useCallback(async () => {
    const ticket = ++latestLoad.current;
    try {
      const state = await request('getState', {});
      if (ticket === latestLoad.current) setSnapshot(state);
    } catch (failure) {
      if (ticket === latestLoad.current) setError(toErrorInfo(failure));
    }
  }, [request]);

  // Before the first paint, not after it: the worker reads the state while the shell paints.
  useLayoutEffect(() => {
    const stop = platform.subscribe((event) => {
      if (event.event === 'stateChanged') void reload();
      else if (event.event === 'loginAttempt') {
        if (event.success) setError(null);
        else setError({ kind: 'kuzzle', message: event.error ?? t('errorTitleKuzzle') });
        void reload();
      }
    });
    void reload();
    return stop;
  }, [platform, reload]);

  /**
   * Runs one user action: the action starts synchronously (so a permission request inside it
   * still has the user gesture), shows progress, and any failure lands in the alert region.
   */
  const run = useCallback(
    async <T,>(action: () => Promise<T>): Promise<Outcome<T>> => {
      setBusy(true);
      setError(null);
      setNotice(null);
      const pending = action();
      try {
        const value = await pending;
        return { ok: true, value };
      } catch (failure) {
        setError(toErrorInfo(failure));
        return { ok: false };
      } finally {
        setBusy(false);
        void reload();
      }
    },
    [reload],
  );

  /** Asks for the origin's permission first, still inside the click; refuses plainly if the person says no. */
  const withPermission = async (pattern: string, origin: string, refusalKey: string): Promise<void> => {
    const granted = await platform.requestHostPermission(pattern).catch(() => false);
    if (!granted) throw new RequestError({ kind: 'forbidden', message: t(refusalKey, { origin }) });
  };

  const actions = {
    reload,
    dismissError: () => setError(null),

    addServer: (server: NewServer) =>
      run(async (): Promise<ServerView> => {
        const { parsed } = server;
        await withPermission(parsed.permissionPattern, parsed.origin, 'permissionRefused');
        // The probe says "unreachable" or "not a Kuzzle server" before anything is saved.
        await request('probeServer', { url: parsed.url });
        return request('addServer', { url: parsed.url, name: server.name, color: server.color });
      }),

    updateServer: (serverId: string, changes: { name?: string; color?: ServerColor }) =>
      run(async () => {
        await request('updateServer', { serverId, ...changes });
        setNotice(t('saved'));
      }),

    removeServer: (serverId: string) =>
      run(async (): Promise<LogoutReply> => {
        const reply = await request('removeServer', { serverId });
        if (!reply.serverNotified) setNotice(t('removedLocally', { message: reply.message ?? '' }));
        return reply;
      }),

    loadStrategies: async (serverId: string): Promise<void> => {
      try {
        const list = await request('getStrategies', { serverId });
        setStrategies((known) => ({ ...known, [serverId]: list }));
      } catch (failure) {
        // Without the list, `local` is still worth offering; the alert says why the list is missing.
        setStrategies((known) => ({ ...known, [serverId]: { strategies: ['local'], hidden: false } }));
        setError(toErrorInfo(failure));
      }
    },

    login: (serverId: string, intent: LoginIntent) =>
      run(async () => {
        const reply = await request('login', { serverId, ...intent });
        // Signed in either way; a key the server would not make is said, not hidden.
        if (reply.outcome === 'active' && reply.staySignedIn && !reply.staySignedIn.kept) setNotice(reply.staySignedIn.message);
        return reply;
      }),

    startTwoStepInTab: (serverId: string, strategy: string, expiresIn?: ExpiresIn) =>
      run(async () => {
        const reply = await request('startTwoStepInTab', { serverId, strategy, expiresIn });
        setNotice(t('twoStepOpened'));
        return reply;
      }),

    setJwtToken: (serverId: string, token: string | Record<string, unknown>) => run(() => request('setJwtToken', { serverId, token })),
    cancelPending: (serverId: string) => run(() => request('cancelPending', { serverId })),
    refreshNow: (accountId: string) => run(() => request('refreshNow', { accountId })),

    logout: (accountId: string) =>
      run(async (): Promise<LogoutReply> => {
        const reply = await request('logout', { accountId });
        if (!reply.serverNotified) setNotice(t('loggedOutLocally', { message: reply.message ?? '' }));
        else if (reply.apiKeyDeleted === false && reply.message) setNotice(reply.message);
        return reply;
      }),

    forget: (accountId: string) =>
      run(async () => {
        const reply = await request('forget', { accountId });
        setNotice(reply.keyStillValid ? t('keyStillValid', { message: reply.keyStillValid }) : t('forgotten'));
        return reply;
      }),

    listApiKeys: async (accountId: string): Promise<ApiKeyView[] | null> => {
      const outcome = await run(() => request('listApiKeys', { accountId }));
      return outcome.ok ? outcome.value.keys : null;
    },
    revokeApiKey: async (accountId: string, keyId: string): Promise<boolean> => (await run(() => request('revokeApiKey', { accountId, keyId }))).ok,
    removeAccount: (accountId: string) =>
      run(async (): Promise<LogoutReply> => {
        const reply = await request('removeAccount', { accountId });
        if (!reply.serverNotified) setNotice(t('removedLocally', { message: reply.message ?? '' }));
        return reply;
      }),
    switchAccount: (accountId: string) => run(() => request('switchAccount', { accountId })),

    bindOrigin: (serverId: string, origin: string) =>
      run(async () => {
        await withPermission(permissionPatternOf(origin), origin, 'siteNotAllowed');
        return request('bindOrigin', { serverId, origin });
      }),

    unbindOrigin: (serverId: string, origin: string) => run(() => request('unbindOrigin', { serverId, origin })),
  };

  return { snapshot, error, notice, busy, strategies, actions };
}

export type Extension = ReturnType<typeof useExtension>;
