// The protocol-independent part of the server: Kuzzle's funnel (token check, rights, controller
// lookup) and the controllers, answering one request at a time with Kuzzle's envelope.
import { randomBytes, randomUUID } from 'node:crypto';
import { apiKeyQuery } from './api-key-query';
import { kerror, KuzzleError } from './errors';
import { isAllowed, rightsOf, type RolesMode } from './rights';
import { buildPublicApi, type PublicApi } from './routes';
import { resolveTtl, type StoredToken, type TokenStore } from './tokens';
import type { DevUser, UserDirectory } from './users';

export interface KuzzleRequest {
  controller: unknown;
  action: unknown;
  /** Every argument that is not one of the special keys. Over HTTP, all are strings. */
  args: Record<string, unknown>;
  index?: string;
  collection?: string;
  body: unknown;
  jwt: string | null;
  volatile: Record<string, unknown> | null;
  requestId: string;
  protocol: 'http' | 'websocket';
  connectionId: string;
  /** `http://host:port` as the client reached this server; the base of the oauth-dev redirect. */
  baseUrl: string;
  /** The Cookie header (over WebSocket, the upgrade request's), for the `authToken` cookie. */
  cookie?: string;
  /** The Origin header (over WebSocket, the upgrade request's). */
  origin?: string;
}

export interface KuzzleResponse {
  status: number;
  error: KuzzleError | null;
  result: unknown;
  /** Headers the action set, lowercase, as the envelope shows them. */
  headers: Record<string, string>;
  /** A Set-Cookie value for the HTTP answer (Kuzzle strips it from the envelope's headers). */
  setCookie?: string;
}

export interface CoreConfig {
  nodeId: string;
  defaultExpiresIn: string | number;
  maxTTL: number;
  /** `security.apiKey.maxTTL`: API keys have their own maximum, auth tokens' does not apply to them. */
  apiKeyMaxTTL: number;
  gracePeriod: number;
  loginsPerSecond: number;
  roles: RolesMode;
  /** `http.accessControlAllowOrigin`: origins allowed to call, or "*" for any. */
  allowedOrigins: readonly string[];
  now: () => number;
  startedAt: number;
}

export const STRATEGIES = ['local', 'oauth-dev'] as const;
const OAUTH_CODE_TTL_MS = 60_000;

type Handler = (request: KuzzleRequest, context: CallContext) => unknown;

interface CallContext {
  token: StoredToken | null;
  user: DevUser | null;
}

const ANONYMOUS_KUID = '-1';

/** The fault switches the core itself honours (the HTTP-level ones live in the server). */
export interface CoreFaults {
  forbidRefresh: boolean;
  tooManyRequests: boolean;
  overloaded: boolean;
}

export class DevKuzzle {
  readonly config: CoreConfig;
  readonly users: UserDirectory;
  readonly tokens: TokenStore;
  readonly faults: CoreFaults = { forbidRefresh: false, tooManyRequests: false, overloaded: false };
  readonly publicApi: PublicApi;

  /** Kuzzle's tokenManager links: a connection follows one token, a token may have many connections. */
  readonly #tokenOfConnection = new Map<string, string>();
  readonly #connectionsOfToken = new Map<string, Set<string>>();
  readonly #loginsThisSecond = new Map<string, number>();
  readonly #oauthCodes = new Map<string, { kuid: string; expiresIn: unknown; createdAt: number }>();
  readonly #oauthStates = new Map<string, { expiresIn: unknown; createdAt: number }>();
  readonly #notifyTokenExpired: (connectionId: string) => void;
  readonly #controllers: Record<string, Record<string, Handler>>;
  readonly #loginWindow: NodeJS.Timeout;

