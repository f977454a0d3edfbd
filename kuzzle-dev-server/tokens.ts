// Kuzzle's tokens: `kauth-` + an HS256 JWT for auth tokens, `kapikey-` + JWT for API keys, and the
// server-side store that makes them revocable (Kuzzle keeps auth tokens in Redis, API keys in
// Elasticsearch; a well-signed JWT that is not in the store is `security.token.invalid`).
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import ms from 'ms';
import { EXPIRES_IN_EXPECTATION, kerror } from './errors';

export const AUTH_PREFIX = 'kauth-';
export const APIKEY_PREFIX = 'kapikey-';

export interface StoredToken {
  /** The full token string, prefix included. */
  jwt: string;
  kuid: string;
  /** Epoch ms, or -1 for an infinite token. */
  expiresAt: number;
  /** ms, or -1. */
  ttl: number;
  /** Epoch ms after which the store forgets the token (Redis PX); Infinity for infinite tokens. */
  storedUntil: number;
  refreshed: boolean;
  type: 'authToken' | 'apiKey';
  /** From `auth:createToken` with `singleUse`: deleted the first time it is verified. */
  singleUse: boolean;
  /** The JWT's `exp` claim (seconds), absent for infinite tokens. */
  exp?: number;
}

export interface ApiKeyRecord {
  _id: string;
  token: StoredToken;
  description: string;
  fingerprint: string;
}

function base64url(input: Buffer | string): string {
  return Buffer.from(input).toString('base64url');
}

export class JwtSigner {
  readonly #secret: Buffer;

  constructor(secret: Buffer = randomBytes(512)) {
    this.#secret = secret;
  }

  sign(payload: Record<string, unknown>): string {
    const head = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const body = base64url(JSON.stringify(payload));
    return `${head}.${body}.${this.#signature(`${head}.${body}`)}`;
  }

  /** The payload of a JWT signed by this signer, or null when it is malformed or forged. */
  verify(jwt: string): Record<string, unknown> | null {
    const parts = jwt.split('.');
    if (parts.length !== 3) return null;
    const [head, body, signature] = parts as [string, string, string];
    const expected = Buffer.from(this.#signature(`${head}.${body}`));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const header = JSON.parse(Buffer.from(head, 'base64url').toString('utf8')) as { alg?: unknown };
      if (header.alg !== 'HS256') return null;
      const payload: unknown = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
      return payload && typeof payload === 'object' && !Array.isArray(payload) ? (payload as Record<string, unknown>) : null;
    } catch {
      return null;
    }
  }

  #signature(data: string): string {
    return createHmac('sha256', this.#secret).update(data).digest('base64url');
  }
}

/**
 * Kuzzle's `parseTimespan` followed by the checks of `tokenRepository.generateToken`: a number is
 * milliseconds, a string goes through `ms`; what parses to 0 (or not at all) is an invalid
 * argument; -1 is infinite unless a maxTTL is set; anything above maxTTL is refused.
 */
export function resolveTtl(expiresIn: unknown, maxTTL: number): number {
  let ttl: number;
  if (typeof expiresIn === 'number') ttl = expiresIn;
  else if (typeof expiresIn === 'string') ttl = parseMs(expiresIn) ?? 0;
  else ttl = 0;
  // Kuzzle hands a negative TTL other than -1 to Redis, which refuses it; saying so is kinder.
  if (ttl === 0 || !Number.isFinite(ttl) || (ttl < 0 && ttl !== -1)) {
    throw kerror('api.assert.invalid_argument', 'expiresIn', EXPIRES_IN_EXPECTATION);
  }
  if (maxTTL > -1 && (ttl === -1 || ttl > maxTTL)) throw kerror('security.token.ttl_exceeded');
  return ttl;
}

