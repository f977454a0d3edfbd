import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKuzzleClient } from './client';
import { InvalidInputError, KuzzleError, NotKuzzleServerError, ServerUnreachableError, TimeoutError } from './errors';
import * as fixtures from '../../test-support/kuzzle-answers';

const BASE = 'http://kuzzle:7512';

interface Sent {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  init: RequestInit;
}

type Answer = Response | (() => Response | Promise<Response>);

/** A fake fetch that records what the client sends and answers what the test gives, in order. */
function fakeFetch(...answers: Answer[]) {
  const sent: Sent[] = [];
  const fetch = vi.fn(async function (this: unknown, input: RequestInfo | URL, init: RequestInit = {}) {
    // The global fetch refuses to be called as a method of another object ("Illegal invocation").
    if (this !== undefined && this !== globalThis) throw new TypeError('Illegal invocation');
    sent.push({
      url: String(input),
      method: init.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init.headers).entries()),
      body: init.body === undefined || init.body === null ? undefined : String(init.body),
      init,
    });
    const answer = answers.shift();
    if (answer === undefined) throw new Error('the test gave no answer for this request');
    return typeof answer === 'function' ? answer() : answer;
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, sent, calls: fetch };
}

function kuzzleReply(body: string, status = 200, headers: Record<string, string> = fixtures.ROUTED_HEADERS): Response {
  return new Response(body, { status, headers });
}

