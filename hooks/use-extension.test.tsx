// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook, waitFor } from '@testing-library/preact';
import { createRequester } from '../lib/messaging';
import type { AnyEvent, ErrorInfo, Reply } from '../lib/messages';
import type { StateSnapshot } from '../lib/model';
import { parseServerUrl } from '../lib/server-url';
import { englishTranslate } from '../test-support/render';
import { serverView } from '../test-support/views';
import type { ParsedServerUrl } from '../lib/intents';
import { permissionPatternOf, useExtension, type Platform } from './use-extension';

afterEach(cleanup);

type Handler = (payload: Record<string, unknown>) => unknown;

/** A worker behind the real requester: handlers answer by type; a thrown ErrorInfo becomes an error reply. */
function fakeWorker(handlers: Record<string, Handler>, granted = true) {
  const log: string[] = [];
  let listener: ((event: AnyEvent) => void) | undefined;
  let snapshot: StateSnapshot = { servers: [], quarantined: 0 };
  const send = async (message: unknown): Promise<Reply<unknown>> => {
    const { type, ...payload } = message as { type: string };
    log.push(type);
    if (type === 'getState') return { ok: true, value: snapshot };
    const handler = handlers[type];
    if (!handler) return { ok: false, error: { kind: 'internal', message: `no handler for ${type}` } };
    try {
      return { ok: true, value: await handler(payload) };
    } catch (error) {
      return { ok: false, error: error as ErrorInfo };
    }
  };
  const platform: Platform = {
    request: createRequester(send),
    subscribe: (next) => {
      listener = next;
      return () => (listener = undefined);
    },
    requestHostPermission: vi.fn((pattern: string) => {
      log.push(`permission ${pattern}`);
      return Promise.resolve(granted);
    }),
  };
  return {
    platform,
    log,
    setSnapshot: (next: StateSnapshot) => (snapshot = next),
    emit: (event: AnyEvent) => listener?.(event),
  };
}

const localServer = () => parseServerUrl('http://localhost:7512') as ParsedServerUrl;

async function mounted(worker: ReturnType<typeof fakeWorker>) {
  const hook = renderHook(() => useExtension(worker.platform, englishTranslate));
  await waitFor(() => expect(hook.result.current.snapshot).not.toBeNull());
  return hook;
}

