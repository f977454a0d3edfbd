/**
 * The Kuzzle Admin Console adapter, pure: storage values in, storage writes out.
 * The console (v4.3.1+ and master) keeps its connections in `localStorage.environments`, selects
 * one with `sessionStorage.currentEnv` (which wins) or `localStorage.lastEnv`, and validates the
 * selected entry's types strictly (docs/kuzzle.md §11). Old
 * consoles (2.x/3.x) select with `localStorage.lastConnectedEnv`, which costs one more key.
 */
import type { PageSession, ServerColor } from '../model';

export const CONSOLE_KEYS = {
  environments: 'environments',
  lastEnv: 'lastEnv',
  lastConnectedEnv: 'lastConnectedEnv',
  currentEnv: 'currentEnv',
} as const;

/** localStorage: the id of the entry this extension planted, so that it can sign it out or rename it later. */
export const PLANTED_ENV_KEY = 'kuzzle-session-manager:env';
/** sessionStorage: what the last reload was for, so that a page reloads at most once per token. */
export const RELOAD_GUARD_KEY = 'kuzzle-session-manager:reloaded-for';
/** localStorage: an `environments` value that could not be read, kept instead of being thrown away. */
export const UNREADABLE_BACKUP_KEY = 'kuzzle-session-manager:unreadable-environments';

export const CONSOLE_LOCAL_KEYS = [CONSOLE_KEYS.environments, CONSOLE_KEYS.lastEnv, CONSOLE_KEYS.lastConnectedEnv, PLANTED_ENV_KEY, UNREADABLE_BACKUP_KEY];
export const CONSOLE_SESSION_KEYS = [CONSOLE_KEYS.currentEnv];

/** Raw Web Storage values by key; a missing key reads as null. */
export interface StorageSnapshot {
  local: Record<string, string | null>;
  session: Record<string, string | null>;
}

/** Values to set; null removes the key. */
export interface StorageWrites {
  local: Record<string, string | null>;
  session: Record<string, string | null>;
}

/** The console's `ENV_COLORS`: the only values its validator accepts. */
export const CONSOLE_COLORS = ['darkblue', 'lightblue', 'purple', 'green', 'orange', 'red', 'grey', 'magenta'] as const;
export type ConsoleColor = (typeof CONSOLE_COLORS)[number];

const COLOR_FOR: Record<ServerColor, ConsoleColor> = {
  blue: 'darkblue',
  teal: 'lightblue',
  green: 'green',
  orange: 'orange',
  red: 'red',
  purple: 'purple',
  magenta: 'magenta',
  grey: 'grey',
};

export function consoleColorFor(color: ServerColor): ConsoleColor {
  return COLOR_FOR[color] ?? 'darkblue';
}

export interface ConsoleEnvironment {
  name: string;
  color: ConsoleColor;
  host: string;
  port: number;
  ssl: boolean;
  backendMajorVersion: 2;
  hideAdminWarning: boolean;
  token: string | null;
}

/** The environment id (the console shows it as the connection's name) for a server's planted entry. */
export function envIdFor(server: PageSession['server']): string {
  const name = server.name.trim().slice(0, 60) || server.host;
  return `${name} (Session Manager)`;
}

type Environments = Record<string, unknown>;

function parseEnvironments(raw: string | null | undefined): { readable: true; value: Environments } | { readable: false } {
  if (raw === null || raw === undefined || raw === '') return { readable: true, value: {} };
  try {
    const value: unknown = JSON.parse(raw);
    // The console itself writes `null` here when it has nothing: treat it as empty, not as garbage.
    if (value === null) return { readable: true, value: {} };
    if (typeof value === 'object' && !Array.isArray(value)) return { readable: true, value: value as Environments };
  } catch {
    // fall through: not JSON
  }
  return { readable: false };
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '127.0.0.1' || host === '[::1]';
}

/**
 * The writes that make the console start signed in with `session` (its entry planted and selected),
 * or, when `session` is null, signed out (the planted entry's token set to null, nothing else touched).
 * The user's other environments are kept as they are.
 */
