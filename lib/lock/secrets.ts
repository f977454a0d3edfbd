/**
 * Which stored fields are secrets, and their sealed form at rest: the part of the lock between the
 * vault (`./vault.ts`) and the store. Servers and accounts hold no secret (their names, URLs and
 * bound origins stay readable while locked); a session's token, an account's "Stay signed in" key
 * and a two-step login's provider address (it carries the sign-in's state) are sealed.
 *
 * A sealed record keeps its other fields in clear, so that the worker can still list, show and
 * schedule while locked, and carries `sealed`: the secret fields as one JSON object, sealed under
 * the record's own store key.
 */
import type { ApiKeyRecord, PendingLogin, SessionRecord } from '../model';
import type { Sealed, Vault } from './vault';

export const SECRET_FIELDS = {
  session: ['jwt'],
  apiKey: ['token'],
  pending: ['location'],
} as const satisfies { session: ReadonlyArray<keyof SessionRecord>; apiKey: ReadonlyArray<keyof ApiKeyRecord>; pending: ReadonlyArray<keyof PendingLogin> };

export type SecretKind = keyof typeof SECRET_FIELDS;
type Plain = Record<string, unknown>;
export type SealedRecord = Plain & { sealed: Sealed };

export function hasSecrets(kind: string): kind is SecretKind {
  return kind in SECRET_FIELDS;
}

export function isSealedRecord(value: unknown): value is SealedRecord {
  if (typeof value !== 'object' || value === null) return false;
  const sealed = (value as { sealed?: unknown }).sealed;
  return typeof sealed === 'object' && sealed !== null && typeof (sealed as Sealed).iv === 'string' && typeof (sealed as Sealed).data === 'string';
}

/** The record as stored with the lock on: its secret fields out of it, sealed under `storeKey`. */
export async function sealRecord(vault: Vault, dataKey: CryptoKey, kind: SecretKind, storeKey: string, record: object): Promise<SealedRecord> {
  const clear: Plain = { ...(record as Plain) };
  const secrets: Plain = {};
  for (const field of SECRET_FIELDS[kind]) {
    if (field in clear) secrets[field] = clear[field];
    delete clear[field];
  }
  return { ...clear, sealed: await vault.seal(dataKey, JSON.stringify(secrets), storeKey) };
}

/** The record as the worker uses it; a damaged or moved seal throws `DamagedSecretError`. */
export async function openRecord(vault: Vault, dataKey: CryptoKey, storeKey: string, stored: SealedRecord): Promise<Plain> {
  const { sealed, ...clear } = stored;
  const secrets = JSON.parse(await vault.open(dataKey, sealed, storeKey)) as Plain;
  return { ...clear, ...secrets };
}