describe('useExtension', () => {
  it('loads the state at once', async () => {
    const worker = fakeWorker({});
    worker.setSnapshot({ servers: [serverView('s1')], quarantined: 0 });
    const { result } = await mounted(worker);
    expect(result.current.snapshot!.servers.map((s) => s.id)).toEqual(['s1']);
  });

  it('asks for the host permission synchronously, then probes, then adds the server', async () => {
    const added = serverView('s1', { url: 'http://localhost:7512' });
    const worker = fakeWorker({
      probeServer: () => ({ url: 'http://localhost:7512', strategies: ['local'], insecure: false }),
      addServer: () => added,
    });
    const { result } = await mounted(worker);
    let outcome: Promise<unknown> | undefined;
    act(() => {
      outcome = result.current.actions.addServer({ parsed: localServer(), color: 'blue' });
    });
    // Still inside the click: the permission prompt must already be requested.
    expect(worker.platform.requestHostPermission).toHaveBeenCalledWith('http://localhost/*');
    await act(async () => {
      expect(await outcome).toEqual({ ok: true, value: added });
    });
    expect(worker.log.filter((entry) => entry !== 'getState')).toEqual(['permission http://localhost/*', 'probeServer', 'addServer']);
    expect(result.current.error).toBeNull();
  });

  it('does not add a server whose probe fails, and shows why', async () => {
    const addServer = vi.fn();
    const worker = fakeWorker({
      probeServer: () => {
        throw { kind: 'not-kuzzle', message: 'http://localhost:7512 answered with an HTML page, not as Kuzzle does.' };
      },
      addServer,
    });
    const { result } = await mounted(worker);
    await act(async () => {
      await result.current.actions.addServer({ parsed: localServer(), color: 'blue' });
    });
    expect(addServer).not.toHaveBeenCalled();
    expect(result.current.error).toMatchObject({ kind: 'not-kuzzle' });
    expect(result.current.busy).toBe(false);
  });

  it('says plainly when the permission is refused, and sends nothing', async () => {
    const probeServer = vi.fn();
    const worker = fakeWorker({ probeServer }, false);
    const { result } = await mounted(worker);
    await act(async () => {
      await result.current.actions.addServer({ parsed: localServer(), color: 'blue' });
    });
    expect(probeServer).not.toHaveBeenCalled();
    expect(result.current.error).toEqual({
      kind: 'forbidden',
      message: "The extension was not allowed to reach http://localhost:7512. Add the server again and accept the browser's request.",
    });
  });

  it('binds an origin after asking for its permission without the port', async () => {
    const bindOrigin = vi.fn(() => serverView('s1'));
    const worker = fakeWorker({ bindOrigin });
    const { result } = await mounted(worker);
    await act(async () => {
      await result.current.actions.bindOrigin('s1', 'http://127.0.0.1:8080');
    });
    expect(worker.platform.requestHostPermission).toHaveBeenCalledWith('http://127.0.0.1/*');
    expect(bindOrigin).toHaveBeenCalledWith({ serverId: 's1', origin: 'http://127.0.0.1:8080' });
  });

  it('puts a failed login in the alert with Kuzzle\'s id, and clears it on the next action', async () => {
    const worker = fakeWorker({
      login: () => {
        throw { kind: 'kuzzle', message: 'wrong username or password', kuzzleId: 'plugin.strategy.missing_user', status: 401 };
      },
      refreshNow: () => null,
    });
    const { result } = await mounted(worker);
    await act(async () => {
      await result.current.actions.login('s1', { strategy: 'local', credentials: { username: 'a', password: 'b' } });
    });
    expect(result.current.error).toMatchObject({ kuzzleId: 'plugin.strategy.missing_user', status: 401 });
    await act(async () => {
      await result.current.actions.refreshNow('a1');
    });
    expect(result.current.error).toBeNull();
  });

  it('refetches the state when the worker says it changed, and shows a failed loginAttempt', async () => {
    const worker = fakeWorker({});
    const { result } = await mounted(worker);
    worker.setSnapshot({ servers: [serverView('s9')], quarantined: 0 });
    // Events['stateChanged'] is Record<string, never>, which makes the literal unassignable without a cast.
    act(() => worker.emit({ event: 'stateChanged' } as unknown as AnyEvent));
    await waitFor(() => expect(result.current.snapshot!.servers.map((s) => s.id)).toEqual(['s9']));
    act(() => worker.emit({ event: 'loginAttempt', serverId: 's9', success: false, error: 'The authorization was denied.' }));
    expect(result.current.error).toEqual({ kind: 'kuzzle', message: 'The authorization was denied.' });
  });

  it('keeps `local` on offer when the strategies cannot be read, and says why', async () => {
    const worker = fakeWorker({
      getStrategies: () => {
        throw { kind: 'unreachable', message: 'The server did not answer.' };
      },
    });
    const { result } = await mounted(worker);
    await act(async () => {
      await result.current.actions.loadStrategies('s1');
    });
    expect(result.current.strategies.s1).toEqual({ strategies: ['local'], hidden: false });
    expect(result.current.error).toMatchObject({ kind: 'unreachable' });
  });

  it('tells when a logout could not reach the server', async () => {
    const worker = fakeWorker({ logout: () => ({ serverNotified: false, message: 'unreachable' }) });
    const { result } = await mounted(worker);
    await act(async () => {
      await result.current.actions.logout('a1');
    });
    expect(result.current.notice).toBe('Logged out here, but the server could not be told: unreachable');
  });
});

describe('permissionPatternOf', () => {
  it('drops the port, which match patterns cannot carry', () => {
    expect(permissionPatternOf('https://console.example.com:8443')).toBe('https://console.example.com/*');
    expect(permissionPatternOf('http://[::1]:8080')).toBe('http://[::1]/*');
  });
});
