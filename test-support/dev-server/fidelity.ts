// Shared set-up of the fidelity suite: the server under test is either this dev server, started
// in-process on a free port with a controllable clock, or the real Kuzzle named by KUZZLE_URL
// (which must hold the demo accounts alice/alice-password, bob/bob-password, admin/admin-password).
import { Http, Kuzzle, WebSocket as SdkWebSocket } from 'kuzzle-sdk';
import { startDevServer, type DevServer, type DevServerOptions } from '../../kuzzle-dev-server/server';

export const EXTERNAL_URL = process.env.KUZZLE_URL?.replace(/\/+$/, '');
/** True when the suite runs against a real Kuzzle: tests that need server flags or the clock skip. */
export const external = Boolean(EXTERNAL_URL);

export const PASSWORDS: Record<string, string> = { alice: 'alice-password', bob: 'bob-password', admin: 'admin-password' };

export interface Target {
  url: string;
  host: string;
  port: number;
  /** The in-process server, or null against KUZZLE_URL. */
  server: DevServer | null;
  /** Moves the server's clock forward (in-process only). */
  advance(ms: number): void;
  close(): Promise<void>;
}

export async function startTarget(options: DevServerOptions = {}): Promise<Target> {
  if (EXTERNAL_URL && Object.keys(options).length === 0) {
    const parsed = new URL(EXTERNAL_URL);
    return {
      url: EXTERNAL_URL,
      host: parsed.hostname,
      port: Number(parsed.port || 7512),
      server: null,
      advance: () => {
        throw new Error('The clock of an external Kuzzle cannot be moved: skip this test with it.skipIf(external).');
      },
      close: async () => {},
    };
  }
  let now = Date.now();
  const server = await startDevServer({ port: 0, now: () => now, sweepIntervalMs: 20, ...options });
  return {
    url: server.url,
    host: '127.0.0.1',
    port: server.port,
    server,
    advance: (ms) => {
      now += ms;
    },
    close: () => server.close(),
  };
}

export type Protocol = 'http' | 'websocket';

/** A connected official SDK client over the given protocol. */
export async function connectSdk(target: Target, protocol: Protocol): Promise<Kuzzle> {
  const transport =
    protocol === 'http' ? new Http(target.host, { port: target.port }) : new SdkWebSocket(target.host, { port: target.port, autoReconnect: false });
  const kuzzle = new Kuzzle(transport);
  await kuzzle.connect();
  return kuzzle;
}

/** Logs in over plain fetch and returns the jwt. */
export async function fetchLogin(target: Target, username: string, expiresIn?: string): Promise<string> {
  const query = expiresIn === undefined ? '' : `?expiresIn=${encodeURIComponent(expiresIn)}`;
  const response = await fetch(`${target.url}/_login/local${query}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORDS[username] }),
  });
  const body = (await response.json()) as { result: { jwt: string } | null; error: unknown };
  if (!body.result) throw new Error(`login of ${username} failed: ${JSON.stringify(body.error)}`);
  return body.result.jwt;
}

/** Error thrown by the SDK, with the Kuzzle error's fields. */
export interface SdkError {
  id: string;
  status: number;
  message: string;
}

export async function rejectionOf(promise: Promise<unknown>): Promise<SdkError> {
  try {
    await promise;
  } catch (error) {
    return error as SdkError;
  }
  throw new Error('expected the call to fail, it succeeded');
}

/**
 * Replaces what legitimately differs from one run to the next (ids, node, times, tokens) so two
 * envelopes can be compared as JSON text, key order included.
 */
export function normalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(normalize);
  if (!value || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'node' && typeof inner === 'string') out[key] = '<node>';
    else if ((key === 'requestId' || (key === 'room' && !String(inner).startsWith('kuzzle:'))) && typeof inner === 'string') out[key] = '<id>';
    else if (key === 'jwt' && typeof inner === 'string') out[key] = '<token>';
    else if (key === 'token' && typeof inner === 'string' && /^k(auth|apikey)-/.test(inner)) out[key] = '<token>';
    else if (['expiresAt', 'createdAt', 'updatedAt'].includes(key) && typeof inner === 'number' && inner > 0) out[key] = '<time>';
    else out[key] = normalize(inner);
  }
  return out;
}

export function decodeJwtPart(token: string, part: 0 | 1): Record<string, unknown> {
  const jwt = token.replace(/^k(auth|apikey)-/, '');
  return JSON.parse(Buffer.from(jwt.split('.')[part] as string, 'base64url').toString('utf8')) as Record<string, unknown>;
}