function clientWith(...answers: Answer[]) {
  const fake = fakeFetch(...answers);
  return { client: createKuzzleClient({ baseUrl: BASE, fetch: fake.fetch }), ...fake };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

afterEach(() => {
  vi.useRealTimers();
});

describe('login', () => {
  it('POSTs the credentials as JSON to /_login/<strategy> with expiresIn in the query and no token', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.LOGIN_OK));
    const outcome = await client.login('local', { username: 'alice', password: 's3cret' }, '1h');
    expect(sent).toHaveLength(1);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url).toBe('http://kuzzle:7512/_login/local?expiresIn=1h');
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(sent[0]!.body!)).toEqual({ username: 'alice', password: 's3cret' });
    expect(sent[0]!.init.redirect).toBe('manual');
    expect(sent[0]!.init.credentials).toBe('omit');
    expect(sent[0]!.init.signal).toBeInstanceOf(AbortSignal);
    expect(outcome).toEqual({
      kind: 'token',
      token: { _id: 'alice', jwt: fixtures.ALICE_JWT, expiresAt: 1_700_003_600_000, ttl: 3_600_000 },
    });
  });

  it.each([
    [undefined, 'http://kuzzle:7512/_login/local'],
    ['', 'http://kuzzle:7512/_login/local'],
    [86_400_000, 'http://kuzzle:7512/_login/local?expiresIn=86400000'],
    [-1, 'http://kuzzle:7512/_login/local?expiresIn=-1'],
    [' 90 minutes ', 'http://kuzzle:7512/_login/local?expiresIn=90%20minutes'],
  ])('sends expiresIn %j as %s', async (expiresIn, url) => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.LOGIN_OK));
    await client.login('local', { username: 'alice', password: 's3cret' }, expiresIn);
    expect(sent[0]!.url).toBe(url);
  });

  it('encodes the strategy name in the path', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.LOGIN_OK));
    await client.login('öauth%2', {});
    expect(sent[0]!.url).toBe('http://kuzzle:7512/_login/%C3%B6auth%252');
  });

  it.each([
    ['', /Choose a sign-in strategy/],
    ['a/b', /contains characters/],
    ['a?b', /contains characters/],
    ['a#b', /contains characters/],
    ['..', /contains characters/],
    ['lo cal', /contains characters/],
    ['local\n', /contains characters/],
    ['x\u0000', /contains characters/],
    ['s'.repeat(101), /too long/],
  ])('refuses the strategy %j before sending, saying what is accepted', async (strategy, reason) => {
    const { client, calls } = clientWith();
    const error = await rejection(client.login(strategy, {}));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('strategy');
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain('such as "local"');
    expect(calls).not.toHaveBeenCalled();
  });

  it('refuses a bad expiresIn before sending', async () => {
    const { client, calls } = clientWith();
    const error = await rejection(client.login('local', {}, '0'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('expiresIn');
    expect((error as Error).message).toMatch(/Enter a duration such as/);
    expect(calls).not.toHaveBeenCalled();
  });

  it('refuses credentials that cannot be sent as JSON, before sending', async () => {
    const { client, calls } = clientWith();
    const error = await rejection(client.login('local', { pin: 1n }));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as Error).message).toMatch(/auth:login cannot be sent as JSON/);
    expect(calls).not.toHaveBeenCalled();
  });

  it('turns wrong credentials into a KuzzleError with Kuzzle\'s id, code, status, message and props', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.WRONG_CREDENTIALS, 401));
    const error = await rejection(client.login('local', { username: 'alice', password: 'nope' }));
    expect(error).toBeInstanceOf(KuzzleError);
    expect(error).toMatchObject({
      kind: 'kuzzle',
      id: 'plugin.strategy.missing_user',
      code: 67305492,
      status: 401,
      message: 'wrong username or password',
      props: ['wrong username or password'],
    });
  });

  it('reports a refused origin as a KuzzleError', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.UNAUTHORIZED_ORIGIN, 401));
    expect(await rejection(client.login('local', {}))).toMatchObject({ id: 'api.process.unauthorized_origin', status: 401 });
  });

  it('reports a 302 as a two-step login, with the Location it can read', async () => {
    const redirect = new Response(fixtures.LOGIN_TWO_STEP_302, {
      status: 302,
      headers: { ...fixtures.ROUTED_HEADERS, Location: 'https://provider.example/authorize?client_id=k' },
    });
    const { client } = clientWith(redirect);
    expect(await client.login('oauth', {})).toEqual({
      kind: 'two-step',
      status: 302,
      location: 'https://provider.example/authorize?client_id=k',
      result: null,
    });
  });

  it('reports an opaque redirect (what a browser gives with redirect: manual) as a two-step login', async () => {
    const opaque = { type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' } as unknown as Response;
    const { client } = clientWith(opaque);
    expect(await client.login('oauth', {})).toEqual({ kind: 'two-step', status: 302, result: null });
  });

  it('reports a 200 with no jwt as a two-step login, with the result', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.LOGIN_TWO_STEP_200));
    expect(await client.login('otp', {})).toEqual({
      kind: 'two-step',
      status: 200,
      result: { step: 'otp', message: 'enter the code sent to you' },
    });
  });

  it('reads the Location of a two-step envelope that arrives without an HTTP redirect', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.LOGIN_TWO_STEP_302, 200));
    expect(await client.login('oauth', {})).toMatchObject({
      kind: 'two-step',
      status: 302,
      location: 'https://provider.example/authorize?client_id=k',
    });
  });

  it('refuses a token result that lacks its expiry as not Kuzzle', async () => {
    const { client } = clientWith(kuzzleReply('{"status":200,"error":null,"result":{"_id":"alice","jwt":"kauth-x"}}'));
    expect(await rejection(client.login('local', {}))).toBeInstanceOf(NotKuzzleServerError);
  });
});

