/**
 * Decoding of stored records. IndexedDB gives back whatever was written, by this version or an
 * older one, or damaged; every record is checked before the worker trusts it. A record that fails
 * is not repaired by guessing: the caller sets it aside with the reason (see `store.ts`).
 */
import { SERVER_COLORS, type AccountRecord, type ApiKeyRecord, type PendingLogin, type ServerRecord, type SessionRecord, type SessionState } from '../model';
import type { RecordKind } from './keys';

export type Decoded<T> = { ok: true; value: T } | { ok: false; reason: string };

type Fields = Record<string, unknown>;

class DecodeFailure extends Error {}

function fail(reason: string): never {
  throw new DecodeFailure(reason);
}

function objectOf(value: unknown): Fields {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('not an object');
  return value as Fields;
}

function text(fields: Fields, name: string): string {
  const value = fields[name];
  if (typeof value !== 'string' || value === '') fail(`"${name}" is not a non-empty string`);
  return value;
}

function finite(fields: Fields, name: string): number {
  const value = fields[name];
  if (typeof value !== 'number' || !Number.isFinite(value)) fail(`"${name}" is not a number`);
  return value;
}

function optional<T>(fields: Fields, name: string, check: (value: unknown) => value is T): T | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (!check(value)) fail(`"${name}" has the wrong type`);
  return value;
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isExpiresIn = (value: unknown): value is string | number => isString(value) || isNumber(value);
const SESSION_STATES: readonly SessionState[] = ['active', 'expired', 'revoked'];

function decodeServer(value: unknown): ServerRecord {
  const fields = objectOf(value);
  const color = fields.color;
  if (!SERVER_COLORS.includes(color as never)) fail(`"color" is not one of ${SERVER_COLORS.join(', ')}`);
  const boundOrigins = fields.boundOrigins;
  if (!Array.isArray(boundOrigins) || !boundOrigins.every(isString)) fail('"boundOrigins" is not a list of origins');
  const activeAccountId = fields.activeAccountId;
  if (activeAccountId !== null && !isString(activeAccountId)) fail('"activeAccountId" is neither an id nor null');
  return {
    id: text(fields, 'id'),
    url: text(fields, 'url'),
    name: text(fields, 'name'),
    color: color as ServerRecord['color'],
    boundOrigins: [...boundOrigins],
    activeAccountId,
    createdAt: finite(fields, 'createdAt'),
  };
}

function decodeAccount(value: unknown): AccountRecord {
  const fields = objectOf(value);
  return {
    id: text(fields, 'id'),
    serverId: text(fields, 'serverId'),
    kuid: text(fields, 'kuid'),
    strategy: text(fields, 'strategy'),
    displayName: text(fields, 'displayName'),
    createdAt: finite(fields, 'createdAt'),
    lastUsedAt: finite(fields, 'lastUsedAt'),
  };
}

function decodeSession(value: unknown): SessionRecord {
  const fields = objectOf(value);
  const state = fields.state;
  if (!SESSION_STATES.includes(state as SessionState)) fail(`"state" is not one of ${SESSION_STATES.join(', ')}`);
  const session: SessionRecord = {
    accountId: text(fields, 'accountId'),
    jwt: text(fields, 'jwt'),
    expiresAt: finite(fields, 'expiresAt'),
    ttl: finite(fields, 'ttl'),
    state: state as SessionState,
    updatedAt: finite(fields, 'updatedAt'),
  };
  const expiresIn = optional(fields, 'expiresIn', isExpiresIn);
  if (expiresIn !== undefined) session.expiresIn = expiresIn;
  const lastError = optional(fields, 'lastError', isString);
  if (lastError !== undefined) session.lastError = lastError;
  const refreshStartedAt = optional(fields, 'refreshStartedAt', isNumber);
  if (refreshStartedAt !== undefined) session.refreshStartedAt = refreshStartedAt;
  return session;
}

function decodePending(value: unknown): PendingLogin {
  const fields = objectOf(value);
  const pending: PendingLogin = { serverId: text(fields, 'serverId'), strategy: text(fields, 'strategy'), startedAt: finite(fields, 'startedAt') };
  const location = optional(fields, 'location', isString);
  if (location !== undefined) pending.location = location;
  const tabId = optional(fields, 'tabId', isNumber);
  if (tabId !== undefined) pending.tabId = tabId;
  const expiresIn = optional(fields, 'expiresIn', isExpiresIn);
  if (expiresIn !== undefined) pending.expiresIn = expiresIn;
  return pending;
}

function decodeApiKey(value: unknown): ApiKeyRecord {
  const fields = objectOf(value);
  return {
    accountId: text(fields, 'accountId'),
    keyId: text(fields, 'keyId'),
    token: text(fields, 'token'),
    description: text(fields, 'description'),
    expiresAt: finite(fields, 'expiresAt'),
    createdAt: finite(fields, 'createdAt'),
  };
}

export interface RecordTypes {
  server: ServerRecord;
  account: AccountRecord;
  session: SessionRecord;
  pending: PendingLogin;
  apiKey: ApiKeyRecord;
}

const DECODERS: { [K in RecordKind]: (value: unknown) => RecordTypes[K] } = {
  server: decodeServer,
  account: decodeAccount,
  session: decodeSession,
  pending: decodePending,
  apiKey: decodeApiKey,
};

/** The id a record must carry to sit under its key: a record stored under another id is damaged. */
const ID_OF: { [K in RecordKind]: (record: RecordTypes[K]) => string } = {
  server: (record) => record.id,
  account: (record) => record.id,
  session: (record) => record.accountId,
  pending: (record) => record.serverId,
  apiKey: (record) => record.accountId,
};

export function decodeRecord<K extends RecordKind>(kind: K, keyId: string, value: unknown): Decoded<RecordTypes[K]> {
  try {
    const record = DECODERS[kind](value);
    const id = ID_OF[kind](record);
    if (id !== keyId) return { ok: false, reason: `a ${kind} record with id "${id}" was stored under "${keyId}"` };
    return { ok: true, value: record };
  } catch (error) {
    if (error instanceof DecodeFailure) return { ok: false, reason: `${kind} record: ${error.message}` };
    throw error;
  }
}
