/**
 * Pages that may still hold a token the extension no longer stands behind, and how their next
 * load is kept from seeing it (docs/security.md, "Taking a token back").
 *
 * The worker writes only into open tabs. A site whose tab was closed when the person unbound it,
 * removed its server, forgot, removed, logged out of or switched away from its account, or when
 * its token was refreshed, keeps the old token in its storage; and at `document_start` only a
 * synchronous write beats the page's own first script, so the content script cannot ask the
 * worker first. The answer is carried by the registration itself: such an origin is "stale", and
 * its pages get `stale-mark.js` (from public/) before the console script. The mark is set
 * synchronously in the content scripts' shared world; the console script, seeing it, removes the
 * planted entry before the page's scripts run, then asks the worker as usual (and plants again,
 * with one reload, what the worker still stands behind). It reports what the page holds
 * afterwards; the origin stops being stale once what it holds is what the worker stands behind.
 */
import type { Scripting } from 'webextension-polyfill';
import type { ServerRecord } from '../model';
import { CONSOLE_KEYS, PLANTED_ENV_KEY, RELOAD_GUARD_KEY, reloadFingerprint, type StorageSnapshot, type StorageWrites } from './admin-console';
import { matchPatternFor, toBindableOrigin } from './origins';

/** Where WXT builds `entrypoints/console.content.ts`, and where `public/stale-mark.js` lands (it must set STALE_MARK_GLOBAL). */
export const CONTENT_SCRIPT_FILE = 'content-scripts/console.js';
export const STALE_MARK_FILE = 'stale-mark.js';
/** Set to true by the stale mark, read by the console script: the global both share in the content scripts' world. */
export const STALE_MARK_GLOBAL = '__kuzzleSessionManagerStale';

/** Origins whose pages are current: the console script alone. */
export const CONTENT_SCRIPT_ID = 'ksm-bound-pages';
/** Origins whose pages may hold what was taken away: the mark first, then the console script. */
export const STALE_SCRIPT_ID = 'ksm-stale-pages';
export const OWN_ID_PREFIX = 'ksm-';

/** The planted entry of a page's storage, and its token (null once signed out). */
export function plantedToken(snapshot: StorageSnapshot): { envId: string; token: string | null } | null {
  const envId = snapshot.local[PLANTED_ENV_KEY] ?? null;
  if (envId === null) return null;
  let entry: unknown;
  try {
    entry = (JSON.parse(snapshot.local[CONSOLE_KEYS.environments] ?? 'null') as Record<string, unknown> | null)?.[envId];
  } catch {
    return { envId, token: null };
  }
  const token = typeof entry === 'object' && entry !== null ? (entry as { token?: unknown }).token : null;
  return { envId, token: typeof token === 'string' ? token : null };
}

/**
 * What a stale page's console script writes at `document_start`, before the page's scripts run:
 * the planted entry removed, and the console's selection of it with it. Nothing when the page holds
 * no planted token, or when this tab was just reloaded by the extension for exactly the token it
 * holds (the reload guard in sessionStorage, which a new tab never has): that token is current.
 */
export function purgeAtStart(snapshot: StorageSnapshot): StorageWrites {
  const writes: StorageWrites = { local: {}, session: {} };
  const planted = plantedToken(snapshot);
  if (planted === null || planted.token === null) return writes;
  if (snapshot.session[RELOAD_GUARD_KEY] === reloadFingerprint(planted)) return writes;
  let environments: Record<string, unknown> = {};
  try {
    environments = { ...(JSON.parse(snapshot.local[CONSOLE_KEYS.environments] ?? '{}') as Record<string, unknown>) };
  } catch {
    // plantedToken read a token from it, so it parsed.
  }
  delete environments[planted.envId];
  writes.local[CONSOLE_KEYS.environments] = JSON.stringify(environments);
  writes.local[PLANTED_ENV_KEY] = null;
  for (const key of [CONSOLE_KEYS.lastEnv, CONSOLE_KEYS.lastConnectedEnv] as const) {
    if (snapshot.local[key] === planted.envId) writes.local[key] = null;
  }
  if (snapshot.session[CONSOLE_KEYS.currentEnv] === planted.envId) writes.session[CONSOLE_KEYS.currentEnv] = null;
  return writes;
}

