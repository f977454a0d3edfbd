/**
 * The extension's Kuzzle client: Kuzzle's auth API over plain `fetch` (as described in
 * docs/kuzzle.md, whose sections the § below name), so that it runs in an MV3 service worker where the Kuzzle SDK
 * cannot (no XMLHttpRequest, no Buffer). Every failure comes out as one of the typed errors of
 * `./errors`, never as a bare TypeError or a JSON parse error.
 */
import { parseExpiresIn } from '../expires-in';
import { InvalidInputError, KuzzleError, NotKuzzleServerError, RedirectRefusedError, ServerUnreachableError, TimeoutError } from './errors';
import type {
  ApiKey,
  ApiKeyInfo,
  AuthToken,
  CheckTokenResult,
  CreatedToken,
  CurrentUser,
  ExpiresIn,
  KuzzleClient,
  KuzzleClientOptions,
  LoginOutcome,
  Right,
  ServerInfo,
} from './types';

export const DEFAULT_TIMEOUT_MS = 10_000;
export const MAX_STRATEGY_LENGTH = 100;

/** Query arguments: a string is `key=value`; `true` is a bare flag (`?global`), since Kuzzle reads any presence as true. */
type Query = Record<string, string | true | undefined>;

interface Call {
  method: 'GET' | 'POST' | 'DELETE';
  path: string;
  query?: Query;
  body?: unknown;
  /** Sent as `Authorization: Bearer`; never on login or checkToken, where a bad token fails the whole call. */
  token?: string;
  /** `controller:action`, to name what went wrong. */
  action: string;
}

interface Reply {
  httpStatus: number;
  status: number;
  result: unknown;
  /** The headers the action set (lowercase names), from the envelope. */
  headers: Record<string, unknown>;
}

/** What a redirect looked like when `redirect: 'manual'` let us see it. */
interface Redirected {
  redirected: true;
  status: number;
  location?: string;
}

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isEnvelope(value: JsonObject): boolean {
  return typeof value.status === 'number' && 'error' in value && 'result' in value;
}

/** The pre-routing errors of §2.2: `{code, id, message, props, status}` with no envelope around them. */
function isBareError(value: JsonObject): boolean {
  return typeof value.id === 'string' && typeof value.message === 'string' && (typeof value.status === 'number' || typeof value.code === 'number') && !('result' in value);
}

function toKuzzleError(error: unknown, fallbackStatus: number): KuzzleError {
  if (!isObject(error)) return new KuzzleError(String(error), 'unknown', 0, fallbackStatus);
  return new KuzzleError(
    typeof error.message === 'string' ? error.message : 'Kuzzle reported an error without a message.',
    typeof error.id === 'string' ? error.id : 'unknown',
    typeof error.code === 'number' ? error.code : 0,
    typeof error.status === 'number' ? error.status : fallbackStatus,
    Array.isArray(error.props) ? error.props : [],
  );
}

/** Refuses, before any request, a strategy name that could not be one path segment of `/_login/<strategy>`. */
export function validateStrategy(strategy: unknown): string {
  const accepted = `A strategy name is the name the server lists (such as "local"): 1 to ${MAX_STRATEGY_LENGTH} characters, without spaces, "/", "?", "#" or "..", and not ".".`;
  if (typeof strategy !== 'string' || strategy === '') throw new InvalidInputError(`Choose a sign-in strategy. ${accepted}`, 'strategy');
  if (strategy.length > MAX_STRATEGY_LENGTH) throw new InvalidInputError(`The strategy name is too long. ${accepted}`, 'strategy');
  // A lone "." is a dot segment: the URL parser would drop it and post the credentials to /_login/.
  if (/[\s\u0000-\u001f\u007f/?#]/.test(strategy) || strategy.includes('..') || strategy === '.') {
    throw new InvalidInputError(`The strategy name "${strategy}" contains characters a strategy cannot have. ${accepted}`, 'strategy');
  }
  return strategy;
}

/** A token goes into a header; one with spaces or control characters would make fetch throw before sending. */
function validateToken(token: unknown): string {
  if (typeof token !== 'string' || token === '' || /[\s\u0000-\u001f\u007f-\uffff]/.test(token)) {
    throw new InvalidInputError('The token is empty or malformed. Log in again, or paste the whole token (it starts with "kauth-").', 'token');
  }
  return token;
}

function expiresInQuery(expiresIn: ExpiresIn | undefined): string | undefined {
  const parsed = parseExpiresIn(expiresIn);
  if (!parsed.ok) throw new InvalidInputError(parsed.message, 'expiresIn');
  return parsed.value === undefined ? undefined : String(parsed.value);
}

function buildQuery(query: Query | undefined): string {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    parts.push(value === true ? encodeURIComponent(key) : `${encodeURIComponent(key)}=${encodeURIComponent(value)}`);
  }
  return parts.length > 0 ? `?${parts.join('&')}` : '';
}