describe('checkToken', () => {
  it('POSTs {token} as JSON to /_checkToken without an Authorization header', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.CHECK_TOKEN_VALID));
    const result = await client.checkToken(fixtures.ALICE_JWT);
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url).toBe('http://kuzzle:7512/_checkToken');
    expect(sent[0]!.headers).toEqual({ 'content-type': 'application/json' });
    expect(JSON.parse(sent[0]!.body!)).toEqual({ token: fixtures.ALICE_JWT });
    expect(result).toEqual({ valid: true, kuid: 'alice', expiresAt: 1_700_003_600_000 });
  });

  it('gives valid: false with the state for an expired, revoked or garbage token', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.CHECK_TOKEN_INVALID));
    expect(await client.checkToken('kauth-garbage')).toEqual({ valid: false, state: 'Invalid token.' });
  });

  it('refuses an empty token, which Kuzzle would check as the anonymous user\'s and call valid', async () => {
    const { client, calls } = clientWith();
    expect(await rejection(client.checkToken('  '))).toBeInstanceOf(InvalidInputError);
    expect(calls).not.toHaveBeenCalled();
  });
});

describe('refreshToken', () => {
  it('POSTs to /_refreshToken with the token as Bearer, expiresIn in the query and no body', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.REFRESH_OK));
    const token = await client.refreshToken(fixtures.ALICE_JWT, '1h');
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url).toBe('http://kuzzle:7512/_refreshToken?expiresIn=1h');
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
    expect(sent[0]!.body).toBeUndefined();
    expect(sent[0]!.init.redirect).toBe('manual');
    expect(token).toEqual({ _id: 'alice', jwt: fixtures.ALICE_REFRESHED_JWT, expiresAt: 1_700_004_100_000, ttl: 3_600_000 });
  });

  it('passes Kuzzle\'s 403 on', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.FORBIDDEN_REFRESH, 403));
    expect(await rejection(client.refreshToken(fixtures.ALICE_JWT))).toMatchObject({
      id: 'security.rights.forbidden',
      code: 117637122,
      status: 403,
      props: ['auth', 'refreshToken', 'alice'],
    });
  });

  it('refuses a token that cannot go into a header', async () => {
    const { client, calls } = clientWith();
    const error = await rejection(client.refreshToken('kauth-a\nb'));
    expect(error).toBeInstanceOf(InvalidInputError);
    expect((error as InvalidInputError).field).toBe('token');
    expect(calls).not.toHaveBeenCalled();
  });
});

describe('logout', () => {
  it('POSTs to /_logout with the token', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.LOGOUT_OK));
    await expect(client.logout(fixtures.ALICE_JWT)).resolves.toBeUndefined();
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url).toBe('http://kuzzle:7512/_logout');
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
    expect(sent[0]!.body).toBeUndefined();
  });

  it('sends global as a bare flag, and never global=false', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.LOGOUT_OK), kuzzleReply(fixtures.LOGOUT_OK));
    await client.logout(fixtures.ALICE_JWT, { global: true });
    await client.logout(fixtures.ALICE_JWT, { global: false });
    expect(sent.map((request) => request.url)).toEqual(['http://kuzzle:7512/_logout?global', 'http://kuzzle:7512/_logout']);
  });
});

