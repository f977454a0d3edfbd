/**
 * When a token is due for refresh, when it is dead, and which failures are worth retrying.
 */
import { KuzzleError, NotKuzzleServerError, RedirectRefusedError, ServerUnreachableError, TimeoutError } from '../kuzzle/errors';
import type { SessionRecord } from '../model';

const MINUTE = 60_000;

/** How long before `expiresAt` a token is refreshed: max(60 s, 10 % of ttl), but at most half the ttl, so that a token of a few seconds does not loop. */
export function refreshMargin(ttl: number): number {
  if (ttl <= 0) return MINUTE;
  return Math.min(Math.max(MINUTE, ttl * 0.1), ttl / 2);
}

/** When to refresh this session, or null for a token that never expires. */
export function refreshAt(session: Pick<SessionRecord, 'expiresAt' | 'ttl'>): number | null {
  if (session.expiresAt === -1) return null;
  return session.expiresAt - refreshMargin(session.ttl);
}

/** A token past its `expiresAt` is never sent to the server again. */
export function isExpired(session: Pick<SessionRecord, 'expiresAt'>, now: number): boolean {
  return session.expiresAt !== -1 && now >= session.expiresAt;
}

/**
 * A failure that may pass: no answer, a timeout, Kuzzle overloaded or rate-limiting, or an answer
 * that is not Kuzzle's (a proxy's error page, a body cut short) from a server that answered as
 * Kuzzle before, or a redirect (a proxy sending elsewhere, refused): none of these says anything
 * about the token.
 */
export function isTransientFailure(error: unknown): boolean {
  if (error instanceof ServerUnreachableError || error instanceof TimeoutError || error instanceof NotKuzzleServerError) return true;
  if (error instanceof RedirectRefusedError) return true;
  if (error instanceof KuzzleError) return error.status === 429 || error.status >= 500;
  return false;
}

/** Kuzzle saying the token itself is no longer valid (revoked, refreshed elsewhere, or expired). */
export function isInvalidTokenError(error: unknown): error is KuzzleError {
  return error instanceof KuzzleError && (error.id === 'security.token.invalid' || error.id === 'security.token.expired');
}

/** Waits between refresh attempts after a passing failure. */
export const DEFAULT_RETRY_DELAYS_MS: readonly number[] = [1_000, 3_000, 10_000];
/** After the quick retries, the next try comes from the scheduler this much later. */
export const RETRY_LATER_MS = 30_000;