  constructor(config: CoreConfig, users: UserDirectory, tokens: TokenStore, notifyTokenExpired: (connectionId: string) => void) {
    this.config = config;
    this.users = users;
    this.tokens = tokens;
    this.#notifyTokenExpired = notifyTokenExpired;
    this.#controllers = {
      auth: {
        checkRights: (r, c) => this.#checkRights(r, c),
        checkToken: (r) => this.#checkToken(r),
        createApiKey: (r, c) => this.#createApiKey(r, c),
        createToken: (r, c) => this.#createToken(r, c),
        deleteApiKey: (r, c) => this.#deleteApiKey(r, c),
        getCurrentUser: (_r, c) => this.#getCurrentUser(c),
        getMyRights: (_r, c) => ({ hits: rightsOf(this.config.roles, c.user?.profileIds ?? null, this.#extraDenials()) }),
        getStrategies: () => [...STRATEGIES],
        login: (r) => this.#login(r),
        logout: (r, c) => this.#logout(r, c),
        refreshToken: (r, c) => this.#refreshToken(r, c),
        searchApiKeys: (r, c) => this.#searchApiKeys(r, c),
      },
      server: {
        adminExists: () => ({ exists: true }),
        healthCheck: () => ({ services: { internalCache: 'green', memoryStorage: 'green', storageEngine: 'green' }, status: 'green' }),
        info: () => this.#serverInfo(),
        now: () => ({ now: this.config.now() }),
        publicApi: () => this.publicApi,
      },
      // What the Admin Console asks for on start-up and on its data pages: an empty Kuzzle.
      index: {
        exists: () => false,
        list: () => ({ indexes: [] }),
      },
      collection: {
        exists: () => false,
        list: () => ({ collections: [], type: 'all' }),
      },
      document: {
        count: (r) => this.#unknownIndex(r),
        search: (r) => this.#unknownIndex(r),
      },
      realtime: {
        list: () => ({}),
      },
      security: {
        getProfileMapping: () => ({ mapping: {} }),
        getRoleMapping: () => ({ mapping: {} }),
        getUserMapping: () => ({ mapping: { profileIds: { type: 'keyword' } } }),
        searchProfiles: () => this.#hits(['admin', 'default', 'anonymous'].map((id) => ({ _id: id, _source: { policies: [{ roleId: id }] } }))),
        searchRoles: () => this.#hits(['admin', 'default', 'anonymous'].map((id) => ({ _id: id, _source: { controllers: { '*': { actions: { '*': true } } } } }))),
        searchUsers: () => this.#hits(this.users.all().map((user) => ({ _id: user.kuid, _source: this.#sourceOf(user) }))),
      },
    };
    const actions: Record<string, string[]> = {};
    for (const [controller, handlers] of Object.entries(this.#controllers)) actions[controller] = Object.keys(handlers);
    this.publicApi = buildPublicApi(actions);
    this.#loginWindow = setInterval(() => this.#loginsThisSecond.clear(), 1000);
    this.#loginWindow.unref();
  }

  get allowsAnyOrigin(): boolean {
    return this.config.allowedOrigins.includes('*');
  }

  isOriginAllowed(origin: string): boolean {
    return this.allowsAnyOrigin || this.config.allowedOrigins.includes(origin);
  }

  dispose(): void {
    clearInterval(this.#loginWindow);
  }

  /** Kuzzle's funnel: arguments, token, link, rights, rate limit, controller, action. */
  async execute(request: KuzzleRequest): Promise<KuzzleResponse> {
    try {
      const result = await this.#run(request);
      if (result instanceof Redirect) {
        return {
          status: result.statusCode,
          error: null,
          result: { headers: { Location: result.location, 'Content-Length': '0' }, statusCode: result.statusCode },
          headers: { location: result.location, 'content-length': '0' },
        };
      }
      if (result instanceof CookieReply) return { status: 200, error: null, result: result.result, headers: {}, setCookie: result.setCookie };
      return { status: 200, error: null, result, headers: {} };
    } catch (error) {
      const kuzzleError = error instanceof KuzzleError ? error : kerror('security.token.verification_error', String(error));
      return { status: kuzzleError.status, error: kuzzleError, result: null, headers: {} };
    }
  }

  async #run(request: KuzzleRequest): Promise<unknown> {
    const { controller, action } = request;
    if (typeof controller !== 'string' || controller === '') throw kerror('api.assert.missing_argument', 'controller');
    if (typeof action !== 'string' || action === '') throw kerror('api.assert.missing_argument', 'action');
    if (request.origin && !this.isOriginAllowed(request.origin)) throw kerror('api.process.unauthorized_origin', request.origin);
    if (this.faults.overloaded) throw kerror('api.process.overloaded');

    const skipVerification = this.#applyCookieToken(request);
    const token = request.jwt === null || request.jwt === undefined || skipVerification ? null : this.tokens.verify(request.jwt);
    const user = token ? this.users.byKuid(token.kuid) ?? null : null;
    if (token && !user) throw kerror('security.token.invalid');
    if (token && request.protocol === 'websocket') this.#link(request.connectionId, token);
    const context: CallContext = { token, user };

    this.#assertAllowed(controller, action, user);
    if (this.faults.tooManyRequests && !(controller === 'auth' && action === 'logout' && user)) throw kerror('api.process.too_many_requests');
    if (controller === 'auth' && action === 'login' && request.protocol === 'websocket') this.#countLogin(request.connectionId);

    const handlers = this.#controllers[controller];
    if (!handlers) throw kerror('api.process.controller_not_found', controller);
    const handler = Object.hasOwn(handlers, action) ? handlers[action] : undefined;
    if (!handler) throw kerror('api.process.action_not_found', controller, action);
    return handler(request, context);
  }

  /**
   * funnel.js `_applyCookieAuthToken`: an `authToken` cookie (other than "null") becomes the
   * request's token, unless a token came another way too. With `cookieAuth`, login, checkToken
   * and logout run without verifying it. Returns whether verification is skipped.
   */
  #applyCookieToken(request: KuzzleRequest): boolean {
    const cookieToken = authTokenCookie(request.cookie);
    if (cookieToken === undefined || cookieToken === 'null') return false;
    if (request.jwt) throw kerror('security.token.verification_error', 'Both token and cookie are present, could not decide which one to use');
    request.jwt = cookieToken;
    return request.controller === 'auth' && COOKIE_SKIP_VERIFICATION.has(String(request.action)) && this.#flag(request, 'cookieAuth');
  }

  #assertAllowed(controller: string, action: string, user: DevUser | null): void {
    if (isAllowed(this.config.roles, user?.profileIds ?? null, controller, action, this.#extraDenials())) return;
    // The funnel passes the kuid as a third prop, which the "unauthorized" message does not use: hence " -1".
    if (!user) throw kerror('security.rights.unauthorized', controller, action, ANONYMOUS_KUID);
    throw kerror('security.rights.forbidden', controller, action, user.kuid);
  }

  #extraDenials(): string[] {
    return this.faults.forbidRefresh ? ['auth:refreshToken'] : [];
  }

  #countLogin(connectionId: string): void {
    const count = (this.#loginsThisSecond.get(connectionId) ?? 0) + 1;
    this.#loginsThisSecond.set(connectionId, count);
    if (this.config.loginsPerSecond > 0 && count > this.config.loginsPerSecond) throw kerror('api.process.too_many_logins_requests');
  }

  // ── token ↔ connection links and notifications ────────────────────────────────────────────

  #link(connectionId: string, token: StoredToken): void {
    const previous = this.#tokenOfConnection.get(connectionId);
    if (previous === token.jwt) return;
    if (previous) this.unlink(connectionId);
    this.#tokenOfConnection.set(connectionId, token.jwt);
    let connections = this.#connectionsOfToken.get(token.jwt);
    if (!connections) this.#connectionsOfToken.set(token.jwt, (connections = new Set()));
    connections.add(connectionId);
  }

  unlink(connectionId: string): void {
    const jwt = this.#tokenOfConnection.get(connectionId);
    if (!jwt) return;
    this.#tokenOfConnection.delete(connectionId);
    const connections = this.#connectionsOfToken.get(jwt);
    connections?.delete(connectionId);
    if (connections?.size === 0) this.#connectionsOfToken.delete(jwt);
  }

  #moveLinks(from: string, to: StoredToken): void {
    for (const connectionId of [...(this.#connectionsOfToken.get(from) ?? [])]) this.#link(connectionId, to);
  }

  /** Tells every connection linked to these tokens that they are gone, then forgets the links. */
  notifyExpired(tokens: readonly StoredToken[]): void {
    for (const token of tokens) {
      for (const connectionId of [...(this.#connectionsOfToken.get(token.jwt) ?? [])]) {
        this.unlink(connectionId);
        this.#notifyTokenExpired(connectionId);
      }
    }
  }

  /** Called on a timer: expired tokens leave the store and their sockets get `TokenExpired`. */
  sweep(): void {
    this.notifyExpired(this.tokens.sweepExpired());
    const now = this.config.now();
    for (const [code, entry] of this.#oauthCodes) if (now - entry.createdAt > OAUTH_CODE_TTL_MS) this.#oauthCodes.delete(code);
    for (const [state, entry] of this.#oauthStates) if (now - entry.createdAt > 10 * OAUTH_CODE_TTL_MS) this.#oauthStates.delete(state);
  }

  // ── auth controller ────────────────────────────────────────────────────────────────────────

  #ttl(expiresIn: unknown): number {
    // `if (request.input.args.expiresIn)`: 0, "" and absence all mean "the configured default".
    return resolveTtl(expiresIn ? expiresIn : this.config.defaultExpiresIn, this.config.maxTTL);
  }

  #login(request: KuzzleRequest): unknown {
    const { strategy } = request.args;
    if (strategy === undefined || strategy === null || strategy === '') throw kerror('api.assert.missing_argument', 'strategy');
    if (typeof strategy !== 'string') throw kerror('api.assert.invalid_type', 'strategy', 'string');
    let user: DevUser;
    let expiresIn = request.args.expiresIn;
    if (strategy === 'local') user = this.#localUser(request);
    else if (strategy === 'oauth-dev') {
      const code = request.args.code ?? bodyField(request.body, 'code');
      if (code === undefined || code === null || code === '') return this.#oauthRedirect(request);
      const grant = typeof code === 'string' ? this.#oauthCodes.get(code) : undefined;
      if (typeof code === 'string') this.#oauthCodes.delete(code);
      const granted = grant && this.config.now() - grant.createdAt <= OAUTH_CODE_TTL_MS ? this.users.byKuid(grant.kuid) : undefined;
      if (!grant || !granted) throw kerror('plugin.strategy.missing_user', 'Unable to log in using the strategy "oauth-dev"');
      user = granted;
      if (!expiresIn) expiresIn = grant.expiresIn;
    } else throw kerror('security.credentials.unknown_strategy', strategy);

    // A repeat login on a socket that already holds this user's infinite token or API key gets it back.
    const linked = request.protocol === 'websocket' ? this.#tokenOfConnection.get(request.connectionId) : undefined;
    if (linked) {
      try {
        const current = this.tokens.verify(linked);
        if (current.kuid === user.kuid && (current.type === 'apiKey' || current.ttl === -1)) return tokenResult(current);
      } catch {
        // A link to a dead token is simply replaced below.
      }
    }
    const token = this.tokens.createAuthToken(user.kuid, this.#ttl(expiresIn));
    if (request.protocol === 'websocket') this.#link(request.connectionId, token);
    return this.#sendToken(request, token);
  }

  /** authController `_sendToken`: with `cookieAuth` the token goes into an HttpOnly cookie instead of the result. */
  #sendToken(request: KuzzleRequest, token: StoredToken): unknown {
    const result = tokenResult(token);
    if (!this.#flag(request, 'cookieAuth')) return result;
    const { jwt, ...withoutJwt } = result;
    // Kuzzle passes `new Date(expiresAt)` as is, so an infinite token (-1) gets a 1970 expiry.
    return new CookieReply(withoutJwt, `authToken=${jwt}; Path=/; Expires=${new Date(token.expiresAt).toUTCString()}; HttpOnly; SameSite=Strict`);
  }

  #localUser(request: KuzzleRequest): DevUser {
    // passport-local looks in the body first, then in the query string.
    const username = bodyField(request.body, 'username') ?? request.args.username;
    const password = bodyField(request.body, 'password') ?? request.args.password;
    if (!username || !password) throw kerror('plugin.strategy.missing_user', 'Missing credentials');
    const user = this.users.authenticate(String(username), String(password));
    if (!user) throw kerror('plugin.strategy.missing_user', 'wrong username or password');
    return user;
  }

  #oauthRedirect(request: KuzzleRequest): Redirect {
    const state = randomBytes(12).toString('base64url');
    this.#oauthStates.set(state, { expiresIn: request.args.expiresIn, createdAt: this.config.now() });
    const redirectUri = typeof request.args.redirect_uri === 'string' && request.args.redirect_uri ? request.args.redirect_uri : `${request.baseUrl}/_login/oauth-dev`;
    const query = new URLSearchParams({ response_type: 'code', client_id: 'kuzzle-dev-server', redirect_uri: redirectUri, state });
    return new Redirect(`${request.baseUrl}/_dev/oauth/authorize?${query}`);
  }

  /** The authorize page's "Authorize" button: a one-time code for this user, bound to the state's expiresIn. */
  grantOAuthCode(kuid: string, state: string | null): string {
    if (!this.users.byKuid(kuid)) throw new Error(`Unknown account "${kuid}".`);
    const saved = state ? this.#oauthStates.get(state) : undefined;
    if (state) this.#oauthStates.delete(state);
    const code = randomBytes(18).toString('base64url');
    this.#oauthCodes.set(code, { kuid, expiresIn: saved?.expiresIn, createdAt: this.config.now() });
    return code;
  }

  #checkToken(request: KuzzleRequest): unknown {
    // In cookie mode the token to check is the request's own (the cookie, else header or query).
    const token = this.#flag(request, 'cookieAuth') ? request.jwt : bodyField(request.body, 'token');
    if (token === undefined || token === null || token === '') return { expiresAt: null, kuid: ANONYMOUS_KUID, valid: true };
    if (typeof token !== 'string') throw kerror('api.assert.invalid_type', 'body.token', 'string');
    try {
      const stored = this.tokens.verify(token);
      return { expiresAt: stored.expiresAt, kuid: stored.kuid, valid: true };
    } catch (error) {
      if (error instanceof KuzzleError && error.status === 401) return { state: error.message, valid: false };
      throw error;
    }
  }

  #refreshToken(request: KuzzleRequest, { token, user }: CallContext): unknown {
    if (!token || !user) throw kerror('security.rights.unauthorized', 'auth', 'refreshToken');
    if (token.refreshed) throw kerror('security.token.invalid');
    if (token.type === 'apiKey') throw kerror('security.token.refresh_forbidden', 'API Key');
    if (token.ttl === -1) throw kerror('security.token.refresh_forbidden', 'Token with infinite TTL');
    const strategy = request.args.strategy;
    if (strategy !== undefined && typeof strategy === 'string' && strategy !== '' && !(STRATEGIES as readonly string[]).includes(strategy)) {
      throw kerror('security.credentials.unknown_strategy', strategy);
    }
    const fresh = this.tokens.createAuthToken(user.kuid, this.#ttl(request.args.expiresIn));
    this.tokens.markRefreshed(token, this.config.gracePeriod);
    this.#moveLinks(token.jwt, fresh);
    return this.#sendToken(request, fresh);
  }

  /** authController `createToken`: a new token for the caller, never infinite; the caller's own token is untouched. */
  #createToken(request: KuzzleRequest, { user }: CallContext): unknown {
    if (!user) throw kerror('security.rights.unauthorized', 'auth', 'createToken');
    const singleUse = this.#flag(request, 'singleUse');
    // Kuzzle compares the argument as text, so -1 is refused whether it came as a number or a string.
    if (`${request.args.expiresIn}` === '-1') throw kerror('security.token.invalid_expiration', 'expiresIn', 'cannot be infinite');
    const token = this.tokens.createAuthToken(user.kuid, this.#ttl(request.args.expiresIn), { singleUse });
    return { expiresAt: token.expiresAt, singleUse: token.singleUse, token: token.jwt, ttl: token.ttl };
  }

  #logout(request: KuzzleRequest, context: CallContext): unknown {
    if (this.#flag(request, 'cookieAuth')) {
      // Cookie mode always succeeds and clears the cookie; the cookie's token is revoked if it is live.
      let cookieToken: StoredToken | null = null;
      try {
        cookieToken = request.jwt ? this.tokens.verify(request.jwt) : null;
      } catch {
        cookieToken = null;
      }
      const user = cookieToken ? this.users.byKuid(cookieToken.kuid) ?? null : null;
      if (cookieToken && user) this.#revoke(request, cookieToken, user);
      return new CookieReply({ acknowledged: true }, 'authToken=null; Path=/; HttpOnly; SameSite=Strict');
    }
    const { token, user } = context;
    if (!token || !user) throw kerror('security.rights.unauthorized', 'auth', 'logout');
    this.#revoke(request, token, user);
    return { acknowledged: true };
  }

  #revoke(request: KuzzleRequest, token: StoredToken, user: DevUser): void {
    const global = this.#flag(request, 'global');
    // The logging-out socket leaves first, so it is not told its own token expired.
    if (request.protocol === 'websocket') this.unlink(request.connectionId);
    if (global) this.notifyExpired(this.tokens.revokeAllOf(user.kuid));
    else if (token.type === 'authToken') {
      this.tokens.revoke(token.jwt);
      this.notifyExpired([token]);
    }
  }

  #getCurrentUser({ user }: CallContext): unknown {
    if (!user) return { _id: ANONYMOUS_KUID, _source: { profileIds: ['anonymous'], name: 'Anonymous' }, strategies: [] };
    return { _id: user.kuid, _source: this.#sourceOf(user), strategies: ['local'] };
  }

  #sourceOf(user: DevUser): Record<string, unknown> {
    return {
      profileIds: user.profileIds,
      ...user.content,
      _kuzzle_info: { author: ANONYMOUS_KUID, createdAt: user.createdAt, updatedAt: user.createdAt, updater: ANONYMOUS_KUID },
    };
  }

  #checkRights(request: KuzzleRequest, { user }: CallContext): unknown {
    const body = request.body;
    if (body === null || body === undefined) throw kerror('api.assert.body_required');
    const controller = bodyField(body, 'controller');
    const action = bodyField(body, 'action');
    if (typeof controller !== 'string') throw kerror('api.assert.missing_argument', 'body.controller');
    if (typeof action !== 'string') throw kerror('api.assert.missing_argument', 'body.action');
    try {
      this.#assertAllowed(controller, action, user);
      return { allowed: true };
    } catch {
      return { allowed: false };
    }
  }