describe('the other actions', () => {
  it('getCurrentUser: GET /_me with the token', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.CURRENT_USER));
    const user = await client.getCurrentUser(fixtures.ALICE_JWT);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'http://kuzzle:7512/_me', body: undefined });
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
    expect(user._id).toBe('alice');
    expect(user.strategies).toEqual(['local']);
    expect(user._source.profileIds).toEqual(['default']);
  });

  it('getCurrentUser: an invalid token is a KuzzleError', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.TOKEN_INVALID, 401));
    expect(await rejection(client.getCurrentUser(fixtures.ALICE_JWT))).toMatchObject({ id: 'security.token.invalid', code: 117506049, status: 401 });
  });

  it('getMyRights: GET /_me/_rights, the hits', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.MY_RIGHTS));
    const rights = await client.getMyRights(fixtures.ALICE_JWT);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'http://kuzzle:7512/_me/_rights' });
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
    expect(rights).toHaveLength(2);
    expect(rights[1]).toEqual({ action: 'refreshToken', collection: '*', controller: 'auth', index: '*', value: 'denied' });
  });

  it('getStrategies: GET /strategies with no token', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.STRATEGIES));
    expect(await client.getStrategies()).toEqual(['local']);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'http://kuzzle:7512/strategies', headers: {}, body: undefined });
  });

  it('serverInfo: GET /_serverInfo, the version and the raw result; with a token when given one', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.SERVER_INFO), kuzzleReply(fixtures.SERVER_INFO));
    const info = await client.serverInfo();
    expect(info.version).toBe('2.56.0');
    expect(info.raw).toEqual(JSON.parse(fixtures.SERVER_INFO).result);
    await client.serverInfo(fixtures.ALICE_JWT);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'http://kuzzle:7512/_serverInfo', headers: {} });
    expect(sent[1]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
  });

  it('now: GET /_now, the epoch ms', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.NOW));
    expect(await client.now()).toBe(1_700_000_123_456);
    expect(sent[0]).toMatchObject({ method: 'GET', url: 'http://kuzzle:7512/_now', headers: {} });
  });

  it('createApiKey: POST /api-keys/_create with expiresIn, _id and refresh in the query, {description} as JSON', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.API_KEY_CREATED));
    const key = await client.createApiKey(fixtures.ALICE_JWT, { description: 'session manager', expiresIn: '30d', id: 'key-1' });
    expect(sent[0]!.method).toBe('POST');
    expect(sent[0]!.url).toBe('http://kuzzle:7512/api-keys/_create?expiresIn=30d&_id=key-1&refresh=wait_for');
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}`, 'content-type': 'application/json' });
    expect(JSON.parse(sent[0]!.body!)).toEqual({ description: 'session manager' });
    expect(key._id).toBe('key-1');
    expect(key._source.token).toMatch(/^kapikey-/);
  });

  it('createApiKey: leaves out what was not given', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.API_KEY_CREATED));
    await client.createApiKey(fixtures.ALICE_JWT, { description: 'x' });
    expect(sent[0]!.url).toBe('http://kuzzle:7512/api-keys/_create?refresh=wait_for');
  });

  it('createApiKey: refuses an empty description before sending', async () => {
    const { client, calls } = clientWith();
    expect(await rejection(client.createApiKey(fixtures.ALICE_JWT, { description: ' ' }))).toBeInstanceOf(InvalidInputError);
    expect(calls).not.toHaveBeenCalled();
  });

  it('createToken: POST /_createToken with expiresIn and the singleUse flag in the query, the session token as Bearer', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.TOKEN_CREATED), kuzzleReply(fixtures.TOKEN_CREATED));
    const created = await client.createToken(fixtures.ALICE_JWT, { expiresIn: '1h', singleUse: true });
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'http://kuzzle:7512/_createToken?expiresIn=1h&singleUse', body: undefined });
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
    expect(created).toEqual({ token: expect.stringMatching(/^kauth-/), expiresAt: 1_700_003_600_000, ttl: 3_600_000, singleUse: false });
    await client.createToken(fixtures.ALICE_JWT);
    expect(sent[1]!.url).toBe('http://kuzzle:7512/_createToken');
  });

  it('createToken: refuses an infinite token before sending, and passes on the server\'s own refusal', async () => {
    const { client, calls } = clientWith();
    for (const expiresIn of [-1, '-1']) {
      const error = await rejection(client.createToken(fixtures.ALICE_JWT, { expiresIn }));
      expect(error).toBeInstanceOf(InvalidInputError);
    }
    expect(calls).not.toHaveBeenCalled();
    const refused = clientWith(kuzzleReply(fixtures.TOKEN_INVALID_EXPIRATION, 400));
    const error = await rejection(refused.client.createToken(fixtures.ALICE_JWT, { expiresIn: '1h' }));
    expect(error).toBeInstanceOf(KuzzleError);
    expect((error as KuzzleError).id).toBe('security.token.invalid_expiration');
  });

  it('createToken: a result without a token is not Kuzzle\'s', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.NOW));
    expect(await rejection(client.createToken(fixtures.ALICE_JWT))).toBeInstanceOf(NotKuzzleServerError);
  });

  it('deleteApiKey: DELETE /api-keys/<id>, encoded', async () => {
    const { client, sent } = clientWith(kuzzleReply(fixtures.API_KEY_DELETED));
    await expect(client.deleteApiKey(fixtures.ALICE_JWT, 'key/1')).resolves.toBeUndefined();
    expect(sent[0]).toMatchObject({ method: 'DELETE', url: 'http://kuzzle:7512/api-keys/key%2F1', body: undefined });
    expect(sent[0]!.headers).toEqual({ authorization: `Bearer ${fixtures.ALICE_JWT}` });
  });

  it('searchApiKeys: POST /api-keys/_search with the query as the body, lang/from/size in the query; tokens never read', async () => {
    const answer = JSON.stringify({
      action: 'searchApiKeys', controller: 'auth', error: null, headers: {}, node: 'n', requestId: 'r', status: 200, volatile: null,
      result: {
        total: 2,
        hits: [
          { _id: 'k1', _source: { description: 'Kuzzle Session Manager', expiresAt: -1, fingerprint: 'f', ttl: -1, userId: 'alice' } },
          { _id: 'k2', _source: { expiresAt: 5 } },
        ],
      },
    });
    const { client, sent } = clientWith(kuzzleReply(answer));
    const keys = await client.searchApiKeys(fixtures.ALICE_JWT, { equals: { description: 'kuzzle' } }, { lang: 'koncorde', size: 50 });
    expect(sent[0]).toMatchObject({ method: 'POST', url: 'http://kuzzle:7512/api-keys/_search?lang=koncorde&size=50' });
    expect(JSON.parse(sent[0]!.body!)).toEqual({ equals: { description: 'kuzzle' } });
    // A hit without a description is not one the extension can show: it is left out, not guessed.
    expect(keys).toEqual([{ _id: 'k1', description: 'Kuzzle Session Manager', expiresAt: -1 }]);
  });

  it('keeps a path prefix of the base URL and drops its trailing slash', async () => {
    const fake = fakeFetch(kuzzleReply(fixtures.NOW));
    const client = createKuzzleClient({ baseUrl: 'https://example.com/kuzzle/', fetch: fake.fetch });
    expect(client.baseUrl).toBe('https://example.com/kuzzle');
    await client.now();
    expect(fake.sent[0]!.url).toBe('https://example.com/kuzzle/_now');
  });
});

describe('replies that are not what Kuzzle sends, and no reply at all', () => {
  it('a bare pre-routing error (no envelope) is a KuzzleError', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.BARE_BODY_PARSE_FAILED, 400, { 'Content-Type': 'application/json' }));
    const error = await rejection(client.login('local', {}));
    expect(error).toBeInstanceOf(KuzzleError);
    expect(error).toMatchObject({
      id: 'network.http.body_parse_failed',
      code: 50397196,
      status: 400,
      message: 'Unable to convert the HTTP body to JSON: {"username":"alice",',
      props: ['{"username":"alice",'],
    });
  });

  it('an HTML 502 from a proxy is NotKuzzleServerError that says so', async () => {
    const { client } = clientWith(new Response(fixtures.PROXY_502_HTML, { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const error = await rejection(client.getStrategies());
    expect(error).toBeInstanceOf(NotKuzzleServerError);
    expect(error).toMatchObject({ kind: 'not-kuzzle', httpStatus: 502, url: BASE });
    expect((error as Error).message).toMatch(/an HTML page with HTTP status 502, perhaps from a proxy/);
  });

  it('a 200 that is not JSON is NotKuzzleServerError', async () => {
    const { client } = clientWith(new Response('hello world', { status: 200, headers: { 'Content-Type': 'text/plain' } }));
    const error = await rejection(client.now());
    expect(error).toBeInstanceOf(NotKuzzleServerError);
    expect((error as Error).message).toMatch(/a reply that is not JSON with HTTP status 200/);
  });

  it('an empty reply is NotKuzzleServerError', async () => {
    const { client } = clientWith(new Response('', { status: 200 }));
    expect((await rejection(client.now()) as Error).message).toMatch(/an empty reply/);
  });

  it('JSON that is neither an envelope nor a bare error is NotKuzzleServerError', async () => {
    const { client } = clientWith(kuzzleReply('{"hello":"world"}'), kuzzleReply('[1,2]'));
    expect((await rejection(client.now()) as Error).message).toMatch(/JSON that is not a Kuzzle reply to server:now/);
    expect(await rejection(client.now())).toBeInstanceOf(NotKuzzleServerError);
  });

  it('an envelope whose result has the wrong shape is NotKuzzleServerError', async () => {
    const { client } = clientWith(kuzzleReply('{"status":200,"error":null,"result":{"now":"soon"}}'));
    expect((await rejection(client.now()) as Error).message).toMatch(/an unexpected result for server:now/);
  });

  it('a fetch that rejects (offline, refused, DNS, CORS) is ServerUnreachableError with the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const { client } = clientWith(() => {
      throw cause;
    });
    const error = await rejection(client.getStrategies());
    expect(error).toBeInstanceOf(ServerUnreachableError);
    expect(error).toMatchObject({ kind: 'unreachable', url: BASE });
    expect((error as Error).cause).toBe(cause);
  });

  it('calls fetch detached, as the browser\'s global fetch requires', async () => {
    const { client } = clientWith(kuzzleReply(fixtures.NOW));
    await expect(client.now()).resolves.toBe(1_700_000_123_456);
  });

  /** A fetch that never answers, but gives up like the real one when its signal aborts. */
  function hangingFetch() {
    let signal: AbortSignal | undefined;
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      new Promise<Response>((_resolve, reject) => {
        signal = init?.signal ?? undefined;
        signal?.addEventListener('abort', () => reject(new DOMException('The operation was aborted.', 'AbortError')));
      })) as typeof globalThis.fetch;
    return { fetch, signal: () => signal };
  }

  it('a server that never answers is a TimeoutError after the default 10 s, and the request is aborted', async () => {
    vi.useFakeTimers();
    const hanging = hangingFetch();
    const client = createKuzzleClient({ baseUrl: BASE, fetch: hanging.fetch });
    const outcome = rejection(client.getStrategies());
    await vi.advanceTimersByTimeAsync(9_999);
    expect(hanging.signal()?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error).toMatchObject({ kind: 'timeout', url: BASE, timeoutMs: 10_000 });
    expect(hanging.signal()?.aborted).toBe(true);
  });

  it('honours timeoutMs, and counts a body that never ends', async () => {
    vi.useFakeTimers();
    let signal: AbortSignal | undefined;
    const slowBody = ((_input: RequestInfo | URL, init?: RequestInit) => {
      signal = init?.signal ?? undefined;
      const text = () =>
        new Promise<string>((_resolve, reject) => signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))));
      return Promise.resolve({ type: 'basic', status: 200, headers: new Headers(), text } as unknown as Response);
    }) as typeof globalThis.fetch;
    const client = createKuzzleClient({ baseUrl: BASE, fetch: slowBody, timeoutMs: 2_000 });
    const outcome = rejection(client.now());
    await vi.advanceTimersByTimeAsync(2_000);
    const error = await outcome;
    expect(error).toBeInstanceOf(TimeoutError);
    expect((error as Error).message).toMatch(/did not answer within 2 s/);
  });

  it('an abort that is not the timeout is an unreachable server, not a timeout', async () => {
    const { client } = clientWith(() => {
      throw new DOMException('aborted', 'AbortError');
    });
    expect(await rejection(client.now())).toBeInstanceOf(ServerUnreachableError);
  });
});
