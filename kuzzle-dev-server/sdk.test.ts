// The official kuzzle-sdk 7.17.1 as the client, over its Http protocol and its WebSocket protocol.
import type { Kuzzle } from 'kuzzle-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectSdk, external, PASSWORDS, rejectionOf, startTarget, type Protocol, type Target } from '../test-support/dev-server/fidelity';

const EXPIRES_IN_MESSAGE = 'Invalid argument "expiresIn". Expected: a number of milliseconds, or a parsable timespan string';

describe.each<Protocol>(['http', 'websocket'])('kuzzle-sdk over %s', (protocol) => {
  let target: Target;
  const clients: Kuzzle[] = [];

  beforeAll(async () => {
    target = await startTarget();
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(() => target.close());

  /** A fresh connection per use: Kuzzle allows one login per second per WebSocket connection. */
  async function client(): Promise<Kuzzle> {
    const kuzzle = await connectSdk(target, protocol);
    clients.push(kuzzle);
    return kuzzle;
  }

  async function loggedIn(username: string, expiresIn?: string | number): Promise<Kuzzle> {
    const kuzzle = await client();
    await kuzzle.auth.login('local', { username, password: PASSWORDS[username] }, expiresIn as string);
    return kuzzle;
  }

  describe('login', () => {
    it('logs in, keeps the jwt and knows the user', async () => {
      const kuzzle = await client();
      const jwt = await kuzzle.auth.login('local', { username: 'alice', password: 'alice-password' });
      expect(jwt).toMatch(/^kauth-/);
      expect(kuzzle.jwt).toBe(jwt);
      const user = await kuzzle.auth.getCurrentUser();
      expect(user._id).toBe('alice');
      expect(user.profileIds).toEqual(['default']);
      expect(await kuzzle.isAuthenticated()).toBe(true);
    });

    it('rejects a wrong password with plugin.strategy.missing_user', async () => {
      const kuzzle = await client();
      const error = await rejectionOf(kuzzle.auth.login('local', { username: 'alice', password: 'wrong' }));
      expect([error.id, error.status, error.message]).toEqual(['plugin.strategy.missing_user', 401, 'wrong username or password']);
      expect(kuzzle.jwt).toBeNull();
    });

    it('rejects an unknown strategy', async () => {
      const error = await rejectionOf((await client()).auth.login('nope', {}));
      expect([error.id, error.status, error.message]).toEqual(['security.credentials.unknown_strategy', 400, 'Unknown authentication strategy "nope"']);
    });

    it('honours expiresIn given as a number, an ms string and "-1"', async () => {
      const cases: Array<[string | number, number]> = [
        [60_000, 60_000],
        ['10h', 36_000_000],
        ['-1', -1],
      ];
      for (const [expiresIn, ttl] of cases) {
        const kuzzle = await client();
        const result = await kuzzle.query({ controller: 'auth', action: 'login', strategy: 'local', expiresIn, body: { username: 'bob', password: 'bob-password' } });
        expect(result.result.ttl).toBe(ttl);
        expect(result.result.expiresAt === -1).toBe(ttl === -1);
      }
    });

    it('rejects expiresIn "0" and "abc" with api.assert.invalid_argument', async () => {
      for (const expiresIn of ['0', 'abc']) {
        const error = await rejectionOf((await client()).auth.login('local', { username: 'bob', password: 'bob-password' }, expiresIn));
        expect([error.id, error.status, error.message]).toEqual(['api.assert.invalid_argument', 400, EXPIRES_IN_MESSAGE]);
      }
    });
  });

  describe('checkToken', () => {
    it('tells a valid token from a garbage one and from no token at all', async () => {
      const alice = await loggedIn('alice');
      const checker = await client();
      expect(await checker.auth.checkToken(alice.jwt)).toMatchObject({ kuid: 'alice', valid: true });
      expect(await checker.auth.checkToken('kauth-garbage')).toEqual({ state: 'Invalid token.', valid: false });
      expect(await checker.auth.checkToken(undefined)).toEqual({ expiresAt: null, kuid: '-1', valid: true });
    });

    it('says invalid once the token is revoked', async () => {
      const alice = await loggedIn('alice');
      const jwt = alice.jwt;
      await alice.auth.logout();
      expect(alice.jwt).toBeNull();
      expect(await (await client()).auth.checkToken(jwt)).toEqual({ state: 'Invalid token.', valid: false });
    });

    it.skipIf(external)('says invalid once the token has expired, and the SDK drops it (tokenExpired)', async () => {
      const alice = await loggedIn('alice', '30s');
      const jwt = alice.jwt;
      const expired = new Promise<void>((resolve) => alice.on('tokenExpired', () => resolve()));
      target.advance(30_000);
      expect(await (await client()).auth.checkToken(jwt)).toEqual({ state: 'Invalid token.', valid: false });
      if (protocol === 'http') {
        // Over HTTP the SDK learns it from the 401 of the next call.
        const error = await rejectionOf(alice.auth.getCurrentUser());
        expect([error.id, error.status]).toEqual(['security.token.invalid', 401]);
      }
      // Over WebSocket the server's TokenExpired notification says it first.
      await expired;
      expect(alice.jwt).toBeNull();
    });
  });

  describe('refreshToken', () => {
    it('replaces the jwt; the old one works for the grace period; a second refresh of it is refused', async () => {
      const alice = await loggedIn('alice');
      const old = alice.jwt;
      const result = await alice.auth.refreshToken({ expiresIn: '2h' });
      expect(result.ttl).toBe(7_200_000);
      expect(alice.jwt).toBe(result.jwt);
      expect(result.jwt).not.toBe(old);
      const stale = await client();
      stale.jwt = old;
      expect((await stale.auth.getCurrentUser())._id).toBe('alice');
      const error = await rejectionOf(stale.auth.refreshToken());
      expect(error.id).toBe('security.token.invalid');
    });

    it.skipIf(external)('invalidates the old token when the grace period is over', async () => {
      const alice = await loggedIn('alice');
      const old = alice.jwt;
      await alice.auth.refreshToken();
      target.advance(1001);
      expect(await (await client()).auth.checkToken(old)).toEqual({ state: 'Invalid token.', valid: false });
      expect((await alice.auth.getCurrentUser())._id).toBe('alice');
    });
  });

  describe('createToken', () => {
    it('makes a new token for the caller, leaving the caller\'s own token as it was', async () => {
      const alice = await loggedIn('alice');
      const own = alice.jwt;
      const { result } = await alice.query({ controller: 'auth', action: 'createToken', expiresIn: '15m' });
      expect(Object.keys(result).sort()).toEqual(['expiresAt', 'singleUse', 'token', 'ttl']);
      expect(result).toMatchObject({ singleUse: false, ttl: 900_000 });
      expect(result.token).toMatch(/^kauth-/);
      expect(result.token).not.toBe(own);
      expect(alice.jwt).toBe(own);
      const checker = await client();
      expect(await checker.auth.checkToken(result.token)).toMatchObject({ kuid: 'alice', valid: true });
      expect(await checker.auth.checkToken(own)).toMatchObject({ kuid: 'alice', valid: true });
      const withCreated = await client();
      withCreated.jwt = result.token;
      expect((await withCreated.auth.getCurrentUser())._id).toBe('alice');
      expect((await withCreated.auth.getCurrentUser())._id).toBe('alice');
    });

    it('deletes a single-use token the first time it is verified', async () => {
      const alice = await loggedIn('alice');
      const { result } = await alice.query({ controller: 'auth', action: 'createToken', expiresIn: '1h', singleUse: true });
      expect(result.singleUse).toBe(true);
      const checker = await client();
      expect(await checker.auth.checkToken(result.token)).toMatchObject({ kuid: 'alice', valid: true });
      expect(await checker.auth.checkToken(result.token)).toEqual({ state: 'Invalid token.', valid: false });
    });

    it('refuses a token that never expires with security.token.invalid_expiration, and an anonymous caller', async () => {
      const alice = await loggedIn('alice');
      for (const expiresIn of [-1, '-1']) {
        const error = await rejectionOf(alice.query({ controller: 'auth', action: 'createToken', expiresIn }));
        expect([error.id, error.status, error.message]).toEqual([
          'security.token.invalid_expiration',
          400,
          'Token can not be created with this expiration time: expiresIn cannot be infinite',
        ]);
      }
      const anonymous = await rejectionOf((await client()).query({ controller: 'auth', action: 'createToken', expiresIn: '1h' }));
      expect([anonymous.id, anonymous.status]).toEqual(['security.rights.unauthorized', 401]);
    });
  });

  describe('logout', () => {
    it('revokes only the current token, or every token of the user with global', async () => {
      const first = await loggedIn('bob');
      const second = await loggedIn('bob');
      const third = await loggedIn('bob');
      const thirdJwt = third.jwt;
      await first.auth.logout();
      expect((await second.auth.getCurrentUser())._id).toBe('bob');
      await second.auth.logout({ global: true } as never);
      expect(await (await client()).auth.checkToken(thirdJwt)).toEqual({ state: 'Invalid token.', valid: false });
    });

    it('refuses an anonymous logout', async () => {
      const error = await rejectionOf((await client()).auth.logout());
      expect([error.id, error.status]).toEqual(['security.rights.unauthorized', 401]);
    });
  });

  describe('user, rights and strategies', () => {
    it('answers getStrategies and getMyRights', async () => {
      const alice = await loggedIn('alice');
      expect(await alice.auth.getStrategies()).toEqual(['local', 'oauth-dev']);
      const rights = await alice.auth.getMyRights();
      expect(rights).toContainEqual({ controller: '*', action: '*', index: '*', collection: '*', value: 'allowed' });
      const admin = await loggedIn('admin');
      expect(await admin.auth.getMyRights()).toEqual([{ controller: '*', action: '*', index: '*', collection: '*', value: 'allowed' }]);
    });

    it('describes the anonymous user', async () => {
      const user = await (await client()).auth.getCurrentUser();
      expect(user._id).toBe('-1');
      expect(user.profileIds).toEqual(['anonymous']);
    });
  });

  describe('API keys', () => {
    it('creates, lists, uses and deletes an API key, which cannot be refreshed', async () => {
      const alice = await loggedIn('alice');
      const created = await alice.auth.createApiKey('dev key', { _id: `key-${protocol}` });
      expect(created._id).toBe(`key-${protocol}`);
      const token = created._source.token as string;
      expect(token).toMatch(/^kapikey-/);
      expect(created._source.expiresAt).toBe(-1);

      const listed = await alice.auth.searchApiKeys({});
      expect(listed.total).toBe(1);
      expect(listed.hits[0]?._source).toMatchObject({ description: 'dev key', userId: 'alice' });
      expect(listed.hits[0]?._source).not.toHaveProperty('token');

      const withKey = await client();
      withKey.setAPIKey(token);
      expect((await withKey.auth.getCurrentUser())._id).toBe('alice');
      expect(await withKey.auth.checkToken(token)).toEqual({ expiresAt: -1, kuid: 'alice', valid: true });
      const refresh = await rejectionOf(withKey.auth.refreshToken());
      expect([refresh.id, refresh.message]).toEqual(['security.token.refresh_forbidden', 'API Key cannot be refreshed.']);

      await alice.auth.deleteApiKey(`key-${protocol}`);
      expect(await withKey.auth.checkToken(token)).toEqual({ state: 'Invalid token.', valid: false });
      const again = await rejectionOf(alice.auth.deleteApiKey(`key-${protocol}`));
      expect([again.id, again.status]).toEqual(['services.storage.not_found', 404]);
    });

    it('searches the keys by description: match as Elasticsearch, equals as Koncorde translates it, paged', async () => {
      const bob = await loggedIn('bob');
      const ids = [`sm-${protocol}`, `lora-${protocol}`, `sigfox-${protocol}`];
      await bob.auth.createApiKey('Kuzzle Session Manager, Chromium, 2026-12-03', { _id: ids[0] });
      await bob.auth.createApiKey('LoRa permanent API key', { _id: ids[1] });
      await bob.auth.createApiKey('Sigfox API key', { _id: ids[2] });
      const found = async (query: Record<string, unknown>, options: Record<string, unknown> = {}) =>
        (await bob.auth.searchApiKeys(query, options)).hits.map((hit) => hit._id).sort();
      try {
        expect(await found({ match: { description: 'session manager' } })).toEqual([ids[0]]);
        expect(await found({ match: { description: 'API' } })).toEqual([ids[1], ids[2]].sort());
        expect(await found({ equals: { description: 'lora' } }, { lang: 'koncorde' })).toEqual([ids[1]]);
        // A term is not analysed: a whole description never equals the words it was indexed as.
        expect(await found({ equals: { description: 'LoRa permanent API key' } }, { lang: 'koncorde' })).toEqual([]);
        const page = await bob.auth.searchApiKeys({ match: { description: 'key' } }, { from: 1, size: 1 });
        expect([page.hits.length, page.total]).toEqual([1, 1]);
        const bool = await rejectionOf(bob.auth.searchApiKeys({ bool: { must: [] } }, { lang: 'koncorde' }));
        expect([bool.id, bool.status]).toEqual(['api.assert.koncorde_restricted_keyword', 400]);
        const koncordeAsEs = await rejectionOf(bob.auth.searchApiKeys({ equals: { description: 'lora' } }));
        expect([koncordeAsEs.id, koncordeAsEs.status]).toEqual(['services.storage.unknown_query_keyword', 400]);
      } finally {
        for (const id of ids) await bob.auth.deleteApiKey(id);
      }
    });
  });
});

describe.skipIf(external)('kuzzle-sdk against a server started with a maxTTL', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ maxTTL: '1h' });
  });
  afterAll(() => target.close());

  it.each<Protocol>(['http', 'websocket'])('refuses expiresIn above maxTTL and "-1" over %s', async (protocol) => {
    for (const expiresIn of ['2h', '-1']) {
      const kuzzle = await connectSdk(target, protocol);
      try {
        const error = await rejectionOf(kuzzle.auth.login('local', { username: 'alice', password: 'alice-password' }, expiresIn));
        expect([error.id, error.status, error.message]).toEqual(['security.token.ttl_exceeded', 400, 'expiresIn value exceeds maximum allowed value']);
      } finally {
        kuzzle.disconnect();
      }
    }
    const kuzzle = await connectSdk(target, protocol);
    try {
      await kuzzle.auth.login('local', { username: 'alice', password: 'alice-password' }, '30m');
      expect(kuzzle.jwt).toMatch(/^kauth-/);
    } finally {
      kuzzle.disconnect();
    }
  });
});

