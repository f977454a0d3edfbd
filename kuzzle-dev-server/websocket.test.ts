// WebSocket frames as Kuzzle sends them (docs/kuzzle.md §2.3), the TokenExpired notification, and what the Admin
// Console asks for when it starts signed in.
import { Kuzzle, WebSocket as SdkWebSocket } from 'kuzzle-sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { connectSdk, external, fetchLogin, normalize, PASSWORDS, rejectionOf, startTarget, type Target } from '../test-support/dev-server/fidelity';

let target: Target;
const sockets: WebSocket[] = [];
const clients: Kuzzle[] = [];
beforeAll(async () => {
  target = await startTarget();
});
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.close();
  for (const client of clients.splice(0)) client.disconnect();
});
afterAll(() => target.close());

/** A raw socket that hands out the frames it receives, in order. */
async function openSocket(): Promise<{ send(frame: unknown): void; next(): Promise<Record<string, unknown>>; received: Array<Record<string, unknown>> }> {
  const socket = new WebSocket(target.url.replace(/^http/, 'ws'));
  sockets.push(socket);
  const received: Array<Record<string, unknown>> = [];
  const waiting: Array<(frame: Record<string, unknown>) => void> = [];
  socket.on('message', (data) => {
    const frame = JSON.parse(data.toString()) as Record<string, unknown>;
    const waiter = waiting.shift();
    if (waiter) waiter(frame);
    else received.push(frame);
  });
  await new Promise((resolve, reject) => {
    socket.once('open', resolve);
    socket.once('error', reject);
  });
  return {
    send: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next: () => {
      const queued = received.shift();
      return queued ? Promise.resolve(queued) : new Promise((resolve) => waiting.push(resolve));
    },
    received,
  };
}

async function sdk(): Promise<Kuzzle> {
  const kuzzle = await connectSdk(target, 'websocket');
  clients.push(kuzzle);
  return kuzzle;
}

