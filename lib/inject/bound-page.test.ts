// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PageSession } from '../model';
import { PLANTED_ENV_KEY } from './admin-console';
import { BRIDGE_TYPES } from './bridge';
import { RELOAD_GUARD_KEY, startBoundPage, type BoundPageWindow } from './bound-page';
import type { PageSessionChangeReason } from './types';

const ENV_ID = 'Local (Session Manager)';
const alice: PageSession = {
  kuid: 'alice',
  jwt: 'h.alice-1.s',
  expiresAt: 1_900_000_000_000,
  server: { url: 'http://127.0.0.1:7512', name: 'Local', color: 'green', host: '127.0.0.1', port: 7512, ssl: false },
};

function harness(answer: () => Promise<PageSession | null>, stale?: { reportPlanted: (token: string | null) => Promise<unknown> }) {
  const listeners: ((event: MessageEvent) => void)[] = [];
  const posted: { message: unknown; targetOrigin: string }[] = [];
  const win: BoundPageWindow = {
    location: { origin: location.origin },
    addEventListener: (_type, listener) => listeners.push(listener),
    postMessage: (message, targetOrigin) => posted.push({ message, targetOrigin }),
  };
  let changed: ((session: PageSession | null, reason: PageSessionChangeReason) => void) | undefined;
  const reloadOnAppRoot = vi.fn();
  const requestSession = vi.fn(answer);
  const page = startBoundPage({ window: win, requestSession, onSessionChanged: (l) => (changed = l), reloadOnAppRoot, ...(stale ? { stale: true, reportPlanted: stale.reportPlanted } : {}) });
  const fromPage = (data: unknown, source: unknown = win, origin = location.origin) => {
    for (const listener of listeners) listener({ data, source, origin } as MessageEvent);
  };
  return { page, posted, reloadOnAppRoot, requestSession, fromPage, emitChange: (s: PageSession | null, r: PageSessionChangeReason) => changed?.(s, r) };
}

function environments(): Record<string, Record<string, unknown>> {
  return JSON.parse(localStorage.getItem('environments') ?? 'null');
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});
afterEach(() => {
  localStorage.clear();
  sessionStorage.clear();
});

describe('startBoundPage at document_start', () => {
  it('plants the session into an empty page and reloads it once on its app root', async () => {
    const { page, reloadOnAppRoot } = harness(async () => alice);
    expect(await page.started).toBe('reloading');
    expect(environments()[ENV_ID]?.token).toBe(alice.jwt);
    expect(sessionStorage.getItem('currentEnv')).toBe(ENV_ID);
    expect(reloadOnAppRoot).toHaveBeenCalledTimes(1);
  });

  it('does not reload a page that already started with the current token', async () => {
    await harness(async () => alice).page.started;
    const second = harness(async () => alice);
    expect(await second.page.started).toBe('current');
    expect(second.reloadOnAppRoot).not.toHaveBeenCalled();
  });

  it('reloads at most once for the same token, even when the console keeps rejecting it', async () => {
    await harness(async () => alice).page.started;
    // The console wrote null over the token it rejected; the next load finds it stale again.
    const envs = environments();
    envs[ENV_ID]!.token = null;
    localStorage.setItem('environments', JSON.stringify(envs));
    const again = harness(async () => alice);
    expect(await again.page.started).toBe('planted');
    expect(again.reloadOnAppRoot).not.toHaveBeenCalled();
    expect(environments()[ENV_ID]?.token).toBe(alice.jwt);
  });

  it('reloads again for a new token', async () => {
    await harness(async () => alice).page.started;
    const next = harness(async () => ({ ...alice, jwt: 'h.alice-2.s' }));
    expect(await next.page.started).toBe('reloading');
    expect(sessionStorage.getItem(RELOAD_GUARD_KEY)).not.toBeNull();
  });

  it('notes what the page started with before the worker answers', async () => {
    let answer!: (session: PageSession | null) => void;
    const { page, reloadOnAppRoot } = harness(() => new Promise((resolve) => (answer = resolve)));
    // Meanwhile the page's own boot already selected the planted environment with the current token.
    localStorage.setItem('environments', JSON.stringify({ [ENV_ID]: { token: alice.jwt } }));
    localStorage.setItem('lastEnv', ENV_ID);
    answer(alice);
    expect(await page.started).toBe('reloading');
    expect(reloadOnAppRoot).toHaveBeenCalledTimes(1);
  });

  it('signed out: nulls the planted token and reloads a console that ran it, then never again', async () => {
    await harness(async () => alice).page.started;
    const out = harness(async () => null);
    expect(await out.page.started).toBe('reloading');
    expect(environments()[ENV_ID]?.token).toBeNull();
    expect(localStorage.getItem(PLANTED_ENV_KEY)).toBe(ENV_ID);
    const after = harness(async () => null);
    expect(await after.page.started).toBe('current');
    expect(after.reloadOnAppRoot).not.toHaveBeenCalled();
  });

  it('writes nothing and answers nothing when the worker refuses this page', async () => {
    const { page, fromPage, posted } = harness(async () => {
      throw new Error('forbidden');
    });
    expect(await page.started).toBe('refused');
    fromPage({ type: BRIDGE_TYPES.getSession });
    await flush();
    expect(localStorage.length).toBe(0);
    expect(posted).toEqual([]);
  });
});

