/**
 * Functions that run inside a bound page: handed to `scripting.executeScript({ func })` by the
 * worker, and called directly by the content script. The browser serialises `func` on its own, so
 * each one must be self-contained: no imports, no module-level names, only its arguments and the
 * page's globals. Every one re-checks the page's origin, because a tab can navigate elsewhere
 * between the worker's `tabs.query` and the injection.
 */
import type { StorageSnapshot, StorageWrites } from './admin-console';

export interface PageStorageRead extends StorageSnapshot {
  origin: string;
  /** The page said it is not an Admin Console (`<meta name="kuzzle-session-manager" content="no-console">`): never reload it. */
  noConsole: boolean;
}

/** Reads the given keys of the page's storage; null when the page is not at `expectedOrigin`. */
export function readPageStorage(expectedOrigin: string, localKeys: string[], sessionKeys: string[]): PageStorageRead | null {
  if (location.origin !== expectedOrigin) return null;
  const read = (storage: Storage, keys: string[]) => {
    const values: Record<string, string | null> = {};
    for (const key of keys) values[key] = storage.getItem(key);
    return values;
  };
  const meta = document.querySelector('meta[name="kuzzle-session-manager"]');
  return {
    origin: location.origin,
    local: read(localStorage, localKeys),
    session: read(sessionStorage, sessionKeys),
    noConsole: (meta?.getAttribute('content') ?? '').split(/[\s,]+/).includes('no-console'),
  };
}

export type WriteOutcome = 'written' | 'reloading' | 'conflict' | 'wrong-origin';

/**
 * Writes `writes` if the page's values still equal `expected` (what the writes were computed from),
 * else answers 'conflict' so that the caller reads again. With `reload`, it then reloads the page on
 * its app root (`<path>#/`: a console reloaded on `#/login` stays on its login page), unless the page
 * opted out of console handling.
 */
export function writePageStorage(
  expectedOrigin: string,
  expected: { local: Record<string, string | null>; session: Record<string, string | null> },
  writes: StorageWrites,
  reload: boolean,
): WriteOutcome {
  if (location.origin !== expectedOrigin) return 'wrong-origin';
  for (const key of Object.keys(expected.local)) if (localStorage.getItem(key) !== expected.local[key]) return 'conflict';
  for (const key of Object.keys(expected.session)) if (sessionStorage.getItem(key) !== expected.session[key]) return 'conflict';
  const apply = (storage: Storage, values: Record<string, string | null>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === null) storage.removeItem(key);
      else storage.setItem(key, value);
    }
  };
  apply(localStorage, writes.local);
  apply(sessionStorage, writes.session);
  if (!reload) return 'written';
  const meta = document.querySelector('meta[name="kuzzle-session-manager"]');
  if ((meta?.getAttribute('content') ?? '').split(/[\s,]+/).includes('no-console')) return 'written';
  history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
  location.reload();
  return 'reloading';
}

/**
 * In the page's main world: swaps the live SDK token of a page that exposes its Kuzzle SDK as
 * `window.kuzzle` (the Admin Console does), so that it keeps working when the old token's grace
 * period ends, or takes it back (`jwt` null) when the session ends, is switched or the site is
 * unbound. With `onlyIf`, only an SDK that still holds that token (the one the extension gave) is
 * touched: a token the page got on its own is its own. The SDK's setter decodes the JWT; a failure
 * leaves the page as it was.
 */
export function swapLiveJwt(expectedOrigin: string, jwt: string | null, onlyIf?: string): 'swapped' | 'no-sdk' | 'not-ours' | 'failed' | 'wrong-origin' {
  if (location.origin !== expectedOrigin) return 'wrong-origin';
  const sdk = (window as unknown as { kuzzle?: unknown }).kuzzle;
  if (typeof sdk !== 'object' || sdk === null || !('jwt' in sdk)) return 'no-sdk';
  if (onlyIf !== undefined && (sdk as { jwt: unknown }).jwt !== onlyIf) return 'not-ours';
  try {
    (sdk as { jwt: unknown }).jwt = jwt;
    return 'swapped';
  } catch {
    return 'failed';
  }
}