describe('frames', () => {
  it('answers §12.1 over WebSocket: the envelope plus room = requestId', async () => {
    const socket = await openSocket();
    socket.send({ controller: 'auth', action: 'login', strategy: 'local', body: { username: 'alice', password: 'alice-password' }, requestId: 'r-1' });
    const reply = await socket.next();
    expect(reply.requestId).toBe('r-1');
    expect(reply.room).toBe('r-1');
    expect(JSON.stringify(normalize(reply))).toBe(
      JSON.stringify(
        normalize({
          action: 'login',
          controller: 'auth',
          error: null,
          headers: {},
          node: 'n',
          requestId: 'r-1',
          result: { _id: 'alice', expiresAt: 1, jwt: 'kauth-x', ttl: 3_600_000 },
          status: 200,
          volatile: null,
          room: 'r-1',
        }),
      ),
    );
  });

  it('makes a request id when the frame has none', async () => {
    const socket = await openSocket();
    socket.send({ controller: 'server', action: 'now' });
    const reply = await socket.next();
    expect(reply.requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(reply.room).toBe(reply.requestId);
  });

  it('answers {"p":1} with {"p":2}', async () => {
    const socket = await openSocket();
    socket.send({ p: 1 });
    expect(await socket.next()).toEqual({ p: 2 });
  });

  it('answers unparsable JSON with a 400 envelope and no room', async () => {
    const socket = await openSocket();
    socket.send('{nope');
    const reply = await socket.next();
    expect(reply).not.toHaveProperty('room');
    expect(reply.status).toBe(400);
    expect(reply.error).toMatchObject({ code: 50528257, id: 'network.websocket.unexpected_error', status: 400 });
  });

  it('refuses a boolean argument that is not a JSON boolean', async () => {
    const socket = await openSocket();
    const jwt = await fetchLogin(target, 'alice');
    socket.send({ controller: 'auth', action: 'logout', jwt, global: 'yes', requestId: 'g' });
    const reply = await socket.next();
    expect(reply.error).toEqual({
      code: 33619969,
      id: 'api.assert.invalid_type',
      message: 'Wrong type for argument "global" (expected: boolean)',
      props: ['global', 'boolean'],
      status: 400,
    });
  });

  it('answers an unknown controller and action with Kuzzle\'s errors, and asks for the strategy', async () => {
    const socket = await openSocket();
    const jwt = await fetchLogin(target, 'admin');
    socket.send({ controller: 'nope', action: 'list', jwt, requestId: 'c' });
    expect((await socket.next()).error).toMatchObject({ id: 'api.process.controller_not_found', status: 404 });
    socket.send({ controller: 'auth', action: 'nope', jwt, requestId: 'a' });
    expect((await socket.next()).error).toMatchObject({ id: 'api.process.action_not_found', status: 404 });
    socket.send({ controller: 'auth', action: 'login', requestId: 's' });
    expect((await socket.next()).error).toEqual({
      code: 33619971,
      id: 'api.assert.missing_argument',
      message: 'Missing argument "strategy".',
      props: ['strategy'],
      status: 400,
    });
  });

  it('allows one login per second on a connection (limits.loginsPerSecond)', async () => {
    const socket = await openSocket();
    const login = { controller: 'auth', action: 'login', strategy: 'local', body: { username: 'bob', password: 'bob-password' } };
    socket.send({ ...login, requestId: 'l1' });
    expect((await socket.next()).status).toBe(200);
    socket.send({ ...login, requestId: 'l2' });
    expect((await socket.next()).error).toMatchObject({ id: 'api.process.too_many_logins_requests', status: 429 });
  });
});

describe('TokenExpired notifications', () => {
  const NOTIFICATION = {
    status: 200,
    info: 'This is an automated server notification',
    message: 'Authentication Token Expired',
    type: 'TokenExpired',
    node: '<node>',
    room: 'kuzzle:notification:server',
  };

  it.skipIf(external)('reaches a socket linked to a token when the token expires', async () => {
    const jwt = await fetchLogin(target, 'alice', '20s');
    const socket = await openSocket();
    socket.send({ controller: 'auth', action: 'getCurrentUser', jwt, requestId: 'link' });
    expect(((await socket.next()).result as { _id: string })._id).toBe('alice');
    target.advance(20_000);
    expect(normalize(await socket.next())).toEqual(NOTIFICATION);
  });

  it('reaches the other sockets of a token revoked by logout, not the logging-out one', async () => {
    const jwt = await fetchLogin(target, 'bob');
    const watcher = await openSocket();
    const leaver = await openSocket();
    for (const socket of [watcher, leaver]) {
      socket.send({ controller: 'auth', action: 'getCurrentUser', jwt, requestId: 'link' });
      await socket.next();
    }
    leaver.send({ controller: 'auth', action: 'logout', jwt, requestId: 'bye' });
    // A notification would be written before the reply, so the reply coming first proves there is none.
    expect((await leaver.next()).result).toEqual({ acknowledged: true });
    expect(normalize(await watcher.next())).toEqual(NOTIFICATION);
  });

  it('moves the socket\'s link to the refreshed token', async () => {
    const kuzzle = await sdk();
    await kuzzle.auth.login('local', { username: 'alice', password: PASSWORDS.alice });
    let notified = false;
    kuzzle.on('tokenExpired', () => (notified = true));
    await kuzzle.auth.refreshToken();
    const other = await sdk();
    await other.auth.login('local', { username: 'alice', password: PASSWORDS.alice });
    await other.auth.logout({ global: true } as never);
    // The global logout revoked the refreshed token, and the SDK heard it on the socket.
    await new Promise<void>((resolve) => (notified ? resolve() : kuzzle.on('tokenExpired', () => resolve())));
    expect(kuzzle.jwt).toBeNull();
  });

  it('is turned by the SDK into its tokenExpired event', async () => {
    const kuzzle = await sdk();
    await kuzzle.auth.login('local', { username: 'bob', password: PASSWORDS.bob });
    const expired = new Promise<void>((resolve) => kuzzle.on('tokenExpired', () => resolve()));
    const jwt = kuzzle.jwt;
    const response = await fetch(`${target.url}/_logout`, { method: 'POST', headers: { Authorization: `Bearer ${jwt}` } });
    expect(response.status).toBe(200);
    await expired;
    expect(kuzzle.jwt).toBeNull();
  });
});

describe('the Admin Console start-up, through kuzzle-sdk over WebSocket', () => {
  it('signs in with a stored token and lists the (empty) indexes', async () => {
    const token = await fetchLogin(target, 'admin', '2h');
    const kuzzle = new Kuzzle(new SdkWebSocket(target.host, { port: target.port, autoReconnect: false }));
    clients.push(kuzzle);
    await kuzzle.connect();
    expect(await kuzzle.server.adminExists({})).toBe(true);
    const check = await kuzzle.auth.checkToken(token);
    expect(check).toMatchObject({ kuid: 'admin', valid: true });
    kuzzle.jwt = token;
    expect((await kuzzle.auth.getCurrentUser())._id).toBe('admin');
    expect(await kuzzle.auth.getMyRights()).toHaveLength(1);
    expect(await kuzzle.index.list()).toEqual([]);
    expect(await kuzzle.security.searchProfiles({})).toMatchObject({ total: 3 });
    const info = await kuzzle.server.info({});
    expect(info.serverInfo.kuzzle.version).toBe('2.56.0');
  });

  it('refuses the data calls of an anonymous console with Kuzzle\'s 401', async () => {
    const kuzzle = await sdk();
    const error = await rejectionOf(kuzzle.index.list());
    expect([error.id, error.status]).toEqual(['security.rights.unauthorized', 401]);
  });

  it('forbids the security pages to a default user', async () => {
    const kuzzle = await sdk();
    await kuzzle.auth.login('local', { username: 'alice', password: PASSWORDS.alice });
    expect(await kuzzle.index.list()).toEqual([]);
    const error = await rejectionOf(kuzzle.security.searchUsers({}));
    expect([error.id, error.status, error.message]).toEqual([
      'security.rights.forbidden',
      403,
      'Insufficient permissions to execute the action "security:searchUsers" (User "alice").',
    ]);
  });
});
