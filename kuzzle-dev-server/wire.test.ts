// The examples of docs/kuzzle.md §12 (the § below are its sections), reproduced over plain fetch: same JSON (key order included) once
// request ids, node, times and tokens are normalised; plus the headers, CORS and the bare errors.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { decodeJwtPart, external, fetchLogin, normalize, startTarget, type Target } from '../test-support/dev-server/fidelity';

let target: Target;
beforeAll(async () => {
  target = await startTarget();
});
afterAll(() => target.close());

const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';
const ROUTED_HEADERS = {
  connection: 'close',
  'accept-encoding': 'gzip,deflate,identity',
  'access-control-allow-headers':
    'Content-Type, Access-Control-Allow-Headers, Authorization, X-Requested-With, Content-Encoding, Content-Length, X-Kuzzle-Volatile',
  'access-control-allow-methods': 'GET,POST,PUT,PATCH,DELETE,OPTIONS,HEAD',
  'content-type': 'application/json',
  'access-control-allow-credentials': 'true',
};

interface Call {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
  text: string;
}

async function call(path: string, init: RequestInit = {}): Promise<Call> {
  const response = await fetch(`${target.url}${path}`, { ...init, headers: { 'Accept-Encoding': 'identity', ...init.headers } });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as Record<string, unknown>, text };
}