describe('the bridge in the page', () => {
  it('answers its own page\'s request with the session, to its own origin only', async () => {
    const { page, fromPage, posted } = harness(async () => alice);
    await page.started;
    fromPage({ type: BRIDGE_TYPES.getSession, requestId: 'r1' });
    await flush();
    expect(posted).toEqual([
      {
        message: { type: BRIDGE_TYPES.session, session: { kuid: 'alice', jwt: alice.jwt, expiresAt: alice.expiresAt, server: alice.server }, reason: 'request', requestId: 'r1' },
        targetOrigin: location.origin,
      },
    ]);
  });

  it('ignores requests from frames and other origins', async () => {
    const { page, fromPage, posted, requestSession } = harness(async () => alice);
    await page.started;
    fromPage({ type: BRIDGE_TYPES.getSession }, { other: 'frame' }, 'https://evil.example');
    fromPage({ type: BRIDGE_TYPES.getSession }, null, location.origin);
    await flush();
    expect(posted).toEqual([]);
    expect(requestSession).toHaveBeenCalledTimes(1);
  });

  it('relays the worker\'s changes, including signing out', async () => {
    const { page, emitChange, posted } = harness(async () => alice);
    await page.started;
    emitChange({ ...alice, kuid: 'bob', jwt: 'h.bob.s' }, 'switch');
    emitChange(null, 'logout');
    expect(posted.map((p) => p.message)).toEqual([
      expect.objectContaining({ type: BRIDGE_TYPES.session, reason: 'switch', session: expect.objectContaining({ kuid: 'bob' }) }),
      { type: BRIDGE_TYPES.signedOut, reason: 'logout' },
    ]);
    expect(posted.every((p) => p.targetOrigin === location.origin)).toBe(true);
  });
});

describe('a stale origin (its registration carried the mark)', () => {
  beforeEach(() => {
    localStorage.clear();
    sessionStorage.clear();
  });

  function plant(token: string) {
    localStorage.setItem('environments', JSON.stringify({ [ENV_ID]: { name: ENV_ID, token }, mine: { name: 'mine', token: 'their-own' } }));
    localStorage.setItem('lastEnv', ENV_ID);
    localStorage.setItem(PLANTED_ENV_KEY, ENV_ID);
  }

  it('removes the planted token synchronously, before the worker is even asked, and reports what it holds after', async () => {
    plant('h.taken-back.s');
    const reportPlanted = vi.fn(async () => null);
    let answer: (session: PageSession | null) => void = () => {};
    const { page } = harness(() => new Promise((resolve) => (answer = resolve)), { reportPlanted });
    // What the page's first script reads right after document_start:
    expect(localStorage.getItem('environments')).not.toContain('h.taken-back.s');
    expect(environments().mine).toEqual({ name: 'mine', token: 'their-own' });
    expect(localStorage.getItem('lastEnv')).toBeNull();
    answer(null);
    expect(await page.started).toBe('current');
    expect(reportPlanted).toHaveBeenCalledWith(null);
  });

  it('plants what the worker stands behind and reloads, without reporting before the reload', async () => {
    plant('h.old.s');
    const reportPlanted = vi.fn(async () => null);
    const { page, reloadOnAppRoot } = harness(async () => alice, { reportPlanted });
    expect(await page.started).toBe('reloading');
    expect(environments()[ENV_ID]?.token).toBe(alice.jwt);
    expect(reloadOnAppRoot).toHaveBeenCalledTimes(1);
    expect(reportPlanted).not.toHaveBeenCalled();
  });

  it('after that reload, keeps the token it was reloaded for and reports it', async () => {
    plant('h.old.s');
    const first = harness(async () => alice, { reportPlanted: async () => null });
    await first.page.started;
    const reportPlanted = vi.fn(async () => null);
    const { page } = harness(async () => alice, { reportPlanted });
    expect(environments()[ENV_ID]?.token).toBe(alice.jwt);
    expect(await page.started).toBe('current');
    expect(reportPlanted).toHaveBeenCalledWith(alice.jwt);
  });

  it('on an origin the worker refuses (unbound), still removes it and reports', async () => {
    plant('h.unbound.s');
    const reportPlanted = vi.fn(async () => null);
    const { page } = harness(() => Promise.reject(new Error('not bound')), { reportPlanted });
    expect(localStorage.getItem('environments')).not.toContain('h.unbound.s');
    expect(await page.started).toBe('refused');
    expect(reportPlanted).toHaveBeenCalledWith(null);
  });

  it('without the mark, the page keeps what it holds until the worker answers (as before)', async () => {
    plant('h.kept.s');
    let answer: (session: PageSession | null) => void = () => {};
    harness(() => new Promise((resolve) => (answer = resolve)));
    expect(environments()[ENV_ID]?.token).toBe('h.kept.s');
    answer(null);
  });
});
