import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashPassword, loadUsersFile, passwordMatches, UserDirectory } from './users';

describe('UserDirectory', () => {
  it('authenticates by username, with clear or pre-hashed passwords', () => {
    const users = new UserDirectory(
      [
        { _id: 'u-1', username: 'carol', password: 'pw', profileIds: ['admin'], content: { name: 'Carol' } },
        { _id: 'dave', passwordHash: hashPassword('secret') },
      ],
      0,
    );
    expect(users.authenticate('carol', 'pw')?.kuid).toBe('u-1');
    expect(users.authenticate('u-1', 'pw')).toBeUndefined();
    expect(users.authenticate('carol', 'nope')).toBeUndefined();
    expect(users.authenticate('dave', 'secret')?.profileIds).toEqual(['default']);
    expect(users.byKuid('u-1')?.content).toEqual({ name: 'Carol' });
  });

  it('never keeps a clear password', () => {
    const user = new UserDirectory([{ _id: 'erin', password: 'pw' }], 0).byKuid('erin');
    expect(JSON.stringify(user)).not.toContain('"pw"');
    expect(passwordMatches('pw', user?.passwordHash ?? '')).toBe(true);
  });

  it('explains each bad definition', () => {
    const cases: Array<[unknown, string]> = [
      [{ password: 'x' }, 'users[0]: "_id" must be a non-empty string other than "-1".'],
      [{ _id: 'x' }, 'users[0]: give exactly one of "password" or "passwordHash".'],
      [{ _id: 'x', password: 'a', passwordHash: hashPassword('a') }, 'users[0]: give exactly one of "password" or "passwordHash".'],
      [{ _id: 'x', passwordHash: 'md5:abc' }, 'users[0]: "passwordHash" must look like "scrypt:<salt hex>:<hash hex>"'],
      [{ _id: 'x', password: 'a', profileIds: ['root'] }, 'users[0]: "profileIds" must be a non-empty list of "admin" or "default".'],
    ];
    for (const [definition, message] of cases) {
      expect(() => new UserDirectory([definition as never], 0)).toThrow(message);
    }
    expect(() => new UserDirectory([{ _id: 'x', password: 'a' }, { _id: 'x', password: 'b' }], 0)).toThrow('users[1]: the _id "x" is used twice');
  });
});

describe('loadUsersFile', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kuzzle-dev-users-'));
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('reads {"users": [...]} and a bare array', () => {
    expect(loadUsersFile(file('a.json', '{"users":[{"_id":"carol","password":"pw"}]}'))).toEqual([{ _id: 'carol', password: 'pw' }]);
    expect(loadUsersFile(file('b.json', '[{"_id":"carol","password":"pw"}]'))).toHaveLength(1);
  });

  it('says what is wrong with a missing, unparsable or empty file', () => {
    expect(() => loadUsersFile(join(dir, 'missing.json'))).toThrow('Cannot read the users file');
    expect(() => loadUsersFile(file('c.json', '{nope'))).toThrow('is not valid JSON');
    expect(() => loadUsersFile(file('d.json', '{"users":[]}'))).toThrow('must hold {"users": [{"_id": "carol", "password": "…"}, …]} with at least one user.');
  });
});