const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  call(path, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

const bearer = (jwt: string) => ({ Authorization: `Bearer ${jwt}` });

/** The example of docs/kuzzle.md §12, normalised the same way as what the server sent. */
function expectSameEnvelope(actual: unknown, referenceText: string): void {
  expect(JSON.stringify(normalize(actual))).toBe(JSON.stringify(normalize(JSON.parse(referenceText))));
}

describe('§12.1 login (local) over HTTP', () => {
  it('answers the reference envelope, headers and JWT', async () => {
    const res = await postJson('/_login/local?expiresIn=1h', { username: 'alice', password: 'alice-password' }, { Origin: ORIGIN, 'X-Kuzzle-Request-Id': 'req-12-1' });
    expect(res.status).toBe(200);
    expectSameEnvelope(
      res.body,
      '{"action":"login","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"0b9f5a4e-2c1d-4e8f-9a7b-6c5d4e3f2a1b","result":{"_id":"alice","expiresAt":1700003600000,"jwt":"kauth-x","ttl":3600000},"status":200,"volatile":null}',
    );
    expect(res.body.requestId).toBe('req-12-1');
    for (const [name, value] of Object.entries(ROUTED_HEADERS)) expect(res.headers.get(name), name).toBe(value);
    expect(res.headers.get('x-kuzzle-request-id')).toBe('req-12-1');
    expect(res.headers.get('x-kuzzle-node')).toBe(res.body.node);
    expect(res.headers.get('x-kuzzle-node')).toMatch(/^knode-[a-z]+-[a-z]+-\d+$/);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('vary')).toBe('Origin');
    expect(res.headers.get('content-encoding')).toBe('identity');
    expect(res.headers.get('access-control-expose-headers')).toBeNull();

    const result = res.body.result as { jwt: string; expiresAt: number; ttl: number };
    expect(result.jwt.startsWith('kauth-')).toBe(true);
    expect(decodeJwtPart(result.jwt, 0)).toEqual({ alg: 'HS256', typ: 'JWT' });
    const payload = decodeJwtPart(result.jwt, 1);
    expect(Object.keys(payload)).toEqual(['_id', 'iat', 'exp']);
    expect(payload._id).toBe('alice');
    // Exactly 3600 on Kuzzle; this server moves iat back when the same token was already issued.
    expect((payload.exp as number) - (payload.iat as number)).toBeGreaterThanOrEqual(3600);
    expect(Math.floor(result.expiresAt / 1000)).toBe(payload.exp);
  });

  it('makes a UUID request id when none is sent, and echoes it in the header', async () => {
    const res = await call('/_me');
    expect(res.body.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.headers.get('x-kuzzle-request-id')).toBe(res.body.requestId);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('compresses with gzip when the client accepts it', async () => {
    const response = await fetch(`${target.url}/_me`, { headers: { 'Accept-Encoding': 'deflate, gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect(((await response.json()) as { action: string }).action).toBe('getCurrentUser');
  });

  it('takes local credentials from the query string too, as passport-local does', async () => {
    const res = await call('/_login/local?username=bob&password=bob-password', { method: 'POST' });
    expect((res.body.result as { _id: string })._id).toBe('bob');
  });
});

describe('§12.2 checkToken', () => {
  it('says valid with kuid and expiresAt for a live token', async () => {
    const jwt = await fetchLogin(target, 'alice');
    const res = await postJson('/_checkToken', { token: jwt });
    expectSameEnvelope(
      res.body,
      '{"action":"checkToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"5d2c","result":{"expiresAt":1700003600000,"kuid":"alice","valid":true},"status":200,"volatile":null}',
    );
  });

  const INVALID =
    '{"action":"checkToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"5d2d","result":{"state":"Invalid token.","valid":false},"status":200,"volatile":null}';

  it('says invalid (HTTP 200) for garbage and for a token signed by another server', async () => {
    expectSameEnvelope((await postJson('/_checkToken', { token: 'garbage' })).body, INVALID);
    const forged =
      'kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.B33ATT-55MSnE4z_UijGWC8lw9FFtRBlYYirsB183ZY';
    expectSameEnvelope((await postJson('/_checkToken', { token: forged })).body, INVALID);
  });

  it('says invalid for a revoked token', async () => {
    const jwt = await fetchLogin(target, 'alice');
    await call('/_logout', { method: 'POST', headers: bearer(jwt) });
    expectSameEnvelope((await postJson('/_checkToken', { token: jwt })).body, INVALID);
  });

  it.skipIf(external)('says invalid for an expired token (2.56: "Invalid token.", not "Token expired")', async () => {
    const jwt = await fetchLogin(target, 'alice', '10s');
    target.advance(10_000);
    expectSameEnvelope((await postJson('/_checkToken', { token: jwt })).body, INVALID);
  });

  it('answers the anonymous token when there is no token to check', async () => {
    for (const body of [undefined, {}, { token: '' }, { token: null }]) {
      const res = body === undefined ? await call('/_checkToken', { method: 'POST' }) : await postJson('/_checkToken', body);
      expect(res.body.result).toEqual({ expiresAt: null, kuid: '-1', valid: true });
      expect(Object.keys(res.body.result as object)).toEqual(['expiresAt', 'kuid', 'valid']);
    }
  });

  it('refuses a token that is not a string', async () => {
    const res = await postJson('/_checkToken', { token: 42 });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 33619969,
      id: 'api.assert.invalid_type',
      message: 'Wrong type for argument "body.token" (expected: string)',
      props: ['body.token', 'string'],
      status: 400,
    });
  });

  it('verifies the Authorization header first, even on checkToken and login', async () => {
    const jwt = await fetchLogin(target, 'alice');
    for (const res of [
      await postJson('/_checkToken', { token: jwt }, bearer('garbage')),
      await postJson('/_login/local', { username: 'alice', password: 'alice-password' }, bearer('garbage')),
    ]) {
      expect(res.status).toBe(401);
      expect((res.body.error as { id: string }).id).toBe('security.token.invalid');
    }
  });
});

describe('§12.3 refreshToken', () => {
  it('gives a new token; the old one lasts the grace period, then is invalid', async () => {
    const old = await fetchLogin(target, 'alice');
    const res = await call('/_refreshToken?expiresIn=1h', { method: 'POST', headers: bearer(old) });
    expectSameEnvelope(
      res.body,
      '{"action":"refreshToken","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"7e11","result":{"_id":"alice","expiresAt":1700004100000,"jwt":"kauth-x","ttl":3600000},"status":200,"volatile":null}',
    );
    const fresh = (res.body.result as { jwt: string }).jwt;
    expect(fresh).not.toBe(old);
    expect((await call('/_me', { headers: bearer(old) })).status).toBe(200);
    // A second refresh of the same old token is refused at once.
    const again = await call('/_refreshToken', { method: 'POST', headers: bearer(old) });
    expect(again.status).toBe(401);
    expect((again.body.error as { id: string }).id).toBe('security.token.invalid');
    expect((await call('/_me', { headers: bearer(fresh) })).status).toBe(200);
  });

  it.skipIf(external)('rejects the old token once the grace period is over', async () => {
    const old = await fetchLogin(target, 'alice');
    await call('/_refreshToken', { method: 'POST', headers: bearer(old) });
    target.advance(1001);
    const res = await call('/_me', { headers: bearer(old) });
    expect(res.status).toBe(401);
    expect((res.body.error as { id: string }).id).toBe('security.token.invalid');
  });

  it('refuses the anonymous caller without the funnel\'s " -1"', async () => {
    const res = await call('/_refreshToken', { method: 'POST' });
    expect(res.body.error).toEqual({
      code: 117637121,
      id: 'security.rights.unauthorized',
      message: 'Unauthorized: authentication required to execute the action "auth:refreshToken".',
      props: ['auth', 'refreshToken'],
      status: 401,
    });
  });

  it('refuses an infinite token', async () => {
    const jwt = await fetchLogin(target, 'alice', '-1');
    const res = await call('/_refreshToken', { method: 'POST', headers: bearer(jwt) });
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({ id: 'security.token.refresh_forbidden', message: 'Token with infinite TTL cannot be refreshed.' });
  });
});

describe('§12.4 logout and §12.8 a revoked token', () => {
  it('acknowledges, then every call with that token is 401 security.token.invalid', async () => {
    const jwt = await fetchLogin(target, 'alice');
    const res = await call('/_logout', { method: 'POST', headers: bearer(jwt) });
    expectSameEnvelope(
      res.body,
      '{"action":"logout","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"8a01","result":{"acknowledged":true},"status":200,"volatile":null}',
    );
    const after = await call('/_me', { headers: bearer(jwt) });
    expect(after.status).toBe(401);
    expectSameEnvelope(
      after.body,
      '{"action":"getCurrentUser","controller":"auth","error":{"code":117506049,"id":"security.token.invalid","message":"Invalid token.","props":[],"status":401},"headers":{},"node":"knode-nasty-author-4242","requestId":"c3e5","result":null,"status":401,"volatile":null}',
    );
    expect((await call('/_logout', { method: 'POST', headers: bearer(jwt) })).status).toBe(401);
  });

  it('with ?global (a flag: even =false means true) revokes every token of the user', async () => {
    const first = await fetchLogin(target, 'bob');
    const second = await fetchLogin(target, 'bob');
    const alices = await fetchLogin(target, 'alice');
    expect((await call('/_logout?global=false', { method: 'POST', headers: bearer(first) })).status).toBe(200);
    expect((await call('/_me', { headers: bearer(second) })).status).toBe(401);
    expect((await call('/_me', { headers: bearer(alices) })).status).toBe(200);
  });

  it('refuses the anonymous caller', async () => {
    const res = await call('/_logout', { method: 'POST' });
    expect(res.status).toBe(401);
    expect((res.body.error as { id: string }).id).toBe('security.rights.unauthorized');
  });
});

describe('§12.5 getCurrentUser', () => {
  it('describes the user', async () => {
    const jwt = await fetchLogin(target, 'alice');
    expectSameEnvelope(
      (await call('/_me', { headers: bearer(jwt) })).body,
      '{"action":"getCurrentUser","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"9b02","result":{"_id":"alice","_source":{"profileIds":["default"],"_kuzzle_info":{"author":"-1","createdAt":1699990000000,"updatedAt":1699990000000,"updater":"-1"}},"strategies":["local"]},"status":200,"volatile":null}',
    );
  });

  it('describes the anonymous user, also on the deprecated /users/_me route', async () => {
    for (const path of ['/_me', '/users/_me']) {
      expect((await call(path)).body.result).toEqual({ _id: '-1', _source: { profileIds: ['anonymous'], name: 'Anonymous' }, strategies: [] });
    }
  });
});

describe('§12.6 getStrategies', () => {
  it('lists local and the two-step oauth-dev (the example server had local only)', async () => {
    const res = await call('/strategies');
    expectSameEnvelope(
      res.body,
      '{"action":"getStrategies","controller":"auth","error":null,"headers":{},"node":"knode-nasty-author-4242","requestId":"a1c3","result":["local","oauth-dev"],"status":200,"volatile":null}',
    );
  });
});

describe('§12.7 wrong credentials and other login errors', () => {
  it('answers 401 plugin.strategy.missing_user for a wrong password and an unknown user alike', async () => {
    for (const credentials of [
      { username: 'alice', password: 'nope' },
      { username: 'nobody', password: 'alice-password' },
    ]) {
      const res = await postJson('/_login/local', credentials);
      expect(res.status).toBe(401);
      expectSameEnvelope(
        res.body,
        '{"action":"login","controller":"auth","error":{"code":67305492,"id":"plugin.strategy.missing_user","message":"wrong username or password","props":["wrong username or password"],"status":401},"headers":{},"node":"knode-nasty-author-4242","requestId":"b2d4","result":null,"status":401,"volatile":null}',
      );
    }
  });

  it('says "Missing credentials" when a field is missing', async () => {
    const res = await postJson('/_login/local', { username: 'alice' });
    expect(res.body.error).toMatchObject({ id: 'plugin.strategy.missing_user', message: 'Missing credentials', status: 401 });
  });

  it('refuses an unknown strategy with 400', async () => {
    const res = await postJson('/_login/foo', {});
    expect(res.body.error).toEqual({
      code: 117571585,
      id: 'security.credentials.unknown_strategy',
      message: 'Unknown authentication strategy "foo"',
      props: ['foo'],
      status: 400,
    });
  });

  it('applies the expiresIn rules of §3', async () => {
    const ttlOf = async (expiresIn: string) => (await postJson(`/_login/local?expiresIn=${expiresIn}`, { username: 'alice', password: 'alice-password' })).body;
    expect(((await ttlOf('3600000')).result as { ttl: number }).ttl).toBe(3_600_000);
    expect(((await ttlOf('10h')).result as { ttl: number }).ttl).toBe(36_000_000);
    const infinite = (await ttlOf('-1')).result as { ttl: number; expiresAt: number; jwt: string };
    expect([infinite.ttl, infinite.expiresAt]).toEqual([-1, -1]);
    expect(decodeJwtPart(infinite.jwt, 1)).not.toHaveProperty('exp');
    for (const bad of ['0', 'abc', '%205m']) {
      expect((await ttlOf(bad)).error).toEqual({
        code: 33619970,
        id: 'api.assert.invalid_argument',
        message: 'Invalid argument "expiresIn". Expected: a number of milliseconds, or a parsable timespan string',
        props: ['expiresIn', 'a number of milliseconds, or a parsable timespan string'],
        status: 400,
      });
    }
    // An empty value means "the default" (1h).
    expect(((await ttlOf('')).result as { ttl: number }).ttl).toBe(3_600_000);
  });
});

describe.skipIf(external)('§12.9 forbidden (HTTP 403)', () => {
  it('answers security.rights.forbidden to a default user when refresh is forbidden', async () => {
    const jwt = await fetchLogin(target, 'alice');
    target.server?.setFault('forbid-refresh');
    try {
      const res = await call('/_refreshToken', { method: 'POST', headers: bearer(jwt) });
      expect(res.status).toBe(403);
      expectSameEnvelope(
        res.body,
        '{"action":"refreshToken","controller":"auth","error":{"code":117637122,"id":"security.rights.forbidden","message":"Insufficient permissions to execute the action \\"auth:refreshToken\\" (User \\"alice\\").","props":["auth","refreshToken","alice"],"status":403},"headers":{},"node":"knode-nasty-author-4242","requestId":"d4f6","result":null,"status":403,"volatile":null}',
      );
    } finally {
      target.server?.setFault('none');
    }
  });
});

describe('§12.10 and §2.2 bare errors before routing', () => {
  it('answers a bad JSON body with the bare error object, no envelope, no request id', async () => {
    const response = await fetch(`${target.url}/_login/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: ORIGIN },
      body: '{"username":"alice",',
    });
    expect(response.status).toBe(400);
    expect(await response.text()).toBe(
      '{"code":50397196,"id":"network.http.body_parse_failed","message":"Unable to convert the HTTP body to JSON: {\\"username\\":\\"alice\\",","props":["{\\"username\\":\\"alice\\","],"status":400}',
    );
    expect(response.headers.get('x-kuzzle-request-id')).toBeNull();
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('content-type')).toBe('application/json');
    expect(response.headers.get('access-control-allow-methods')).toBe(ROUTED_HEADERS['access-control-allow-methods']);
  });

  it('refuses text/plain (what fetch sends for a string body without Content-Type)', async () => {
    const response = await fetch(`${target.url}/_login/local`, { method: 'POST', body: '{"username":"alice","password":"alice-password"}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toEqual({
      code: 50397192,
      id: 'network.http.unsupported_content',
      message: 'Invalid request content-type. Expected "application/json", got: "text/plain".',
      props: ['text/plain'],
      status: 400,
    });
  });

  it('refuses a charset other than utf-8', async () => {
    const response = await fetch(`${target.url}/_login/local`, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=latin1' }, body: '{}' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ id: 'network.http.unsupported_charset', status: 400 });
  });

  it('refuses a body over 1MB with 413', async () => {
    const response = await fetch(`${target.url}/_login/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'x'.repeat(1024 * 1024), password: 'p' }),
    });
    expect(response.status).toBe(413);
    expect(await response.json()).toEqual({
      code: 50397185,
      id: 'network.http.request_too_large',
      message: 'Maximum HTTP request size exceeded.',
      props: [],
      status: 413,
    });
  });
});

