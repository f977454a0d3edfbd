/**
 * Reads (never verifies) a Kuzzle token: `kauth-` or `kapikey-` + a JWT whose payload is
 * `{_id, iat, exp?}` with times in seconds (reference §4). Used on a pasted token and before a
 * token is planted in a page, so it must never throw and must say null for anything malformed.
 */

export interface DecodedToken {
  /** Kuzzle's user id (`_id` claim). */
  kuid: string;
  /** Epoch ms (`iat` claim). */
  issuedAt?: number;
  /** Epoch ms (`exp` claim); absent for a token that never expires, and for most API keys. */
  expiresAt?: number;
}

const PREFIXES = ['kauth-', 'kapikey-'] as const;

/** Both base64 alphabets (standard and url-safe), padding optional. */
const BASE64_SEGMENT = /^[A-Za-z0-9+/_-]+={0,2}$/;
const JWT_SEGMENT = /^[A-Za-z0-9+/_=-]+$/;

function stripPrefix(token: string): string {
  const prefix = PREFIXES.find((candidate) => token.startsWith(candidate));
  return prefix ? token.slice(prefix.length) : token;
}

/** Decodes one base64 or base64url segment to UTF-8 text; null if it is not one. */
export function decodeBase64Segment(segment: string): string | null {
  if (!BASE64_SEGMENT.test(segment)) return null;
  const unpadded = segment.replace(/=+$/, '');
  // A length of 4n+1 cannot come from any byte sequence.
  if (unpadded.length % 4 === 1) return null;
  const standard = unpadded.replace(/-/g, '+').replace(/_/g, '/');
  const padded = standard + '='.repeat((4 - (standard.length % 4)) % 4);
  try {
    // atob exists in service workers, pages and Node; Buffer does not exist in a worker.
    const binary = atob(padded);
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

function secondsToMs(value: unknown): number | undefined | null {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) return null;
  return value * 1000;
}

/** The claims of a Kuzzle token, or null for anything that is not a well-formed token. */
export function decodeToken(token: unknown): DecodedToken | null {
  if (typeof token !== 'string') return null;
  const segments = stripPrefix(token.trim()).split('.');
  if (segments.length !== 3 || !segments.every((segment) => segment === '' || JWT_SEGMENT.test(segment))) return null;
  const [header, payload] = segments as [string, string, string];
  if (header === '' || payload === '') return null;

  const text = decodeBase64Segment(payload);
  if (text === null) return null;
  let claims: unknown;
  try {
    claims = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof claims !== 'object' || claims === null || Array.isArray(claims)) return null;

  const { _id: kuid, iat, exp } = claims as { _id?: unknown; iat?: unknown; exp?: unknown };
  // Kuzzle rejects a token with no `_id` as forged, so it is no token at all here either.
  if (typeof kuid !== 'string' || kuid === '') return null;
  const issuedAt = secondsToMs(iat);
  const expiresAt = secondsToMs(exp);
  if (issuedAt === null || expiresAt === null) return null;

  return {
    kuid,
    ...(issuedAt !== undefined ? { issuedAt } : {}),
    ...(expiresAt !== undefined ? { expiresAt } : {}),
  };
}

/**
 * Whether the Kuzzle JS SDK (7.x, used by the Admin Console) can read this token: it decodes
 * the payload with the standard base64 alphabet only and throws "Invalid JSON payload for JWT"
 * on a payload that holds `-` or `_` (reference §10). Planting such a token would break the page.
 */
export function sdkCanReadToken(token: string): boolean {
  if (decodeToken(token) === null) return false;
  const payload = stripPrefix(token.trim()).split('.')[1]!;
  return !/[-_]/.test(payload);
}
