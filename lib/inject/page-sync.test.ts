import { describe, expect, it, vi } from 'vitest';
import type { PageSession, ServerRecord } from '../model';
import { PLANTED_ENV_KEY } from './admin-console';
import { createFakeBrowserPages, fakePage, type FakePage } from '../../test-support/pages';
import { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID, boundMatchPatterns, createPageSync } from './page-sync';
import { STALE_MARK_FILE, STALE_SCRIPT_ID } from './stale-pages';

const BOUND = 'http://127.0.0.1:3000';
const ENV_ID = 'Local (Session Manager)';

function server(id: string, boundOrigins: string[]): ServerRecord {
  return { id, url: 'http://127.0.0.1:7512', name: id, color: 'green', boundOrigins, activeAccountId: null, createdAt: 0 };
}

function sessionFor(kuid: string, jwt: string): PageSession {
  return {
    kuid,
    jwt,
    expiresAt: 1_900_000_000_000,
    server: { url: 'http://127.0.0.1:7512', name: 'Local', color: 'green', host: '127.0.0.1', port: 7512, ssl: false },
  };
}
const alice = sessionFor('alice', 'h.alice-1.s');

function setup(pages: FakePage[], onTabError?: (tabId: number, error: unknown) => void) {
  const fake = createFakeBrowserPages(pages);
  const sync = createPageSync({ scripting: fake.scripting, tabs: fake.tabs, onTabError });
  return { fake, sync };
}

function environments(page: FakePage): Record<string, Record<string, unknown>> {
  return JSON.parse(page.local.getItem('environments') ?? 'null');
}

/** A page where the extension already planted `session` and which runs it. */
function signedInPage(tabId: number, url: string, session: PageSession, extra: Partial<FakePage> = {}): FakePage {
  const page = fakePage(tabId, url, extra);
  const entry = { name: ENV_ID, color: 'green', host: '127.0.0.1', port: 7512, ssl: false, backendMajorVersion: 2, hideAdminWarning: true, token: session.jwt };
  page.local.setItem('environments', JSON.stringify({ [ENV_ID]: entry, mine: { name: 'mine', token: 'their' } }));
  page.local.setItem('lastEnv', ENV_ID);
  page.local.setItem(PLANTED_ENV_KEY, ENV_ID);
  page.session.setItem('currentEnv', ENV_ID);
  return page;
}

describe('syncRegistrations', () => {
  it('registers one document_start, top-frame, persistent content script over every bound origin\'s pattern', async () => {
    const { fake, sync } = setup([]);
    await sync.syncRegistrations([server('a', ['http://127.0.0.1:3000', 'https://console.example.com']), server('b', ['http://127.0.0.1:3001'])]);
    expect([...fake.registered.values()]).toEqual([
      {
        id: CONTENT_SCRIPT_ID,
        js: [CONTENT_SCRIPT_FILE],
        matches: ['http://127.0.0.1/*', 'https://console.example.com/*'],
        runAt: 'document_start',
        allFrames: false,
        world: 'ISOLATED',
        persistAcrossSessions: true,
      },
    ]);
  });

  it('updates the patterns when bindings change, and unregisters when none is left', async () => {
    const { fake, sync } = setup([]);
    await sync.syncRegistrations([server('a', ['http://127.0.0.1:3000'])]);
    await sync.syncRegistrations([server('a', ['https://console.example.com'])]);
    expect(fake.registered.get(CONTENT_SCRIPT_ID)?.matches).toEqual(['https://console.example.com/*']);
    await sync.syncRegistrations([server('a', [])]);
    expect(fake.registered.size).toBe(0);
    await sync.syncRegistrations([]);
    expect(fake.registered.size).toBe(0);
  });

  it('removes its own stray registrations and leaves other scripts alone', async () => {
    const { fake, sync } = setup([]);
    await fake.scripting.registerContentScripts([
      { id: 'ksm-old-server', js: [CONTENT_SCRIPT_FILE], matches: ['https://old.example/*'] },
      { id: 'someone-else', js: ['x.js'], matches: ['https://x.example/*'] },
    ]);
    await sync.syncRegistrations([server('a', ['http://127.0.0.1:3000'])]);
    expect([...fake.registered.keys()].sort()).toEqual([CONTENT_SCRIPT_ID, 'someone-else']);
  });

  it('skips an origin that does not parse instead of failing the others', () => {
    expect(boundMatchPatterns([server('a', ['not an origin', 'http://localhost:8080'])])).toEqual(['http://localhost/*']);
  });
});

