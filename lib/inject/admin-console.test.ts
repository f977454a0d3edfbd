import { describe, expect, it } from 'vitest';
import type { PageSession } from '../model';
import {
  CONSOLE_COLORS,
  PLANTED_ENV_KEY,
  UNREADABLE_BACKUP_KEY,
  applyWrites,
  consoleColorFor,
  envIdFor,
  isStale,
  plantConsoleSession,
  readConsoleToken,
  reloadFingerprint,
  type StorageSnapshot,
} from './admin-console';
import { SERVER_COLORS } from '../model';

const session: PageSession = {
  kuid: 'alice',
  jwt: 'header.payload-alice.sig',
  expiresAt: 1_900_000_000_000,
  server: { url: 'https://kuzzle.example.com', name: 'Production', color: 'blue', host: 'kuzzle.example.com', port: 443, ssl: true },
};
const ENV_ID = 'Production (Session Manager)';

function snapshot(local: Record<string, string | null> = {}, sessionValues: Record<string, string | null> = {}): StorageSnapshot {
  return { local, session: sessionValues };
}

function environmentsOf(writes: { local: Record<string, string | null> }): Record<string, Record<string, unknown>> {
  return JSON.parse(writes.local.environments ?? 'null');
}

describe('plantConsoleSession with a session', () => {
  it('plants an entry with exactly the types the console validates, and selects it', () => {
    const writes = plantConsoleSession(snapshot(), session);
    const entry = environmentsOf(writes)[ENV_ID];
    expect(entry).toEqual({
      name: ENV_ID,
      color: 'darkblue',
      host: 'kuzzle.example.com',
      port: 443,
      ssl: true,
      backendMajorVersion: 2,
      hideAdminWarning: false,
      token: session.jwt,
    });
    expect(typeof entry?.port).toBe('number');
    expect(writes.local.lastEnv).toBe(ENV_ID);
    expect(writes.local.lastConnectedEnv).toBe(ENV_ID);
    expect(writes.local[PLANTED_ENV_KEY]).toBe(ENV_ID);
    expect(writes.session.currentEnv).toBe(ENV_ID);
  });

  it('keeps the user\'s other environments untouched', () => {
    const mine = { name: 'mine', color: 'red', host: 'h', port: 7512, ssl: false, backendMajorVersion: 2, token: 'their-token' };
    const writes = plantConsoleSession(snapshot({ environments: JSON.stringify({ mine }) }), session);
    expect(environmentsOf(writes).mine).toEqual(mine);
  });

  it('keeps the hideAdminWarning choice the user made on the planted entry', () => {
    const before = plantConsoleSession(snapshot(), session);
    const environments = environmentsOf(before);
    environments[ENV_ID]!.hideAdminWarning = true;
    const writes = plantConsoleSession(snapshot({ ...before.local, environments: JSON.stringify(environments) }), { ...session, jwt: 'a.b.c' });
    expect(environmentsOf(writes)[ENV_ID]?.hideAdminWarning).toBe(true);
  });

  it('hides the admin warning by default for a loopback Kuzzle, as the console does', () => {
    const local = { ...session, server: { ...session.server, host: '127.0.0.1', port: 7512, ssl: false } };
    expect(environmentsOf(plantConsoleSession(snapshot(), local))[ENV_ID]?.hideAdminWarning).toBe(true);
  });

  it('replaces the entry it planted under an older name instead of leaving it behind', () => {
    const old = plantConsoleSession(snapshot(), { ...session, server: { ...session.server, name: 'Prod' } });
    const writes = plantConsoleSession(snapshot(old.local), session);
    expect(Object.keys(environmentsOf(writes))).toEqual([ENV_ID]);
  });

  it.each(['not json{', '[1,2]', '42', '"text"'])('survives environments = %j, keeping the unreadable value aside', (raw) => {
    const writes = plantConsoleSession(snapshot({ environments: raw }), session);
    expect(Object.keys(environmentsOf(writes))).toEqual([ENV_ID]);
    expect(writes.local[UNREADABLE_BACKUP_KEY]).toBe(raw);
  });

  it('does not overwrite an earlier backup of unreadable environments', () => {
    const writes = plantConsoleSession(snapshot({ environments: 'garbage 2', [UNREADABLE_BACKUP_KEY]: 'garbage 1' }), session);
    expect(UNREADABLE_BACKUP_KEY in writes.local).toBe(false);
  });

  it('treats a JSON null (what an empty console may leave) as no environments, not as garbage', () => {
    const writes = plantConsoleSession(snapshot({ environments: 'null' }), session);
    expect(UNREADABLE_BACKUP_KEY in writes.local).toBe(false);
    expect(Object.keys(environmentsOf(writes))).toEqual([ENV_ID]);
  });

  it('maps every server colour onto one of the console\'s colours', () => {
    for (const color of SERVER_COLORS) expect(CONSOLE_COLORS).toContain(consoleColorFor(color));
    expect(consoleColorFor('teal')).toBe('lightblue');
  });
});

