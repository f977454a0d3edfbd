/** Pure checks of what a person types into the login forms, kept apart from the markup so they are tested alone. */

export type Parsed<T> = { ok: true; value: T } | { ok: false; messageKey: string };

/** `local` first, as most people log in with it; the server's order otherwise, duplicates dropped. */
export function orderStrategies(strategies: readonly string[]): string[] {
  const unique = [...new Set(strategies.filter((s) => typeof s === 'string' && s !== ''))];
  return unique.includes('local') ? ['local', ...unique.filter((s) => s !== 'local')] : unique;
}

/** Credentials for a strategy other than `local`, typed as a JSON object; empty means none. */
export function parseCredentialsJson(text: string): Parsed<Record<string, unknown>> {
  if (text.trim() === '') return { ok: true, value: {} };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { ok: false, messageKey: 'credentialsNotJson' };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, messageKey: 'credentialsNotObject' };
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * What `setJwtToken` accepts: a bare token, or a whole Kuzzle response pasted from a tab
 * (`{"result": {"jwt": …}}`), which the worker unwraps.
 */
export function parsePastedToken(text: string): Parsed<string | Record<string, unknown>> {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: false, messageKey: 'tokenEmpty' };
  if (trimmed.startsWith('{')) {
    try {
      const value: unknown = JSON.parse(trimmed);
      if (typeof value === 'object' && value !== null && !Array.isArray(value)) return { ok: true, value: value as Record<string, unknown> };
    } catch {
      // falls through to the message below
    }
    return { ok: false, messageKey: 'tokenBadJson' };
  }
  // A quoted token copied from JSON ("kauth-…") is still the token.
  const unquoted = trimmed.replace(/^"(.*)"$/, '$1');
  if (/\s/.test(unquoted)) return { ok: false, messageKey: 'tokenHasSpaces' };
  return { ok: true, value: unquoted };
}
