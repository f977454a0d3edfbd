import { describe, expect, it } from 'vitest';
import { createDispatcher, type Handlers } from './dispatcher';
import { KuzzleError } from './kuzzle/errors';
import type { SenderClass } from './senders';
import { SessionError } from './session/errors';

const EXTENSION = { id: 'ext', url: 'chrome-extension://ext/popup.html' };
const PAGE = { id: 'ext', url: 'https://console.example.com/', tab: { id: 1 }, frameId: 0 };
const STRANGER = { id: 'other', url: 'https://evil.example/' };

async function classify(sender: { id?: string; url?: string }): Promise<SenderClass> {
  if (sender.id !== 'ext') return { kind: 'refused', reason: 'other extension' };
  return sender.url?.startsWith('chrome-extension://') ? { kind: 'extension-page' } : { kind: 'bound-page', origin: 'https://console.example.com' };
}

function dispatcherWith(overrides: Partial<Handlers>) {
  const calls: string[] = [];
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, type: string) =>
      target[type as keyof Handlers] ??
      (async () => {
        calls.push(type);
        return null;
      }),
  });
  return { dispatch: createDispatcher(handlers, classify), calls };
}

describe('dispatcher', () => {
  it('answers a request with the handler\'s value, passing the sender it checked', async () => {
    const { dispatch } = dispatcherWith({ getPageSession: async (_request, sender) => ({ origin: sender.kind === 'bound-page' ? sender.origin : null }) as never });
    expect(await dispatch({ type: 'getPageSession' }, PAGE)).toEqual({ ok: true, value: { origin: 'https://console.example.com' } });
  });

  it('refuses an unknown or shapeless message before anything else', async () => {
    const { dispatch, calls } = dispatcherWith({});
    expect(await dispatch({ type: 'dropTables' }, EXTENSION)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(await dispatch('login', EXTENSION)).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    expect(calls).toEqual([]);
  });

  it('refuses privileged requests from a bound page and any request from a stranger, as forbidden', async () => {
    const { dispatch, calls } = dispatcherWith({});
    expect(await dispatch({ type: 'getState' }, PAGE)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(await dispatch({ type: 'getPageSession' }, STRANGER)).toMatchObject({ ok: false, error: { kind: 'forbidden' } });
    expect(calls).toEqual([]);
  });

  it('refuses a payload of the wrong shape, naming the field and never its value', async () => {
    const { dispatch, calls } = dispatcherWith({});
    const reply = await dispatch({ type: 'login', serverId: 's', strategy: 'local', credentials: 'hunter2' }, EXTENSION);
    expect(reply).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringContaining('"credentials"') } });
    expect(JSON.stringify(reply)).not.toContain('hunter2');
    expect(await dispatch({ type: 'logout', accountId: 'a', global: 'yes' }, EXTENSION)).toMatchObject({ ok: false, error: { message: expect.stringContaining('"global"') } });
    expect(calls).toEqual([]);
    expect(await dispatch({ type: 'logout', accountId: 'a' }, EXTENSION)).toEqual({ ok: true, value: null });
    expect(calls).toEqual(['logout']);
  });

  it('turns what a handler throws into ErrorInfo', async () => {
    const { dispatch } = dispatcherWith({
      removeServer: async () => {
        throw new SessionError('not-found', 'This server is no longer in the list.');
      },
      getStrategies: async () => {
        throw new KuzzleError('Insufficient permissions', 'security.rights.forbidden', 117637122, 403, ['auth', 'getStrategies', 'alice']);
      },
      getState: async () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch({ type: 'removeServer', serverId: 's' }, EXTENSION)).toEqual({ ok: false, error: { kind: 'not-found', message: 'This server is no longer in the list.' } });
    expect(await dispatch({ type: 'getStrategies', serverId: 's' }, EXTENSION)).toMatchObject({ ok: false, error: { kind: 'kuzzle', kuzzleId: 'security.rights.forbidden', status: 403 } });
    expect(await dispatch({ type: 'getState' }, EXTENSION)).toMatchObject({ ok: false, error: { kind: 'internal', message: expect.stringContaining('boom') } });
  });
});