describe('routing, CORS and the token channels', () => {
  it('answers an unknown URL with a 404 envelope', async () => {
    const res = await call('/nope');
    expect(res.status).toBe(404);
    expect(normalize(res.body)).toEqual({
      action: null,
      controller: null,
      error: { code: 50397191, id: 'network.http.url_not_found', message: 'API URL not found: /nope.', props: ['/nope'], status: 404 },
      headers: {},
      node: '<node>',
      requestId: '<id>',
      result: null,
      status: 404,
      volatile: null,
    });
  });

  it('answers an unsupported verb with a 400 envelope, and HEAD / only', async () => {
    const res = await call('/_me', { method: 'PROPFIND' });
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 50397190,
      id: 'network.http.unsupported_verb',
      message: 'Unsupported HTTP verb "PROPFIND".',
      props: ['PROPFIND'],
      status: 400,
    });
    const head = await fetch(`${target.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('x-kuzzle-node')).toMatch(/^knode-/);
    expect((await fetch(`${target.url}/_me`, { method: 'HEAD' })).status).toBe(404);
  });

  it('answers a preflight on any path with 200 and an empty result', async () => {
    const res = await call('/whatever/path', { method: 'OPTIONS', headers: { Origin: ORIGIN, 'Access-Control-Request-Method': 'POST' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ action: null, controller: null, error: null, result: {}, status: 200 });
    expect(res.headers.get('access-control-allow-methods')).toBe(ROUTED_HEADERS['access-control-allow-methods']);
    expect(res.headers.get('access-control-allow-headers')).toContain('Authorization');
  });

  it('serves /_healthcheck and /_ready without auth', async () => {
    for (const path of ['/_healthcheck', '/_ready']) {
      const res = await call(path);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ action: null, controller: null, error: null, result: null, status: 200 });
    }
  });

  it('takes the token from Authorization (any case), ?jwt= or the /_query body, and ignores other schemes', async () => {
    const jwt = await fetchLogin(target, 'bob');
    const kuidOf = (res: Call) => (res.body.result as { _id: string })._id;
    expect(kuidOf(await call('/_me', { headers: { Authorization: `bEaReR ${jwt}` } }))).toBe('bob');
    expect(kuidOf(await call(`/_me?jwt=${encodeURIComponent(jwt)}`))).toBe('bob');
    expect(kuidOf(await call('/_me', { headers: { Authorization: `Basic ${jwt}` } }))).toBe('-1');
    // Authorization wins over ?jwt=.
    expect((await call('/_me?jwt=garbage', { headers: bearer(jwt) })).status).toBe(200);
    const query = await postJson('/_query', { controller: 'auth', action: 'getCurrentUser', requestId: 'q-1' }, bearer(jwt));
    expect(kuidOf(query)).toBe('bob');
    expect(query.body.requestId).toBe('q-1');
    const withBodyJwt = await postJson('/_query', { controller: 'auth', action: 'getCurrentUser', jwt });
    expect(kuidOf(withBodyJwt)).toBe('bob');
  });

  it('answers an unknown controller or action over /_query with Kuzzle\'s own errors', async () => {
    const jwt = await fetchLogin(target, 'admin');
    const noController = await postJson('/_query', { controller: 'nope', action: 'x' }, bearer(jwt));
    expect(noController.body.error).toEqual({
      code: 33685508,
      id: 'api.process.controller_not_found',
      message: 'API controller "nope" not found.',
      props: ['nope'],
      status: 404,
    });
    const noAction = await postJson('/_query', { controller: 'auth', action: 'nope' }, bearer(jwt));
    expect(noAction.body.error).toEqual({
      code: 33685509,
      id: 'api.process.action_not_found',
      message: 'API action "auth":"nope" not found',
      props: ['auth', 'nope'],
      status: 404,
    });
    const anonymous = await postJson('/_query', { controller: 'index', action: 'list' });
    expect(anonymous.body.error).toEqual({
      code: 117637121,
      id: 'security.rights.unauthorized',
      message: 'Unauthorized: authentication required to execute the action "index:list". -1',
      props: ['index', 'list', '-1'],
      status: 401,
    });
  });

  it('echoes the X-Kuzzle-Volatile header and refuses a bad one', async () => {
    expect((await call('/_me', { headers: { 'X-Kuzzle-Volatile': '{"sdkName":"js@7.17.1"}' } })).body.volatile).toEqual({ sdkName: 'js@7.17.1' });
    const bad = await call('/_me', { headers: { 'X-Kuzzle-Volatile': '{nope' } });
    expect(bad.status).toBe(400);
    expect((bad.body.error as { id: string }).id).toBe('network.http.volatile_parse_failed');
  });

  it('lists the served routes in /_publicApi, in Kuzzle\'s shape', async () => {
    const api = (await call('/_publicApi')).body.result as Record<string, Record<string, unknown>>;
    expect(api.auth?.login).toEqual({
      action: 'login',
      controller: 'auth',
      http: [
        { path: '/_login/:strategy', url: '/_login/:strategy', verb: 'POST' },
        { path: '/_login/:strategy', url: '/_login/:strategy', verb: 'GET' },
      ],
    });
    expect(api.auth?.deleteApiKey).toEqual({ action: 'deleteApiKey', controller: 'auth', http: [{ path: '/api-keys/:_id', url: '/api-keys/:_id', verb: 'DELETE' }] });
    expect(api.auth?.createToken).toEqual({ action: 'createToken', controller: 'auth', http: [{ path: '/_createToken', url: '/_createToken', verb: 'POST' }] });
  });

  it('answers server:now and server:adminExists', async () => {
    expect(typeof ((await call('/_now')).body.result as { now: number }).now).toBe('number');
    expect((await call('/_adminExists')).body.result).toEqual({ exists: true });
  });
});

describe('§2.4 and §3 cookie authentication (authToken)', () => {
  const credentials = { username: 'alice', password: 'alice-password' };

  async function cookieLogin(): Promise<string> {
    const res = await postJson('/_login/local?cookieAuth', credentials);
    const setCookie = res.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^authToken=kauth-[^;]+; Path=\/; Expires=[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT; HttpOnly; SameSite=Strict$/);
    expect(Object.keys(res.body.result as object)).toEqual(['_id', 'expiresAt', 'ttl']);
    expect(res.body.headers).toEqual({});
    return setCookie.slice('authToken='.length, setCookie.indexOf(';'));
  }

  it('puts the token in an HttpOnly cookie instead of the result, and reads it back on any request', async () => {
    const jwt = await cookieLogin();
    const me = await call('/_me', { headers: { Cookie: `lang=en; authToken=${jwt}` } });
    expect((me.body.result as { _id: string })._id).toBe('alice');
    const checked = await call('/_checkToken?cookieAuth', { method: 'POST', headers: { Cookie: `authToken=${jwt}` } });
    expect(checked.body.result).toMatchObject({ kuid: 'alice', valid: true });
    expect((await call('/_me', { headers: { Cookie: 'authToken=null' } })).body.result).toMatchObject({ _id: '-1' });
  });

  it('refuses a cookie and a token together', async () => {
    const jwt = await cookieLogin();
    const res = await call('/_me', { headers: { Cookie: `authToken=${jwt}`, ...bearer(jwt) } });
    expect(res.status).toBe(500);
    expect(res.body.error).toEqual({
      code: 117506055,
      id: 'security.token.verification_error',
      message: 'Error verifying token: Both token and cookie are present, could not decide which one to use',
      props: ['Both token and cookie are present, could not decide which one to use'],
      status: 500,
    });
  });

  it('logs out in cookie mode: the cookie is cleared and its token revoked; it always succeeds', async () => {
    const jwt = await cookieLogin();
    const res = await call('/_logout?cookieAuth', { method: 'POST', headers: { Cookie: `authToken=${jwt}` } });
    expect(res.body.result).toEqual({ acknowledged: true });
    expect(res.headers.get('set-cookie')).toBe('authToken=null; Path=/; HttpOnly; SameSite=Strict');
    expect((await call('/_me', { headers: { Cookie: `authToken=${jwt}` } })).status).toBe(401);
    expect((await call('/_logout?cookieAuth', { method: 'POST' })).status).toBe(200);
  });
});

describe.skipIf(external)('§9 a server that restricts origins', () => {
  let restricted: Target;
  beforeAll(async () => {
    restricted = await startTarget({ allowedOrigins: [ORIGIN] });
  });
  afterAll(() => restricted.close());

  it('serves the listed origin and callers without Origin, and refuses others with a readable 401', async () => {
    const me = (origin?: string) => fetch(`${restricted.url}/_me`, { headers: origin ? { Origin: origin } : {} });
    expect((await me(ORIGIN)).status).toBe(200);
    expect((await me()).status).toBe(200);
    const refused = await me('https://evil.example');
    expect(refused.status).toBe(401);
    expect(refused.headers.get('access-control-allow-origin')).toBe('https://evil.example');
    expect(((await refused.json()) as { error: unknown }).error).toEqual({
      code: 33685516,
      id: 'api.process.unauthorized_origin',
      message: 'The origin "https://evil.example" is not authorized.',
      props: ['https://evil.example'],
      status: 401,
    });
  });

  it('echoes the origin on bare errors instead of "*"', async () => {
    const response = await fetch(`${restricted.url}/_login/local`, { method: 'POST', headers: { Origin: ORIGIN, 'Content-Type': 'text/plain' }, body: 'x' });
    expect(response.status).toBe(400);
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(response.headers.get('vary')).toBe('Origin');
  });

  it('checks a WebSocket by the Origin of its upgrade request', async () => {
    const socket = new WebSocket(restricted.url.replace(/^http/, 'ws'), { origin: 'https://evil.example' });
    await new Promise((resolve) => socket.once('open', resolve));
    const reply = new Promise<{ error: { id: string } }>((resolve) => socket.once('message', (data) => resolve(JSON.parse(data.toString()))));
    socket.send(JSON.stringify({ controller: 'server', action: 'now', requestId: 'o' }));
    expect((await reply).error.id).toBe('api.process.unauthorized_origin');
    socket.close();
  });

  it('does not check origins on a preflight', async () => {
    const response = await fetch(`${restricted.url}/_me`, { method: 'OPTIONS', headers: { Origin: 'https://evil.example' } });
    expect(response.status).toBe(200);
  });
});
