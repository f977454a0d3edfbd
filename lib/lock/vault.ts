/**
 * The key handling of the lock: every secret kept at rest is sealed with AES-GCM under one random
 * data key, and that key is kept only wrapped by a key derived from the person's passphrase.
 *
 * The derivation is PBKDF2-SHA256 with 600,000 iterations (OWASP's figure for PBKDF2-SHA256),
 * through WebCrypto: it runs in the MV3 worker with no dependency and no WebAssembly, and it is
 * the browser's own native code. Argon2id would resist GPU guessing better, but only through a
 * WebAssembly build shipped with the extension, a production dependency to vet and a
 * `wasm-unsafe-eval` the worker would then rely on; at 600,000 iterations unlocking stays under a
 * second here (`npm run bench`), and a long passphrase matters more than either choice.
 *
 * Sealed data names what it belongs to (the additional data), so that a sealed value moved under
 * another record does not open: it reads as damaged, not as that record's secret.
 */

export const KDF = 'PBKDF2-SHA256';
export const PBKDF2_ITERATIONS = 600_000;
export const MIN_PASSPHRASE_LENGTH = 8;
const SALT_BYTES = 16;
const IV_BYTES = 12;
const WRAP_CONTEXT = 'kuzzle-session-manager:data-key:v1';

/** What is stored to unlock: never the data key in clear, never anything derived from the passphrase alone. */
export interface LockHeader {
  version: 1;
  kdf: typeof KDF;
  iterations: number;
  /** base64 */
  salt: string;
  /** base64: the AES-GCM nonce of the wrapping. */
  wrapIv: string;
  /** base64: the data key, AES-GCM-wrapped by the passphrase key. */
  wrappedKey: string;
}

/** A secret at rest: AES-GCM ciphertext (with its tag) and its nonce, base64. */
export interface Sealed {
  iv: string;
  data: string;
}

export class WrongPassphraseError extends Error {
  constructor() {
    super('This passphrase does not unlock the extension. Check it and try again; nothing was changed.');
    this.name = 'WrongPassphraseError';
  }
}

export class DamagedSecretError extends Error {
  constructor(context: string) {
    super(`A secret kept for ${context} cannot be read back (damaged, or sealed under another key). It was left as it is.`);
    this.name = 'DamagedSecretError';
  }
}

export interface VaultDeps {
  subtle: SubtleCrypto;
  randomBytes(length: number): Uint8Array;
  iterations?: number;
}

const encoded = (text: string) => new TextEncoder().encode(text);

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index += 1) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Why a passphrase cannot be used, in a sentence that says what to type; null when it can. */
export function passphraseProblem(passphrase: string, confirmation: string): string | null {
  if (passphrase.length < MIN_PASSPHRASE_LENGTH) return `Choose a passphrase of at least ${MIN_PASSPHRASE_LENGTH} characters; a few words are easier to remember and harder to guess.`;
  if (passphrase !== confirmation) return 'The two passphrases differ. Type the same one twice.';
  return null;
}

/**
 * How long to wait before the next unlock attempt after `failures` wrong passphrases in a row:
 * none for the first three (typing mistakes), then doubling from 2 s to at most 5 minutes.
 */
export function unlockDelayMs(failures: number): number {
  if (failures < 3) return 0;
  return Math.min(2_000 * 2 ** (failures - 3), 300_000);
}

export function createVault(deps: VaultDeps) {
  const { subtle } = deps;
  const iterationsFor = (header?: LockHeader) => header?.iterations ?? deps.iterations ?? PBKDF2_ITERATIONS;
  const bytes = (length: number) => new Uint8Array(deps.randomBytes(length));

  async function passphraseKey(passphrase: string, salt: Uint8Array<ArrayBuffer>, iterations: number): Promise<CryptoKey> {
    const material = await subtle.importKey('raw', encoded(passphrase.normalize('NFC')), 'PBKDF2', false, ['deriveKey']);
    return subtle.deriveKey({ name: 'PBKDF2', hash: 'SHA-256', salt, iterations }, material, { name: 'AES-GCM', length: 256 }, false, ['wrapKey', 'unwrapKey']);
  }

  async function wrap(dataKey: CryptoKey, passphrase: string): Promise<LockHeader> {
    const salt = bytes(SALT_BYTES);
    const wrapIv = bytes(IV_BYTES);
    const iterations = iterationsFor();
    const kek = await passphraseKey(passphrase, salt, iterations);
    const wrapped = await subtle.wrapKey('raw', dataKey, kek, { name: 'AES-GCM', iv: wrapIv, additionalData: encoded(WRAP_CONTEXT) });
    return { version: 1, kdf: KDF, iterations, salt: toBase64(salt), wrapIv: toBase64(wrapIv), wrappedKey: toBase64(new Uint8Array(wrapped)) };
  }

  return {
    /** A new random data key, and the header that unwraps it with this passphrase. */
    async create(passphrase: string): Promise<{ header: LockHeader; dataKey: CryptoKey }> {
      // Extractable: the unwrapped key is kept in the browser's session storage, which holds bytes, not CryptoKeys.
      const dataKey = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
      return { header: await wrap(dataKey, passphrase), dataKey };
    },

    /** The data key, or WrongPassphraseError: AES-GCM's tag makes a wrong passphrase fail, never give a wrong key. */
    async unlock(header: LockHeader, passphrase: string): Promise<CryptoKey> {
      const kek = await passphraseKey(passphrase, fromBase64(header.salt), iterationsFor(header));
      try {
        return await subtle.unwrapKey(
          'raw',
          fromBase64(header.wrappedKey),
          kek,
          { name: 'AES-GCM', iv: fromBase64(header.wrapIv), additionalData: encoded(WRAP_CONTEXT) },
          { name: 'AES-GCM', length: 256 },
          true,
          ['encrypt', 'decrypt'],
        );
      } catch {
        throw new WrongPassphraseError();
      }
    },

    /** The same data key under a new passphrase: nothing sealed needs sealing again. */
    rewrap: wrap,

    async seal(dataKey: CryptoKey, plaintext: string, context: string): Promise<Sealed> {
      const iv = bytes(IV_BYTES);
      const data = await subtle.encrypt({ name: 'AES-GCM', iv, additionalData: encoded(context) }, dataKey, encoded(plaintext));
      return { iv: toBase64(iv), data: toBase64(new Uint8Array(data)) };
    },

    async open(dataKey: CryptoKey, sealed: Sealed, context: string): Promise<string> {
      try {
        const plain = await subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv), additionalData: encoded(context) }, dataKey, fromBase64(sealed.data));
        return new TextDecoder().decode(plain);
      } catch {
        throw new DamagedSecretError(context);
      }
    },

    /** The data key's bytes, for the browser's session storage (memory only, gone when the browser closes). */
    async exportKey(dataKey: CryptoKey): Promise<string> {
      return toBase64(new Uint8Array(await subtle.exportKey('raw', dataKey)));
    },

    async importKey(raw: string): Promise<CryptoKey> {
      return subtle.importKey('raw', fromBase64(raw), { name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    },
  };
}

export type Vault = ReturnType<typeof createVault>;