describe('plantConsoleSession signed out', () => {
  it('sets the planted entry\'s token to null and changes nothing else', () => {
    const planted = plantConsoleSession(snapshot({ environments: JSON.stringify({ mine: { token: 'x' } }) }), session);
    const writes = plantConsoleSession(snapshot(planted.local, planted.session), null);
    const environments = environmentsOf(writes);
    expect(environments[ENV_ID]?.token).toBeNull();
    expect(environments[ENV_ID]?.host).toBe('kuzzle.example.com');
    expect(environments.mine).toEqual({ token: 'x' });
    expect(Object.keys(writes.local)).toEqual(['environments']);
    expect(writes.session).toEqual({});
  });

  it('writes nothing when nothing was planted, when it is already signed out, or when storage is unreadable', () => {
    const empty = { local: {}, session: {} };
    expect(plantConsoleSession(snapshot({ environments: JSON.stringify({ mine: { token: 'x' } }) }), null)).toEqual(empty);
    expect(plantConsoleSession(snapshot({ environments: JSON.stringify({ [ENV_ID]: { token: null } }), [PLANTED_ENV_KEY]: ENV_ID }), null)).toEqual(empty);
    expect(plantConsoleSession(snapshot({ environments: 'garbage', [PLANTED_ENV_KEY]: ENV_ID }), null)).toEqual(empty);
  });
});

describe('readConsoleToken and isStale', () => {
  it('reads the token of the environment the console would select, sessionStorage first', () => {
    const environments = JSON.stringify({ a: { token: 'ta' }, b: { token: 'tb' }, c: { token: null } });
    expect(readConsoleToken(snapshot({ environments, lastEnv: 'a' }))).toEqual({ envId: 'a', token: 'ta' });
    expect(readConsoleToken(snapshot({ environments, lastEnv: 'a' }, { currentEnv: 'b' }))).toEqual({ envId: 'b', token: 'tb' });
    expect(readConsoleToken(snapshot({ environments, lastEnv: 'c' }))).toEqual({ envId: 'c', token: null });
    expect(readConsoleToken(snapshot({ environments }))).toEqual({ envId: null, token: null });
    expect(readConsoleToken(snapshot({ environments: '{oops', lastEnv: 'a' }))).toEqual({ envId: 'a', token: null });
  });

  it('is stale when the page started empty, with an old token, or on another environment', () => {
    const current = plantConsoleSession(snapshot(), session);
    const started = (local: Record<string, string | null>, s: Record<string, string | null> = {}) => snapshot(local, s);
    expect(isStale(started({}), current)).toBe(true);

    const oldToken = plantConsoleSession(snapshot(), { ...session, jwt: 'old.token.sig' });
    const startedOld = started(oldToken.local, oldToken.session);
    expect(isStale(startedOld, plantConsoleSession(startedOld, session))).toBe(true);

    const startedCurrent = applyWrites(snapshot(), current);
    expect(isStale(startedCurrent, plantConsoleSession(startedCurrent, session))).toBe(false);

    const onOther = applyWrites(startedCurrent, { local: {}, session: { currentEnv: 'mine' } });
    expect(isStale(onOther, plantConsoleSession(onOther, session))).toBe(true);
  });

  it('signing out is stale only for a page that runs the planted entry', () => {
    const planted = applyWrites(snapshot(), plantConsoleSession(snapshot(), session));
    expect(isStale(planted, plantConsoleSession(planted, null))).toBe(true);
    const elsewhere = applyWrites(planted, { local: {}, session: { currentEnv: 'mine' } });
    expect(isStale(elsewhere, plantConsoleSession(elsewhere, null))).toBe(false);
  });
});

describe('envIdFor and reloadFingerprint', () => {
  it('names the entry after the server, marked as the extension\'s', () => {
    expect(envIdFor(session.server)).toBe(ENV_ID);
    expect(envIdFor({ ...session.server, name: '   ' })).toBe('kuzzle.example.com (Session Manager)');
  });

  it('gives different fingerprints for different tokens and the same for the same', () => {
    const a = reloadFingerprint({ envId: ENV_ID, token: 'a.b.c' });
    expect(reloadFingerprint({ envId: ENV_ID, token: 'a.b.c' })).toBe(a);
    expect(reloadFingerprint({ envId: ENV_ID, token: 'a.b.d' })).not.toBe(a);
    expect(reloadFingerprint({ envId: ENV_ID, token: null })).not.toBe(a);
    expect(a).not.toContain('a.b.c');
  });
});
