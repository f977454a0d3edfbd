import { webcrypto, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { DamagedSecretError, PBKDF2_ITERATIONS, WrongPassphraseError, createVault, fromBase64, passphraseProblem, toBase64, unlockDelayMs } from './vault';

const subtle = webcrypto.subtle as unknown as SubtleCrypto;
// Few iterations here: the tests are about the key handling, the bench measures the real cost.
const vault = createVault({ subtle, randomBytes: (length) => new Uint8Array(randomBytes(length)), iterations: 1_000 });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('it did not fail');
}

describe('vault', () => {
  it('seals under a random key that only the passphrase unwraps, and opens it again', async () => {
    const { header, dataKey } = await vault.create('correct horse battery');
    expect(header).toMatchObject({ version: 1, kdf: 'PBKDF2-SHA256', iterations: 1_000 });
    const sealed = await vault.seal(dataKey, 'kauth-secret-token', 'session:a1');
    expect(JSON.stringify(sealed)).not.toContain('kauth-secret-token');
    expect(JSON.stringify(header)).not.toContain(await vault.exportKey(dataKey));
    const unlocked = await vault.unlock(header, 'correct horse battery');
    expect(await vault.open(unlocked, sealed, 'session:a1')).toBe('kauth-secret-token');
  });

  it('refuses a wrong passphrase with a sentence that says nothing was changed', async () => {
    const { header } = await vault.create('correct horse battery');
    const error = await rejection(vault.unlock(header, 'correct horse batterY'));
    expect(error).toBeInstanceOf(WrongPassphraseError);
    expect((error as Error).message).toMatch(/does not unlock.*nothing was changed/);
  });

  it('reads corrupt ciphertext, a secret moved under another record, or another key as damaged, never as a secret', async () => {
    const { dataKey } = await vault.create('correct horse battery');
    const other = (await vault.create('another passphrase')).dataKey;
    const sealed = await vault.seal(dataKey, 'kapikey-xyz', 'apikey:a1');
    const flipped = fromBase64(sealed.data);
    flipped[0] = flipped[0]! ^ 1;
    for (const attempt of [
      () => vault.open(dataKey, { ...sealed, data: toBase64(flipped) }, 'apikey:a1'),
      () => vault.open(dataKey, { ...sealed, data: sealed.data.slice(0, 8) }, 'apikey:a1'),
      () => vault.open(dataKey, sealed, 'apikey:a2'),
      () => vault.open(other, sealed, 'apikey:a1'),
    ]) {
      const error = await rejection(attempt());
      expect(error).toBeInstanceOf(DamagedSecretError);
    }
  });

  it('refuses a header whose wrapped key was tampered with as a wrong passphrase, not with a wrong key', async () => {
    const { header } = await vault.create('correct horse battery');
    const wrapped = fromBase64(header.wrappedKey);
    wrapped[3] = wrapped[3]! ^ 0xff;
    expect(await rejection(vault.unlock({ ...header, wrappedKey: toBase64(wrapped) }, 'correct horse battery'))).toBeInstanceOf(WrongPassphraseError);
  });

  it('a new passphrase wraps the same data key: what was sealed still opens', async () => {
    const { dataKey } = await vault.create('first passphrase');
    const sealed = await vault.seal(dataKey, 'kauth-1', 'session:a1');
    const header = await vault.rewrap(dataKey, 'second passphrase');
    expect(await rejection(vault.unlock(header, 'first passphrase'))).toBeInstanceOf(WrongPassphraseError);
    expect(await vault.open(await vault.unlock(header, 'second passphrase'), sealed, 'session:a1')).toBe('kauth-1');
  });

  it('the key crosses session storage as bytes and comes back the same key', async () => {
    const { dataKey } = await vault.create('correct horse battery');
    const sealed = await vault.seal(dataKey, 'pending two-step data', 'pending:s1');
    const again = await vault.importKey(await vault.exportKey(dataKey));
    expect(await vault.open(again, sealed, 'pending:s1')).toBe('pending two-step data');
  });

  it('reads the passphrase the same whatever Unicode form it was typed in', async () => {
    const { header } = await vault.create('caf\u00e9 au lait');
    await expect(vault.unlock(header, 'cafe\u0301 au lait')).resolves.toBeDefined();
  });

  it('derives with 600,000 PBKDF2-SHA256 iterations by default, and unlocks with what the header says', async () => {
    const real = createVault({ subtle, randomBytes: (length) => new Uint8Array(randomBytes(length)) });
    const { header } = await real.create('correct horse battery');
    expect(PBKDF2_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(header.iterations).toBe(PBKDF2_ITERATIONS);
    await expect(vault.unlock(header, 'correct horse battery')).resolves.toBeDefined();
  });
});

describe('passphraseProblem and unlockDelayMs', () => {
  it('asks for 8 characters or more, typed the same twice', () => {
    expect(passphraseProblem('short', 'short')).toMatch(/at least 8 characters/);
    expect(passphraseProblem('long enough', 'long enougH')).toMatch(/differ/);
    expect(passphraseProblem('long enough', 'long enough')).toBeNull();
  });

  it('lets three mistakes pass, then waits longer after each one, up to five minutes', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(unlockDelayMs)).toEqual([0, 0, 0, 2_000, 4_000, 8_000, 16_000]);
    expect(unlockDelayMs(40)).toBe(300_000);
  });
});