describe('pushSession', () => {
  it('touches only tabs whose origin is exactly a bound one', async () => {
    const pages = [
      fakePage(1, `${BOUND}/#/data`),
      fakePage(2, 'http://127.0.0.1:3001/'),
      fakePage(3, 'http://localhost:3000/'),
      fakePage(4, 'https://127.0.0.1:3000/'),
      fakePage(5, 'about:blank'),
    ];
    const { fake, sync } = setup(pages);
    await sync.pushSession([BOUND], alice, 'login');
    expect(new Set(fake.calls.map((call) => call.tabId))).toEqual(new Set([1]));
    for (const page of pages.slice(1)) expect(page.local.toObject()).toEqual({});
  });

  it('never writes into the http: page of a host bound with https:', async () => {
    const page = fakePage(1, 'http://console.example.com/');
    const { fake, sync } = setup([page]);
    await sync.pushSession(['https://console.example.com'], alice, 'login');
    expect(fake.calls).toEqual([]);
    expect(page.local.toObject()).toEqual({});
  });

  it('on login, plants the session in the console\'s shape and reloads the page once on its app root', async () => {
    const page = fakePage(1, `${BOUND}/admin/#/login?to=Indexes`);
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], alice, 'login');
    expect(environments(page)[ENV_ID]).toMatchObject({ token: alice.jwt, host: '127.0.0.1', port: 7512, ssl: false, backendMajorVersion: 2 });
    expect(page.session.getItem('currentEnv')).toBe(ENV_ID);
    expect(page.local.getItem('lastEnv')).toBe(ENV_ID);
    expect(page.reloads).toBe(1);
    expect(page.url).toBe(`${BOUND}/admin/#/`);
  });

  it('reloads a console once per token: one that rejects the token and writes null over it is not reloaded again', async () => {
    const page = fakePage(1, `${BOUND}/`);
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], alice, 'login');
    expect(page.reloads).toBe(1);
    const rejected = environments(page);
    rejected[ENV_ID]!.token = null;
    page.local.setItem('environments', JSON.stringify(rejected));
    await sync.pushSession([BOUND], alice, 'login');
    expect(environments(page)[ENV_ID]!.token).toBe(alice.jwt);
    expect(page.reloads).toBe(1);
    // Another token is another reload.
    await sync.pushSession([BOUND], sessionFor('bob', 'h.bob-1.s'), 'switch');
    expect(page.reloads).toBe(2);
  });

  it('on refresh, updates storage and swaps the live SDK token without reloading, then tells the content script', async () => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice, { kuzzle: { jwt: alice.jwt } });
    const { fake, sync } = setup([page]);
    fake.listening.add(1);
    const refreshed = { ...alice, jwt: 'h.alice-2.s' };
    await sync.pushSession([BOUND], refreshed, 'refresh');
    expect(environments(page)[ENV_ID]?.token).toBe(refreshed.jwt);
    expect(environments(page).mine).toEqual({ name: 'mine', token: 'their' });
    expect(page.kuzzle?.jwt).toBe(refreshed.jwt);
    expect(page.reloads).toBe(0);
    expect(fake.calls.find((call) => call.world === 'MAIN')?.target).toEqual({ tabId: 1, documentIds: [page.documentId] });
    expect(fake.messages).toEqual([
      { tabId: 1, message: { event: 'pageSessionChanged', session: refreshed, reason: 'refresh' }, options: { documentId: page.documentId } },
    ]);
  });

  it('on refresh, leaves the live SDK alone when the console runs another environment', async () => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice, { kuzzle: { jwt: 'their' } });
    page.session.setItem('currentEnv', 'mine');
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], { ...alice, jwt: 'h.alice-2.s' }, 'refresh');
    expect(page.kuzzle?.jwt).toBe('their');
    expect(page.reloads).toBe(0);
  });

  it('on a switch, plants the other account and reloads so that the console changes who it is', async () => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice, { kuzzle: { jwt: alice.jwt } });
    const { sync } = setup([page]);
    const bob = sessionFor('bob', 'h.bob-1.s');
    await sync.pushSession([BOUND], bob, 'switch');
    expect(environments(page)[ENV_ID]?.token).toBe(bob.jwt);
    expect(page.reloads).toBe(1);
  });

  it.each(['logout', 'expired', 'forget'] as const)('on %s, nulls the planted token, keeps the rest and reloads to the login', async (reason) => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice);
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], null, reason);
    expect(environments(page)[ENV_ID]?.token).toBeNull();
    expect(environments(page).mine).toEqual({ name: 'mine', token: 'their' });
    expect(page.reloads).toBe(1);
  });

  it('signing out does not reload a console that runs the user\'s own environment', async () => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice);
    page.session.setItem('currentEnv', 'mine');
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], null, 'logout');
    expect(environments(page)[ENV_ID]?.token).toBeNull();
    expect(page.reloads).toBe(0);
  });

  it('never reloads a page that says it is not a console; it gets the bridge event instead', async () => {
    const page = fakePage(1, `${BOUND}/app.html`, { meta: 'no-console' });
    const { fake, sync } = setup([page]);
    fake.listening.add(1);
    await sync.pushSession([BOUND], alice, 'login');
    expect(page.reloads).toBe(0);
    expect(fake.messages).toHaveLength(1);
  });

  it('writes nothing into a tab that navigated to another origin after the query', async () => {
    const page = fakePage(1, `${BOUND}/`);
    page.beforeInjection = () => {
      page.url = 'https://elsewhere.example/';
    };
    const { fake, sync } = setup([page]);
    fake.listening.add(1);
    await sync.pushSession([BOUND], alice, 'login');
    expect(page.local.toObject()).toEqual({});
    expect(fake.messages).toEqual([]);
  });

  it('reads again when the page rewrote its storage in between, keeping what the page wrote', async () => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice);
    let interfered = false;
    page.beforeInjection = (func) => {
      if (func === 'writePageStorage' && !interfered) {
        interfered = true;
        const envs = environments(page);
        envs.mine = { name: 'mine', token: 'their-new' };
        page.local.setItem('environments', JSON.stringify(envs));
      }
    };
    const { fake, sync } = setup([page]);
    await sync.pushSession([BOUND], { ...alice, jwt: 'h.alice-2.s' }, 'refresh');
    expect(environments(page).mine?.token).toBe('their-new');
    expect(environments(page)[ENV_ID]?.token).toBe('h.alice-2.s');
    expect(fake.calls.filter((call) => call.func === 'readPageStorage')).toHaveLength(2);
  });

  it('goes on with the other tabs when one fails, and reports it', async () => {
    const good = fakePage(2, `${BOUND}/`);
    const onTabError = vi.fn();
    const { fake, sync } = setup([good], onTabError);
    fake.tabs.query = async () => [{ id: 1, url: `${BOUND}/` }, { id: 2, url: `${BOUND}/` }] as never;
    await sync.pushSession([BOUND], alice, 'login');
    expect(onTabError).toHaveBeenCalledWith(1, expect.any(Error));
    expect(environments(good)[ENV_ID]?.token).toBe(alice.jwt);
  });

  it('does nothing for origins that are not bindable', async () => {
    const page = fakePage(1, 'http://127.0.0.1:3000/');
    const { fake, sync } = setup([page]);
    await sync.pushSession(['javascript:alert(1)', ''], alice, 'login');
    expect(fake.calls).toEqual([]);
  });
});

