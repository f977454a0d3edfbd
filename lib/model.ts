/**
 * The domain: servers, accounts and their sessions, as the worker keeps them and as the
 * extension's pages see them. Views never carry a JWT: only the worker and a bound page's
 * content script (for its own origin) ever hold one.
 */

export const SERVER_COLORS = ['blue', 'teal', 'green', 'orange', 'red', 'purple', 'magenta', 'grey'] as const;
export type ServerColor = (typeof SERVER_COLORS)[number];

export interface ServerRecord {
  id: string;
  /** Normalised base URL: scheme, host, port and optional path, no trailing slash. */
  url: string;
  name: string;
  color: ServerColor;
  /** Page origins (`scheme://host[:port]`) whose pages get this server's active token. */
  boundOrigins: string[];
  /** The account whose token bound pages receive; one per server. */
  activeAccountId: string | null;
  createdAt: number;
}

export interface AccountRecord {
  id: string;
  serverId: string;
  /** Kuzzle's user id (`_id` of the login result), not the username. */
  kuid: string;
  strategy: string;
  /** What the user typed (the username for `local`), or the kuid. */
  displayName: string;
  createdAt: number;
  lastUsedAt: number;
}

/**
 * - `active`: a token that the server accepted and that is kept fresh.
 * - `expired`: could no longer be refreshed (expired, or refused); kept and shown until the user acts.
 * - `revoked`: the server said the token is invalid before its time (logout elsewhere, restart).
 */
export type SessionState = 'active' | 'expired' | 'revoked';

export interface SessionRecord {
  accountId: string;
  jwt: string;
  /** Epoch ms, or -1 for a token that never expires. */
  expiresAt: number;
  ttl: number;
  state: SessionState;
  /** The `expiresIn` the user asked for, reused on refresh; undefined means the server's default. */
  expiresIn?: string | number;
  updatedAt: number;
  /** The last refresh or check failure, for display. */
  lastError?: string;
  /**
   * Set (durably) just before `auth:refreshToken` is sent and cleared with the new token: found set
   * at worker start, it means a refresh was cut off and the server may have retired this token.
   */
  refreshStartedAt?: number;
}

/**
 * A Kuzzle API key made for "Stay signed in": when the account's session can no longer be
 * refreshed, it gets the account a fresh session token (`auth:createToken`). It never leaves the
 * worker: bound pages only ever get session tokens.
 */
export interface ApiKeyRecord {
  accountId: string;
  /** The key's id on the server, for `auth:deleteApiKey`. */
  keyId: string;
  /** `kapikey-` + a JWT. */
  token: string;
  /** As the server keeps it, so that the person recognises it in the Admin Console. */
  description: string;
  /** Epoch ms, or -1 for a key that never expires. */
  expiresAt: number;
  createdAt: number;
}

/** The lifetimes offered beside "Stay signed in"; `max` is the longest the server allows. */
export const STAY_SIGNED_IN_LIFETIMES = ['1d', '7d', '30d', 'max'] as const;
export type StaySignedInLifetime = (typeof STAY_SIGNED_IN_LIFETIMES)[number];

/** A two-step login (OAuth and the like) that has started and waits for its token. */
export interface PendingLogin {
  serverId: string;
  strategy: string;
  /** Where the server sent the user (the redirect `Location`), when it said. */
  location?: string;
  /** The tab the extension opened for it, if any. */
  tabId?: number;
  expiresIn?: string | number;
  startedAt: number;
}

// ---- Views: what the popup and the options page receive ----

export interface SessionView {
  state: SessionState;
  expiresAt: number;
  ttl: number;
  lastError?: string;
}

export interface AccountView {
  id: string;
  serverId: string;
  kuid: string;
  strategy: string;
  displayName: string;
  active: boolean;
  session: SessionView | null;
  /** The account's "Stay signed in" key, without its token. */
  staySignedIn?: StaySignedInView;
}

export interface StaySignedInView {
  keyId: string;
  description: string;
  /** Until when the account stays signed in: the key's expiry (epoch ms), or -1 for no end. */
  until: number;
}

export interface PendingLoginView {
  strategy: string;
  location?: string;
  startedAt: number;
}

export interface ServerView {
  id: string;
  url: string;
  name: string;
  color: ServerColor;
  boundOrigins: string[];
  activeAccountId: string | null;
  accounts: AccountView[];
  pending: PendingLoginView | null;
}

export interface StateSnapshot {
  servers: ServerView[];
  /** Records that failed to decode: set aside, not deleted, and shown so that nothing is lost silently. */
  quarantined: number;
}

/** What a bound page receives: the active session of the server bound to its origin. */
export interface PageSession {
  kuid: string;
  jwt: string;
  expiresAt: number;
  server: {
    url: string;
    name: string;
    color: ServerColor;
    host: string;
    port: number;
    ssl: boolean;
  };
}