function describeNonJson(response: Response, text: string): string {
  const contentType = response.headers.get('content-type') ?? '';
  const what =
    text.trim() === ''
      ? 'an empty reply'
      : /html/i.test(contentType) || /^\s*</.test(text)
        ? 'an HTML page'
        : 'a reply that is not JSON';
  const proxyHint = response.status >= 500 ? ', perhaps from a proxy whose server behind it is down' : '';
  return `${what} with HTTP status ${response.status}${proxyHint}`;
}

export function createKuzzleClient(options: KuzzleClientOptions): KuzzleClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  // Called detached: in a browser, `someObject.fetch(…)` throws "Illegal invocation" when fetch is the global one.
  const doFetch = options.fetch;
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  async function send(call: Call): Promise<Reply | Redirected> {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (call.body !== undefined) {
      // Without it, fetch labels a string body text/plain and Kuzzle answers 400 unsupported_content.
      headers['Content-Type'] = 'application/json';
      try {
        body = JSON.stringify(call.body);
      } catch (cause) {
        throw new InvalidInputError(`The data for ${call.action} cannot be sent as JSON (${(cause as Error).message}).`, 'body');
      }
    }
    if (call.token !== undefined) headers.Authorization = `Bearer ${call.token}`;

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);

    try {
      let response: Response;
      let text: string;
      try {
        response = await doFetch(`${baseUrl}${call.path}${buildQuery(call.query)}`, {
          method: call.method,
          headers,
          body,
          signal: controller.signal,
          // Never followed: following would keep another host's answer as this server's (the
          // Authorization header is dropped across origins, the answer is not). A redirect is seen
          // here; `call` refuses it, and only login reads it, as a two-step strategy's answer.
          redirect: 'manual',
          // An `authToken` cookie for the host next to a Bearer token makes Kuzzle fail with 500 (docs/kuzzle.md §2.4).
          credentials: 'omit',
          cache: 'no-store',
        });
        if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
          return {
            redirected: true,
            // The browser hides the status of an opaque redirect (it says 0); Kuzzle's two-step answer is a 302.
            status: response.status === 0 ? 302 : response.status,
            location: response.headers.get('location') ?? undefined,
          };
        }
        text = await response.text();
      } catch (cause) {
        if (timedOut) throw new TimeoutError(baseUrl, timeoutMs);
        throw new ServerUnreachableError(baseUrl, { cause });
      }
      return readReply(response, text, call);
    } finally {
      clearTimeout(timer);
    }
  }

  function readReply(response: Response, text: string, call: Call): Reply {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new NotKuzzleServerError(baseUrl, response.status, describeNonJson(response, text));
    }
    if (isObject(parsed) && isEnvelope(parsed)) {
      const status = parsed.status as number;
      if (parsed.error !== null && parsed.error !== undefined) throw toKuzzleError(parsed.error, status || response.status);
      return { httpStatus: response.status, status, result: parsed.result, headers: isObject(parsed.headers) ? parsed.headers : {} };
    }
    if (isObject(parsed) && isBareError(parsed)) throw toKuzzleError(parsed, response.status);
    throw new NotKuzzleServerError(baseUrl, response.status, `JSON that is not a Kuzzle reply to ${call.action}, with HTTP status ${response.status}`);
  }

  async function call(details: Call): Promise<Reply> {
    const reply = await send(details);
    if ('redirected' in reply) throw new RedirectRefusedError(baseUrl, details.action, reply.location);
    return reply;
  }

  function unexpected(reply: Reply, action: string): NotKuzzleServerError {
    return new NotKuzzleServerError(baseUrl, reply.httpStatus, `an unexpected result for ${action}`);
  }

  function readAuthToken(reply: Reply, action: string): AuthToken {
    const result = reply.result;
    if (
      isObject(result) &&
      typeof result._id === 'string' &&
      typeof result.jwt === 'string' &&
      typeof result.expiresAt === 'number' &&
      typeof result.ttl === 'number'
    ) {
      return { _id: result._id, jwt: result.jwt, expiresAt: result.expiresAt, ttl: result.ttl };
    }
    throw unexpected(reply, action);
  }

  function twoStepLocation(reply: Reply): string | undefined {
    const fromEnvelope = reply.headers.location;
    if (typeof fromEnvelope === 'string') return fromEnvelope;
    const resultHeaders = isObject(reply.result) && isObject(reply.result.headers) ? reply.result.headers : {};
    const fromResult = resultHeaders.Location ?? resultHeaders.location;
    return typeof fromResult === 'string' ? fromResult : undefined;
  }

  return {
    baseUrl,

    async login(strategy, credentials, expiresIn) {
      const action = 'auth:login';
      const query = { expiresIn: expiresInQuery(expiresIn) };
      const reply = await send({
        method: 'POST',
        path: `/_login/${encodeURIComponent(validateStrategy(strategy))}`,
        query,
        body: credentials,
        action,
      });
      if ('redirected' in reply) {
        return { kind: 'two-step', status: reply.status, ...(reply.location ? { location: reply.location } : {}), result: null };
      }
      const result = reply.result;
      if (isObject(result) && typeof result.jwt === 'string') return { kind: 'token', token: readAuthToken(reply, action) };
      // A strategy that sends the user elsewhere first (OAuth) answers without a token: not a failure.
      const location = twoStepLocation(reply);
      const outcome: LoginOutcome = { kind: 'two-step', status: reply.status, ...(location ? { location } : {}), result };
      return outcome;
    },

    async checkToken(token) {
      const action = 'auth:checkToken';
      // An empty token would be checked as the anonymous user's and come back "valid".
      if (typeof token !== 'string' || token.trim() === '') {
        throw new InvalidInputError('There is no token to check. Paste the whole token (it starts with "kauth-").', 'token');
      }
      const reply = await call({ method: 'POST', path: '/_checkToken', body: { token }, action });
      const result = reply.result;
      if (isObject(result) && result.valid === true && typeof result.kuid === 'string') {
        const expiresAt = typeof result.expiresAt === 'number' ? result.expiresAt : null;
        return { valid: true, kuid: result.kuid, expiresAt } satisfies CheckTokenResult;
      }
      if (isObject(result) && result.valid === false) {
        return { valid: false, state: typeof result.state === 'string' ? result.state : 'Invalid token.' } satisfies CheckTokenResult;
      }
      throw unexpected(reply, action);
    },

    async refreshToken(token, expiresIn) {
      const action = 'auth:refreshToken';
      const query = { expiresIn: expiresInQuery(expiresIn) };
      const reply = await call({ method: 'POST', path: '/_refreshToken', query, token: validateToken(token), action });
      return readAuthToken(reply, action);
    },

    async logout(token, logoutOptions) {
      await call({
        method: 'POST',
        path: '/_logout',
        query: { global: logoutOptions?.global ? true : undefined },
        token: validateToken(token),
        action: 'auth:logout',
      });
    },

    async getCurrentUser(token) {
      const action = 'auth:getCurrentUser';
      const reply = await call({ method: 'GET', path: '/_me', token: validateToken(token), action });
      const result = reply.result;
      if (isObject(result) && typeof result._id === 'string') {
        const strategies = Array.isArray(result.strategies) ? result.strategies.filter((name): name is string => typeof name === 'string') : [];
        const user: CurrentUser = { _id: result._id, _source: isObject(result._source) ? result._source : {}, strategies };
        return user;
      }
      throw unexpected(reply, action);
    },

    async getMyRights(token) {
      const action = 'auth:getMyRights';
      const reply = await call({ method: 'GET', path: '/_me/_rights', token: validateToken(token), action });
      const hits = isObject(reply.result) ? reply.result.hits : undefined;
      if (Array.isArray(hits) && hits.every(isObject)) return hits as unknown as Right[];
      throw unexpected(reply, action);
    },

    async getStrategies() {
      const action = 'auth:getStrategies';
      const reply = await call({ method: 'GET', path: '/strategies', action });
      if (Array.isArray(reply.result) && reply.result.every((name) => typeof name === 'string')) return reply.result as string[];
      throw unexpected(reply, action);
    },

    async serverInfo(token) {
      const action = 'server:info';
      const reply = await call({ method: 'GET', path: '/_serverInfo', token: token === undefined ? undefined : validateToken(token), action });
      if (!isObject(reply.result)) throw unexpected(reply, action);
      const serverInfo = reply.result.serverInfo;
      const kuzzle = isObject(serverInfo) && isObject(serverInfo.kuzzle) ? serverInfo.kuzzle : {};
      const info: ServerInfo = { raw: reply.result, ...(typeof kuzzle.version === 'string' ? { version: kuzzle.version } : {}) };
      return info;
    },

    async now(token) {
      const action = 'server:now';
      const reply = await call({ method: 'GET', path: '/_now', token: token === undefined ? undefined : validateToken(token), action });
      if (isObject(reply.result) && typeof reply.result.now === 'number') return reply.result.now;
      throw unexpected(reply, action);
    },

    async createApiKey(token, { description, expiresIn, id }) {
      const action = 'auth:createApiKey';
      if (typeof description !== 'string' || description.trim() === '') {
        throw new InvalidInputError('Give the API key a description, so that you can recognise it later.', 'description');
      }
      if (id !== undefined && (typeof id !== 'string' || id.trim() === '')) {
        throw new InvalidInputError('An API key id cannot be empty; leave it out to let the server choose one.', 'id');
      }
      const query = { expiresIn: expiresInQuery(expiresIn), _id: id, refresh: 'wait_for' };
      const reply = await call({ method: 'POST', path: '/api-keys/_create', query, body: { description }, token: validateToken(token), action });
      const result = reply.result;
      if (isObject(result) && typeof result._id === 'string' && isObject(result._source) && typeof result._source.token === 'string') {
        return result as unknown as ApiKey;
      }
      throw unexpected(reply, action);
    },

    async createToken(token, createOptions = {}) {
      const action = 'auth:createToken';
      const expiresIn = expiresInQuery(createOptions.expiresIn);
      // Kuzzle refuses it too (security.token.invalid_expiration); said here before any request.
      if (expiresIn === '-1') {
        throw new InvalidInputError('A created token cannot be one that never expires: give it a duration such as "1h".', 'expiresIn');
      }
      const query: Query = { expiresIn, singleUse: createOptions.singleUse ? true : undefined };
      const reply = await call({ method: 'POST', path: '/_createToken', query, token: validateToken(token), action });
      const result = reply.result;
      if (isObject(result) && typeof result.token === 'string' && typeof result.expiresAt === 'number' && typeof result.ttl === 'number') {
        const created: CreatedToken = { token: result.token, expiresAt: result.expiresAt, ttl: result.ttl, singleUse: result.singleUse === true };
        return created;
      }
      throw unexpected(reply, action);
    },

    async deleteApiKey(token, id) {
      if (typeof id !== 'string' || id === '') throw new InvalidInputError('Say which API key to delete: its id is empty.', 'id');
      await call({ method: 'DELETE', path: `/api-keys/${encodeURIComponent(id)}`, token: validateToken(token), action: 'auth:deleteApiKey' });
    },

    async searchApiKeys(token, query, { lang, from, size } = {}) {
      const action = 'auth:searchApiKeys';
      const reply = await call({
        method: 'POST',
        path: '/api-keys/_search',
        query: { lang, from: from === undefined ? undefined : String(from), size: size === undefined ? undefined : String(size) },
        body: query,
        token: validateToken(token),
        action,
      });
      const hits = isObject(reply.result) ? reply.result.hits : undefined;
      if (!Array.isArray(hits)) throw unexpected(reply, action);
      return hits.flatMap((hit): ApiKeyInfo[] => {
        const source = isObject(hit) ? hit._source : undefined;
        if (!isObject(hit) || typeof hit._id !== 'string' || !isObject(source) || typeof source.description !== 'string' || typeof source.expiresAt !== 'number') return [];
        return [{ _id: hit._id, description: source.description, expiresAt: source.expiresAt }];
      });
    },
  };
}