function parseMs(value: string): number | undefined {
  try {
    const parsed = ms(value as ms.StringValue) as number | undefined;
    return typeof parsed === 'number' && !Number.isNaN(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/** Parses a duration given on the command line or in options: a number of ms or an `ms` string. */
export function parseDuration(value: string | number, what: string): number {
  const parsed = typeof value === 'number' ? value : /^-?\d+$/.test(value.trim()) ? Number(value) : parseMs(value);
  if (parsed === undefined || !Number.isFinite(parsed)) {
    throw new Error(`${what}: "${value}" is not a duration. Give milliseconds (3600000) or an ms string ("1h", "40s").`);
  }
  return parsed;
}

export class TokenStore {
  readonly #tokens = new Map<string, StoredToken>();
  readonly #apiKeys = new Map<string, ApiKeyRecord>();
  readonly #signer: JwtSigner;
  readonly #now: () => number;

  constructor(signer: JwtSigner, now: () => number) {
    this.#signer = signer;
    this.#now = now;
  }

  createAuthToken(kuid: string, ttl: number, options: { singleUse?: boolean } = {}): StoredToken {
    const token = this.#newToken(kuid, ttl, 'authToken');
    token.singleUse = options.singleUse === true;
    this.#tokens.set(token.jwt, token);
    return token;
  }

  createApiKey(kuid: string, ttl: number, description: string, id: string): ApiKeyRecord {
    const token = this.#newToken(kuid, ttl, 'apiKey');
    const record: ApiKeyRecord = { _id: id, token, description, fingerprint: createHash('sha256').update(token.jwt).digest('hex') };
    this.#apiKeys.set(id, record);
    return record;
  }

  #newToken(kuid: string, ttl: number, type: StoredToken['type']): StoredToken {
    const now = this.#now();
    const claims = this.#claims(kuid, ttl, now);
    const prefix = type === 'apiKey' ? APIKEY_PREFIX : AUTH_PREFIX;
    let jwt = prefix + this.#signer.sign(claims);
    // Same user, same second, same TTL: jsonwebtoken would sign the very same token again (a
    // refresh right after a login would then revoke itself). Moving iat back a second keeps every
    // token distinct while exp still matches expiresAt.
    while (this.#tokens.has(jwt) || this.#findApiKey(jwt)) {
      claims.iat -= 1;
      jwt = prefix + this.#signer.sign(claims);
    }
    return {
      exp: claims.exp,
      jwt,
      kuid,
      expiresAt: ttl === -1 ? -1 : now + ttl,
      ttl,
      storedUntil: ttl === -1 ? Infinity : now + ttl,
      refreshed: false,
      type,
      singleUse: false,
    };
  }

  #claims(kuid: string, ttl: number, now: number): { _id: string; iat: number; exp?: number } {
    const iat = Math.floor(now / 1000);
    // jsonwebtoken: exp = iat + expiresIn seconds, and Kuzzle passes floor(ttl / 1000).
    return ttl === -1 ? { _id: kuid, iat } : { _id: kuid, iat, exp: iat + Math.floor(ttl / 1000) };
  }

  /**
   * Kuzzle's `verifyToken`: signature, then the JWT's own expiry, then the store. Every failure is
   * `security.token.invalid` (since 2.34 an expired JWT says "invalid" too).
   */
  verify(jwt: string): StoredToken {
    const isApiKey = jwt.startsWith(APIKEY_PREFIX);
    if (!isApiKey && !jwt.startsWith(AUTH_PREFIX)) throw kerror('security.token.invalid');
    const payload = this.#signer.verify(jwt.slice(isApiKey ? APIKEY_PREFIX.length : AUTH_PREFIX.length));
    if (!payload || typeof payload._id !== 'string') throw kerror('security.token.invalid');
    const now = this.#now();
    if (typeof payload.exp === 'number' && Math.floor(now / 1000) >= payload.exp) throw kerror('security.token.invalid');
    const stored = isApiKey ? this.#findApiKey(jwt)?.token : this.#tokens.get(jwt);
    if (!stored || stored.storedUntil <= now) {
      if (stored && !isApiKey) this.#tokens.delete(jwt);
      throw kerror('security.token.invalid');
    }
    // tokenRepository.verifyToken: a single-use token serves the request that verifies it, then is gone.
    if (stored.singleUse) this.#tokens.delete(jwt);
    return stored;
  }

  #findApiKey(jwt: string): ApiKeyRecord | undefined {
    for (const record of this.#apiKeys.values()) if (record.token.jwt === jwt) return record;
    return undefined;
  }

  /** Keeps the old token alive for the grace period only, marked so that it cannot be refreshed again. */
  markRefreshed(token: StoredToken, gracePeriod: number): void {
    token.refreshed = true;
    token.storedUntil = Math.min(token.storedUntil, this.#now() + gracePeriod);
  }

  revoke(jwt: string): void {
    this.#tokens.delete(jwt);
  }

  /** Every auth token of a user (`logout` with `global`); API keys survive. */
  revokeAllOf(kuid: string): StoredToken[] {
    const revoked = [...this.#tokens.values()].filter((token) => token.kuid === kuid);
    for (const token of revoked) this.#tokens.delete(token.jwt);
    return revoked;
  }

  /** Drops the tokens whose time is up and returns them, so their connections can be told. */
  sweepExpired(): StoredToken[] {
    const now = this.#now();
    const expired: StoredToken[] = [];
    for (const token of this.#tokens.values()) {
      const jwtExpired = token.exp !== undefined && Math.floor(now / 1000) >= token.exp;
      if (token.storedUntil <= now || jwtExpired) expired.push(token);
    }
    for (const token of expired) this.#tokens.delete(token.jwt);
    return expired;
  }

  apiKeysOf(kuid: string): ApiKeyRecord[] {
    return [...this.#apiKeys.values()].filter((record) => record.token.kuid === kuid);
  }

  deleteApiKey(kuid: string, id: string): boolean {
    const record = this.#apiKeys.get(id);
    if (!record || record.token.kuid !== kuid) return false;
    this.#apiKeys.delete(id);
    return true;
  }

  hasApiKey(id: string): boolean {
    return this.#apiKeys.has(id);
  }

  /** For the `invalidate-tokens` fault: forget every auth token at once. */
  revokeEverything(): StoredToken[] {
    const all = [...this.#tokens.values()];
    this.#tokens.clear();
    return all;
  }
}