describe.skipIf(external)('kuzzle-sdk against a server started with an API key maxTTL', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ apiKeyMaxTTL: '30d' });
  });
  afterAll(() => target.close());

  it.each<Protocol>(['http', 'websocket'])('refuses API keys that never expire or last longer, not tokens, over %s', async (protocol) => {
    const kuzzle = await connectSdk(target, protocol);
    try {
      // security.apiKey.maxTTL is the keys' own maximum: a login may still ask for an infinite token.
      await kuzzle.auth.login('local', { username: 'alice', password: 'alice-password' }, '-1');
      for (const expiresIn of [-1, 31 * 24 * 3_600_000]) {
        const error = await rejectionOf(kuzzle.auth.createApiKey('too long', { expiresIn }));
        expect([error.id, error.status, error.message]).toEqual(['security.token.ttl_exceeded', 400, 'expiresIn value exceeds maximum allowed value']);
      }
      const created = await kuzzle.auth.createApiKey('a month', { expiresIn: 30 * 24 * 3_600_000, _id: `month-${protocol}` });
      expect(created._source.ttl).toBe(30 * 24 * 3_600_000);
      await kuzzle.auth.deleteApiKey(`month-${protocol}`);
    } finally {
      kuzzle.disconnect();
    }
  });
});

describe.skipIf(external)('kuzzle-sdk against a server with Kuzzle\'s standard (restricted) roles', () => {
  let target: Target;
  beforeAll(async () => {
    target = await startTarget({ roles: 'standard' });
  });
  afterAll(() => target.close());

  it.each<Protocol>(['http', 'websocket'])('forbids refresh to a default user and the strategies to anonymous, over %s', async (protocol) => {
    const kuzzle = await connectSdk(target, protocol);
    try {
      const anonymous = await rejectionOf(kuzzle.auth.getStrategies());
      expect([anonymous.id, anonymous.status, anonymous.message]).toEqual([
        'security.rights.unauthorized',
        401,
        'Unauthorized: authentication required to execute the action "auth:getStrategies". -1',
      ]);
      await kuzzle.auth.login('local', { username: 'alice', password: 'alice-password' });
      expect((await kuzzle.auth.getCurrentUser())._id).toBe('alice');
      const refresh = await rejectionOf(kuzzle.auth.refreshToken());
      expect([refresh.id, refresh.status, refresh.message]).toEqual([
        'security.rights.forbidden',
        403,
        'Insufficient permissions to execute the action "auth:refreshToken" (User "alice").',
      ]);
      await kuzzle.auth.logout();
      expect(kuzzle.jwt).toBeNull();
    } finally {
      kuzzle.disconnect();
    }
  });
});
