/**
 * The shape of Kuzzle's auth API as the extension sees it (docs/kuzzle.md).
 * The client (`./client.ts`) implements `KuzzleClient`; everything else codes against this file.
 */

/** What `auth:login` and `auth:refreshToken` return when a token is issued. */
export interface AuthToken {
  /** The kuid: Kuzzle's user id, not the username. */
  _id: string;
  /** `kauth-` + a JWT. */
  jwt: string;
  /** Epoch ms, or -1 for a token that never expires. */
  expiresAt: number;
  /** Time to live in ms, or -1. */
  ttl: number;
}

/**
 * A login either issues a token, or (two-step strategies such as OAuth) answers with no token:
 * over HTTP a 302 whose `Location` is the provider's authorize page, or a 200 with no `jwt`.
 */
export type LoginOutcome =
  | { kind: 'token'; token: AuthToken }
  | { kind: 'two-step'; status: number; location?: string; result: unknown };

export type CheckTokenResult =
  | { valid: true; kuid: string; expiresAt: number | null }
  | { valid: false; state: string };

export interface CurrentUser {
  _id: string;
  _source: Record<string, unknown>;
  strategies: string[];
}

export interface Right {
  controller: string;
  action: string;
  index: string;
  collection: string;
  value: 'allowed' | 'denied' | 'conditional';
}

export interface ServerInfo {
  /** `serverInfo.kuzzle.version`, when the server says it. */
  version?: string;
  raw: unknown;
}

/** An API key as `auth:searchApiKeys` lists it: everything but its token. */
export interface ApiKeyInfo {
  _id: string;
  description: string;
  /** Epoch ms, or -1 for a key that never expires. */
  expiresAt: number;
}

export interface ApiKeySearch {
  /** The query language of the body: Elasticsearch's (the default) or Koncorde's. */
  lang?: 'elasticsearch' | 'koncorde';
  from?: number;
  size?: number;
}

export interface ApiKey {
  _id: string;
  _source: { userId: string; description: string; expiresAt: number; ttl: number; token: string };
}

/** What `auth:createToken` returns: a token for the signed-in user, apart from its session's own. */
export interface CreatedToken {
  /** `kauth-` + a JWT. */
  token: string;
  /** Epoch ms; never -1 (Kuzzle refuses to create a token that never expires). */
  expiresAt: number;
  ttl: number;
  /** Deleted by the server the first time it is verified. */
  singleUse: boolean;
}

export interface CreateTokenOptions {
  /** Not -1: Kuzzle refuses an infinite token here (an API key is what never expires). */
  expiresIn?: ExpiresIn;
  singleUse?: boolean;
}

export interface LogoutOptions {
  /** Revoke every token of the user, not only this one. */
  global?: boolean;
}

/** A string in `ms` format ("10h", "6d") or a number of milliseconds. -1 means "never expires". */
export type ExpiresIn = string | number;

export interface KuzzleClient {
  readonly baseUrl: string;
  login(strategy: string, credentials: Record<string, unknown>, expiresIn?: ExpiresIn): Promise<LoginOutcome>;
  checkToken(token: string): Promise<CheckTokenResult>;
  refreshToken(token: string, expiresIn?: ExpiresIn): Promise<AuthToken>;
  logout(token: string, options?: LogoutOptions): Promise<void>;
  getCurrentUser(token: string): Promise<CurrentUser>;
  getMyRights(token: string): Promise<Right[]>;
  getStrategies(): Promise<string[]>;
  serverInfo(token?: string): Promise<ServerInfo>;
  now(token?: string): Promise<number>;
  /** `auth:searchApiKeys`: the keys of the user `token` belongs to that `query` selects (all for `{}`). */
  searchApiKeys(token: string, query: Record<string, unknown>, options?: ApiKeySearch): Promise<ApiKeyInfo[]>;
  createApiKey(token: string, options: { description: string; expiresIn?: ExpiresIn; id?: string }): Promise<ApiKey>;
  deleteApiKey(token: string, id: string): Promise<void>;
  /** `auth:createToken` (Kuzzle 2.20+): a new token for the user `token` belongs to; `token` itself is untouched. */
  createToken(token: string, options?: CreateTokenOptions): Promise<CreatedToken>;
}

export interface KuzzleClientOptions {
  /** The server's root, e.g. `http://127.0.0.1:7512` (a path prefix is allowed, no trailing slash needed). */
  baseUrl: string;
  /** Injected so that a unit test can hand a fake; in the worker it is the global `fetch`. */
  fetch: typeof fetch;
  /** Per-request timeout; default 10 s. */
  timeoutMs?: number;
}