  #createApiKey(request: KuzzleRequest, { user }: CallContext): unknown {
    if (!user) throw kerror('security.rights.unauthorized', 'auth', 'createApiKey');
    if (request.body === null || request.body === undefined) throw kerror('api.assert.body_required');
    const description = bodyField(request.body, 'description');
    if (description === undefined || description === null) throw kerror('api.assert.missing_argument', 'body.description');
    if (typeof description !== 'string') throw kerror('api.assert.invalid_type', 'body.description', 'string');
    const expiresIn = request.args.expiresIn ? request.args.expiresIn : -1;
    const ttl = resolveTtl(expiresIn, this.config.apiKeyMaxTTL);
    const requestedId = request.args._id;
    const id = typeof requestedId === 'string' && requestedId !== '' ? requestedId : randomUUID();
    if (this.tokens.hasApiKey(id)) this.tokens.deleteApiKey(user.kuid, id);
    const record = this.tokens.createApiKey(user.kuid, ttl, description, id);
    return {
      _id: record._id,
      _source: {
        description,
        expiresAt: record.token.expiresAt,
        fingerprint: record.fingerprint,
        token: record.token.jwt,
        ttl: record.token.ttl,
        userId: user.kuid,
      },
    };
  }

  #searchApiKeys(request: KuzzleRequest, { user }: CallContext): unknown {
    if (!user) throw kerror('security.rights.unauthorized', 'auth', 'searchApiKeys');
    const from = toNonNegativeInt(request.args.from, 0, 'from');
    const size = toNonNegativeInt(request.args.size, 10, 'size');
    const selected = apiKeyQuery(request.body, request.args.lang);
    const page = this.tokens
      .apiKeysOf(user.kuid)
      .map((record) => ({
        _id: record._id,
        _source: {
          description: record.description,
          expiresAt: record.token.expiresAt,
          fingerprint: record.fingerprint,
          ttl: record.token.ttl,
          userId: record.token.kuid,
        },
      }))
      .filter((hit) => selected({ _id: hit._id, ...hit._source }))
      .slice(from, from + size);
    // Kuzzle answers `total: apiKeys.length`, the length of this page, not the number of matches.
    return { hits: page, total: page.length };
  }

  #deleteApiKey(request: KuzzleRequest, { user }: CallContext): unknown {
    if (!user) throw kerror('security.rights.unauthorized', 'auth', 'deleteApiKey');
    const id = request.args._id;
    if (typeof id !== 'string' || id === '') throw kerror('api.assert.missing_argument', '_id');
    if (!this.tokens.deleteApiKey(user.kuid, id)) throw kerror('services.storage.not_found', id, '%kuzzle', 'api-keys');
    return { _id: id };
  }

  // ── the rest ───────────────────────────────────────────────────────────────────────────────

  #flag(request: KuzzleRequest, name: string): boolean {
    const value = request.args[name];
    if (request.protocol === 'http') return value !== undefined;
    if (value === undefined || value === null) return false;
    if (typeof value !== 'boolean') throw kerror('api.assert.invalid_type', name, 'boolean');
    return value;
  }

  #unknownIndex(request: KuzzleRequest): never {
    if (!request.index) throw kerror('api.assert.missing_argument', 'index');
    throw kerror('services.storage.unknown_index', request.index);
  }

  #hits(hits: unknown[]): { hits: unknown[]; total: number } {
    return { hits, total: hits.length };
  }

  #serverInfo(): unknown {
    const now = this.config.now();
    return {
      serverInfo: {
        kuzzle: {
          api: { routes: this.publicApi },
          application: { name: 'kuzzle-dev-server', version: '0.1.0' },
          memoryUsed: process.memoryUsage().rss,
          nodeVersion: process.version,
          plugins: {},
          system: { cpus: [], memory: {} },
          uptime: `${Math.floor((now - this.config.startedAt) / 1000)}s`,
          version: '2.56.0',
        },
        services: {
          internalCache: { type: 'memory' },
          internalStorage: { type: 'memory' },
          memoryStorage: { type: 'memory' },
          publicStorage: { type: 'memory' },
        },
      },
    };
  }
}

const COOKIE_SKIP_VERIFICATION = new Set(['checkToken', 'login', 'logout']);

function authTokenCookie(header: string | undefined): string | undefined {
  if (!header) return undefined;
  for (const pair of header.split(';')) {
    const index = pair.indexOf('=');
    if (index === -1 || pair.slice(0, index).trim() !== 'authToken') continue;
    const value = pair.slice(index + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

class CookieReply {
  constructor(
    readonly result: unknown,
    readonly setCookie: string,
  ) {}
}

class Redirect {
  readonly statusCode = 302;
  constructor(readonly location: string) {}
}

function tokenResult(token: StoredToken): { _id: string; expiresAt: number; jwt: string; ttl: number } {
  return { _id: token.kuid, expiresAt: token.expiresAt, jwt: token.jwt, ttl: token.ttl };
}

function bodyField(body: unknown, key: string): unknown {
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Record<string, unknown>)[key] : undefined;
}

function toNonNegativeInt(value: unknown, fallback: number, name: string): number {
  if (value === undefined || value === null || value === '') return fallback;
  const number = typeof value === 'number' ? value : Number(value);
  if (!Number.isInteger(number) || number < 0) throw kerror('api.assert.invalid_type', name, 'integer');
  return number;
}
