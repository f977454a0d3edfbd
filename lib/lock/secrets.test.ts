import { webcrypto, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ApiKeyRecord, PendingLogin, SessionRecord } from '../model';
import { hasSecrets, isSealedRecord, openRecord, sealRecord } from './secrets';
import { DamagedSecretError, createVault } from './vault';

const vault = createVault({ subtle: webcrypto.subtle as unknown as SubtleCrypto, randomBytes: (length) => new Uint8Array(randomBytes(length)), iterations: 1_000 });
const session: SessionRecord = { accountId: 'a1', jwt: 'kauth-secret', expiresAt: 5_000, ttl: 4_000, state: 'active', expiresIn: '1h', updatedAt: 1 };
const apiKey: ApiKeyRecord = { accountId: 'a1', keyId: 'k1', token: 'kapikey-secret', description: 'Kuzzle Session Manager (Chrome), 2026-12-03', expiresAt: -1, createdAt: 1 };
const pending: PendingLogin = { serverId: 's1', strategy: 'oauth-dev', location: 'http://kuzzle.test/authorize?state=secret-state', startedAt: 1 };

describe('sealed records', () => {
  it('seal the token, the key and the provider address, keep the rest readable, and open back to the same record', async () => {
    const { dataKey } = await vault.create('correct horse battery');
    for (const [kind, key, record, secret] of [
      ['session', 'session:a1', session, 'kauth-secret'],
      ['apiKey', 'apikey:a1', apiKey, 'kapikey-secret'],
      ['pending', 'pending:s1', pending, 'secret-state'],
    ] as const) {
      const stored = await sealRecord(vault, dataKey, kind, key, record);
      expect(JSON.stringify(stored)).not.toContain(secret);
      expect(isSealedRecord(stored)).toBe(true);
      expect(await openRecord(vault, dataKey, key, stored)).toEqual(record);
    }
    const stored = await sealRecord(vault, dataKey, 'session', 'session:a1', session);
    expect(stored).toMatchObject({ accountId: 'a1', state: 'active', expiresAt: 5_000 });
  });

  it('a sealed record moved under another key does not open', async () => {
    const { dataKey } = await vault.create('correct horse battery');
    const stored = await sealRecord(vault, dataKey, 'session', 'session:a1', session);
    await expect(openRecord(vault, dataKey, 'session:a2', stored)).rejects.toBeInstanceOf(DamagedSecretError);
  });

  it('knows the kinds without secrets and a record in clear', () => {
    expect(['server', 'account', 'session', 'apiKey', 'pending'].filter(hasSecrets)).toEqual(['session', 'apiKey', 'pending']);
    expect(isSealedRecord(session)).toBe(false);
    expect(isSealedRecord({ sealed: 'x' })).toBe(false);
  });
});
