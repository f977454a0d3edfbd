import { describe, expect, it } from 'vitest';
import type { ServerRecord } from '../model';
import { PLANTED_ENV_KEY, RELOAD_GUARD_KEY, reloadFingerprint, type StorageSnapshot } from './admin-console';
import {
  CONTENT_SCRIPT_FILE,
  CONTENT_SCRIPT_ID,
  STALE_MARK_FILE,
  STALE_MARK_GLOBAL,
  STALE_SCRIPT_ID,
  createStaleOrigins,
  pagePatternFor,
  pageRegistrations,
  plantedToken,
  purgeAtStart,
} from './stale-pages';

const ENV_ID = 'Local (Session Manager)';

function planted(token: string | null, extra: Partial<StorageSnapshot['local']> = {}, session: StorageSnapshot['session'] = {}): StorageSnapshot {
  return {
    local: {
      environments: JSON.stringify({ [ENV_ID]: { name: ENV_ID, token }, mine: { name: 'mine', token: 'their-own' } }),
      [PLANTED_ENV_KEY]: ENV_ID,
      lastEnv: ENV_ID,
      lastConnectedEnv: ENV_ID,
      ...extra,
    },
    session: { currentEnv: ENV_ID, ...session },
  };
}

function server(id: string, boundOrigins: string[]): ServerRecord {
  return { id, url: `http://127.0.0.1:75${id.length}2`, name: id, color: 'green', boundOrigins, activeAccountId: null, createdAt: 0 };
}

describe('purgeAtStart', () => {
  it('removes the planted entry and the console\'s selection of it, keeping the person\'s own environments', () => {
    const writes = purgeAtStart(planted('h.old.s'));
    expect(JSON.parse(writes.local.environments!)).toEqual({ mine: { name: 'mine', token: 'their-own' } });
    expect(writes.local).toMatchObject({ [PLANTED_ENV_KEY]: null, lastEnv: null, lastConnectedEnv: null });
    expect(writes.session).toEqual({ currentEnv: null });
  });

  it('leaves a selection of another environment alone', () => {
    const writes = purgeAtStart(planted('h.old.s', { lastEnv: 'mine' }, { currentEnv: 'mine' }));
    expect('lastEnv' in writes.local).toBe(false);
    expect(writes.session).toEqual({});
  });

  it('writes nothing when nothing is planted or the planted entry holds no token', () => {
    expect(purgeAtStart({ local: { environments: JSON.stringify({ mine: { token: 'x' } }) }, session: {} })).toEqual({ local: {}, session: {} });
    expect(purgeAtStart(planted(null))).toEqual({ local: {}, session: {} });
  });

  it('keeps the token this tab was just reloaded for by the extension, and only that one', () => {
    const guard = reloadFingerprint({ envId: ENV_ID, token: 'h.new.s' });
    expect(purgeAtStart(planted('h.new.s', {}, { [RELOAD_GUARD_KEY]: guard }))).toEqual({ local: {}, session: {} });
    expect(purgeAtStart(planted('h.old.s', {}, { [RELOAD_GUARD_KEY]: guard })).local[PLANTED_ENV_KEY]).toBeNull();
  });

  it('plantedToken reads the planted entry, whichever is selected', () => {
    expect(plantedToken(planted('h.a.s', {}, { currentEnv: 'mine' }))).toEqual({ envId: ENV_ID, token: 'h.a.s' });
    expect(plantedToken({ local: {}, session: {} })).toBeNull();
    expect(plantedToken({ local: { [PLANTED_ENV_KEY]: ENV_ID, environments: '{oops' }, session: {} })).toEqual({ envId: ENV_ID, token: null });
  });
});

describe('registrations', () => {
  it('makes patterns exact per origin where ports are honoured, and per host elsewhere', () => {
    expect(pagePatternFor('http://127.0.0.1:3000', true)).toBe('http://127.0.0.1:3000/*');
    expect(pagePatternFor('https://console.example.com', true)).toBe('https://console.example.com:443/*');
    expect(pagePatternFor('http://console.example.com', true)).toBe('http://console.example.com:80/*');
    expect(pagePatternFor('http://127.0.0.1:3000', false)).toBe('http://127.0.0.1/*');
  });

  it('gives stale origins the mark before the console script, and the others the console script alone', () => {
    const servers = [server('a', ['http://127.0.0.1:3000', 'http://127.0.0.1:3001']), server('b', [])];
    const registrations = pageRegistrations(servers, ['http://127.0.0.1:3001', 'http://localhost:4000'], true);
    expect(registrations.map(({ id, js, matches }) => ({ id, js, matches }))).toEqual([
      { id: CONTENT_SCRIPT_ID, js: [CONTENT_SCRIPT_FILE], matches: ['http://127.0.0.1:3000/*'] },
      { id: STALE_SCRIPT_ID, js: [STALE_MARK_FILE, CONTENT_SCRIPT_FILE], matches: ['http://127.0.0.1:3001/*', 'http://localhost:4000/*'] },
    ]);
    for (const registration of registrations) expect(registration).toMatchObject({ runAt: 'document_start', allFrames: false, world: 'ISOLATED', persistAcrossSessions: true });
  });

  it('per host, a stale origin marks its whole host, so that no page matches both registrations', () => {
    const registrations = pageRegistrations([server('a', ['http://127.0.0.1:3000', 'https://console.example.com'])], ['http://127.0.0.1:3001'], false);
    expect(registrations.map(({ id, matches }) => ({ id, matches }))).toEqual([
      { id: CONTENT_SCRIPT_ID, matches: ['https://console.example.com/*'] },
      { id: STALE_SCRIPT_ID, matches: ['http://127.0.0.1/*'] },
    ]);
  });

  it('registers nothing when nothing is bound or stale', () => {
    expect(pageRegistrations([server('a', [])], [], true)).toEqual([]);
  });
});

describe('createStaleOrigins', () => {
  it('keeps marks and clears in order, writing only on a change', async () => {
    let stored: readonly string[] = [];
    let writes = 0;
    const stale = createStaleOrigins({ read: async () => stored, write: async (next) => void ((stored = next), (writes += 1)) });
    await Promise.all([stale.mark(['http://b', 'http://a']), stale.mark(['http://c']), stale.clear(['http://b'])]);
    expect(await stale.list()).toEqual(['http://a', 'http://c']);
    expect(writes).toBe(3);
    await stale.mark(['http://a']);
    expect(writes).toBe(3);
  });
});

describe('public/stale-mark.js', () => {
  it('sets exactly the global the console script reads', async () => {
    const { readFile } = await import('node:fs/promises');
    const source = await readFile(new URL('../../public/stale-mark.js', import.meta.url), 'utf8');
    const world: Record<string, unknown> = {};
    new Function('globalThis', source)(world);
    expect(world).toEqual({ [STALE_MARK_GLOBAL]: true });
  });
});