describe('taking back (issue 12)', () => {
  it('registers exact per-origin patterns where ports are honoured, with the stale mark for stale origins', async () => {
    const fake = createFakeBrowserPages([]);
    const sync = createPageSync({ scripting: fake.scripting, tabs: fake.tabs, exactPorts: true });
    await sync.syncRegistrations([server('a', [BOUND, 'http://127.0.0.1:3001'])]);
    expect([...fake.registered.values()].map(({ id, js, matches }) => ({ id, js, matches }))).toEqual([
      { id: CONTENT_SCRIPT_ID, js: [CONTENT_SCRIPT_FILE], matches: ['http://127.0.0.1:3000/*', 'http://127.0.0.1:3001/*'] },
    ]);
    await sync.markStale([BOUND]);
    await sync.syncRegistrations([server('a', ['http://127.0.0.1:3001'])]);
    expect([...fake.registered.values()].map(({ id, js, matches }) => ({ id, js, matches }))).toEqual([
      { id: CONTENT_SCRIPT_ID, js: [CONTENT_SCRIPT_FILE], matches: ['http://127.0.0.1:3001/*'] },
      { id: STALE_SCRIPT_ID, js: [STALE_MARK_FILE, CONTENT_SCRIPT_FILE], matches: ['http://127.0.0.1:3000/*'] },
    ]);
    await sync.clearStale([BOUND]);
    await sync.syncRegistrations([server('a', [])]);
    expect(fake.registered.size).toBe(0);
    expect(await sync.staleOrigins()).toEqual([]);
  });

  it('says which origins now hold what was pushed: an open tab written, not a tab that failed', async () => {
    const page = signedInPage(1, `${BOUND}/#/data`, alice);
    const { sync } = setup([page, fakePage(2, 'http://127.0.0.1:3001/')]);
    expect(await sync.pushSession([BOUND, 'http://localhost:9/'], null, 'logout')).toEqual([BOUND]);
  });

  it.each(['logout', 'forget', 'expired'] as const)('on %s, takes back the live token the extension gave a page that keeps running', async (reason) => {
    const page = signedInPage(1, `${BOUND}/app.html`, alice, { meta: 'no-console', kuzzle: { jwt: alice.jwt } });
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], null, reason);
    expect(page.kuzzle?.jwt).toBeNull();
    expect(page.reloads).toBe(0);
  });

  it('on a switch, a page that keeps running gets the new account\'s token live instead of the old one', async () => {
    const page = signedInPage(1, `${BOUND}/app.html`, alice, { meta: 'no-console', kuzzle: { jwt: alice.jwt } });
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], sessionFor('bob', 'h.bob-1.s'), 'switch');
    expect(page.kuzzle?.jwt).toBe('h.bob-1.s');
  });

  it('leaves alone a live token the page got on its own', async () => {
    const page = signedInPage(1, `${BOUND}/app.html`, alice, { meta: 'no-console', kuzzle: { jwt: 'h.its-own.s' } });
    const { sync } = setup([page]);
    await sync.pushSession([BOUND], null, 'logout');
    expect(page.kuzzle?.jwt).toBe('h.its-own.s');
  });
});