export function plantConsoleSession(snapshot: StorageSnapshot, session: PageSession | null): StorageWrites {
  const writes: StorageWrites = { local: {}, session: {} };
  const rawEnvironments = snapshot.local[CONSOLE_KEYS.environments] ?? null;
  const parsed = parseEnvironments(rawEnvironments);
  const plantedId = snapshot.local[PLANTED_ENV_KEY] ?? null;

  if (session === null) {
    if (!parsed.readable || plantedId === null) return writes;
    const planted = parsed.value[plantedId];
    if (typeof planted !== 'object' || planted === null || (planted as { token?: unknown }).token === null) return writes;
    const environments = { ...parsed.value, [plantedId]: { ...planted, token: null } };
    writes.local[CONSOLE_KEYS.environments] = JSON.stringify(environments);
    return writes;
  }

  let environments: Environments;
  if (parsed.readable) {
    environments = { ...parsed.value };
  } else {
    environments = {};
    // Keep what could not be read, once, so that the user can still recover it by hand.
    if (snapshot.local[UNREADABLE_BACKUP_KEY] == null) writes.local[UNREADABLE_BACKUP_KEY] = rawEnvironments;
  }

  const envId = envIdFor(session.server);
  if (plantedId !== null && plantedId !== envId) delete environments[plantedId];
  const previous = environments[envId] as { hideAdminWarning?: unknown } | undefined;
  const entry: ConsoleEnvironment = {
    name: envId,
    color: consoleColorFor(session.server.color),
    host: session.server.host,
    port: Number(session.server.port),
    ssl: Boolean(session.server.ssl),
    backendMajorVersion: 2,
    hideAdminWarning: typeof previous?.hideAdminWarning === 'boolean' ? previous.hideAdminWarning : isLoopback(session.server.host),
    token: session.jwt,
  };
  environments[envId] = entry;

  writes.local[CONSOLE_KEYS.environments] = JSON.stringify(environments);
  writes.local[CONSOLE_KEYS.lastEnv] = envId;
  writes.local[CONSOLE_KEYS.lastConnectedEnv] = envId;
  writes.local[PLANTED_ENV_KEY] = envId;
  writes.session[CONSOLE_KEYS.currentEnv] = envId;
  return writes;
}

/** What the console would start with: the selected environment and its token. */
export interface ConsoleStart {
  envId: string | null;
  token: string | null;
}

export function readConsoleToken(snapshot: StorageSnapshot): ConsoleStart {
  const envId = snapshot.session[CONSOLE_KEYS.currentEnv] || snapshot.local[CONSOLE_KEYS.lastEnv] || null;
  if (envId === null) return { envId: null, token: null };
  const parsed = parseEnvironments(snapshot.local[CONSOLE_KEYS.environments]);
  const entry = parsed.readable ? parsed.value[envId] : undefined;
  const token = typeof entry === 'object' && entry !== null ? (entry as { token?: unknown }).token : null;
  return { envId, token: typeof token === 'string' ? token : null };
}

export function applyWrites(snapshot: StorageSnapshot, writes: StorageWrites): StorageSnapshot {
  return {
    local: { ...snapshot.local, ...writes.local },
    session: { ...snapshot.session, ...writes.session },
  };
}

export function hasWrites(writes: StorageWrites): boolean {
  return Object.keys(writes.local).length > 0 || Object.keys(writes.session).length > 0;
}

/**
 * True when the page started with something else than what it should run with after `writes`:
 * then only a reload makes the console pick it up (it reads its storage at start-up only).
 */
export function isStale(startedWith: StorageSnapshot, writes: StorageWrites): boolean {
  const before = readConsoleToken(startedWith);
  const after = readConsoleToken(applyWrites(startedWith, writes));
  return before.envId !== after.envId || before.token !== after.token;
}

/**
 * A short fingerprint of what a reload is for (environment and token), kept in sessionStorage so that
 * a page reloads at most once for the same token, even when the console keeps rejecting it.
 */
export function reloadFingerprint(start: ConsoleStart): string {
  let hash = 0x811c9dc5;
  const text = `${start.envId ?? ''}\n${start.token ?? 'signed-out'}`;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(36);
}