/**
 * The match pattern of an origin's pages. Chromium honours a port in a match pattern, so there it
 * is exact (`http://127.0.0.1:3000/*`, default ports written out); Firefox ignores or refuses
 * ports, so there it is the host's (`http://127.0.0.1/*`), and the run-time checks keep a binding
 * exact. A stale pattern in Firefox therefore also marks the host's other ports (see docs/security.md).
 */
export function pagePatternFor(origin: string, exactPorts: boolean): string {
  if (!exactPorts) return matchPatternFor(origin);
  const url = new URL(toBindableOrigin(origin));
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return `${url.protocol}//${url.hostname}:${port}/*`;
}

function patternsOf(origins: Iterable<string>, exactPorts: boolean): Set<string> {
  const patterns = new Set<string>();
  for (const origin of origins) {
    try {
      patterns.add(pagePatternFor(origin, exactPorts));
    } catch {
      // An origin that no longer parses binds nothing; the options page shows and lets the user remove it.
    }
  }
  return patterns;
}

/** The match patterns of every valid bound origin, sorted and without repeats. */
export function boundMatchPatterns(servers: readonly ServerRecord[], exactPorts = false): string[] {
  return [...patternsOf(servers.flatMap((server) => server.boundOrigins), exactPorts)].sort();
}

/**
 * The content scripts for the bound and the stale origins: one registration per kind, so that a
 * page matches exactly one of them (two servers bound to one host on different ports share a host
 * pattern, and the console script must not run twice in a page).
 */
export function pageRegistrations(servers: readonly ServerRecord[], staleOrigins: readonly string[], exactPorts: boolean): Scripting.RegisteredContentScript[] {
  const stale = patternsOf(staleOrigins, exactPorts);
  const clean = [...patternsOf(servers.flatMap((server) => server.boundOrigins), exactPorts)].filter((pattern) => !stale.has(pattern));
  const common = { runAt: 'document_start', allFrames: false, world: 'ISOLATED', persistAcrossSessions: true } as const;
  const registrations: Scripting.RegisteredContentScript[] = [];
  if (clean.length > 0) registrations.push({ id: CONTENT_SCRIPT_ID, js: [CONTENT_SCRIPT_FILE], matches: clean.sort(), ...common });
  if (stale.size > 0) registrations.push({ id: STALE_SCRIPT_ID, js: [STALE_MARK_FILE, CONTENT_SCRIPT_FILE], matches: [...stale].sort(), ...common });
  return registrations;
}

/** Where the stale origins are kept (the worker's own IndexedDB, apart from the records). */
export interface StaleOriginStore {
  read(): Promise<readonly string[]>;
  write(origins: readonly string[]): Promise<void>;
}

/** The stale set over its store, one change at a time so that concurrent marks and clears do not lose each other. */
export function createStaleOrigins(store: StaleOriginStore) {
  let queue: Promise<unknown> = Promise.resolve();
  function change(apply: (current: Set<string>) => void): Promise<void> {
    const next = queue.then(async () => {
      const before = [...(await store.read())].sort();
      const current = new Set(before);
      apply(current);
      const after = [...current].sort();
      if (after.join('\n') !== before.join('\n')) await store.write(after);
    });
    queue = next.catch(() => undefined);
    return next;
  }
  return {
    list: async (): Promise<string[]> => {
      await queue;
      return [...(await store.read())];
    },
    mark: (origins: readonly string[]) => change((current) => origins.forEach((origin) => current.add(origin))),
    clear: (origins: readonly string[]) => change((current) => origins.forEach((origin) => current.delete(origin))),
  };
}
