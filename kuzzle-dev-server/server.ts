// HTTP and WebSocket on one port, as Kuzzle's uWebSockets.js entry point serves them: envelopes,
// bare pre-routing errors, CORS, the token channels, the oauth-dev pages and the fault switch.
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { gzipSync, deflateSync } from 'node:zlib';
import { WebSocketServer, type WebSocket } from 'ws';
import { kerror, type KuzzleError } from './errors';
import { DevKuzzle, type KuzzleRequest, type KuzzleResponse } from './kuzzle';
import { matchRoute } from './routes';
import { JwtSigner, parseDuration, TokenStore } from './tokens';
import { DEMO_USERS, UserDirectory, type UserDefinition } from './users';
import type { RolesMode } from './rights';
import { FAULT_MODES, FaultSwitch, type FaultMode } from './faults';
import { authorizePage, authorizeFetchReply } from './oauth-page';

export interface DevServerOptions {
  /** Default 7512, as Kuzzle's; 0 picks a free port. */
  port?: number;
  host?: string;
  /** Default token lifetime: ms or an `ms` string. Default "1h". */
  expiresIn?: string | number;
  /** ms; -1 (default) means no maximum. */
  maxTTL?: number | string;
  /** `security.apiKey.maxTTL`, ms; -1 (default) means no maximum. */
  apiKeyMaxTTL?: number | string;
  /** How long a refreshed token stays valid, ms. Default 1000. */
  gracePeriod?: number | string;
  users?: readonly UserDefinition[];
  /** The clock every token decision reads: tests pass a fake one to expire tokens at once. */
  now?: () => number;
  /** How often expired tokens are swept and their sockets told. Default 250 ms. */
  sweepIntervalMs?: number;
  /** Kuzzle's `limits.loginsPerSecond` per WebSocket connection (0 = unlimited). Default 1. */
  loginsPerSecond?: number;
  fault?: FaultMode;
  faultDelayMs?: number;
  /** `http.accessControlAllowOrigin`: allowed origins, default ["*"]. Others get 401 api.process.unauthorized_origin. */
  allowedOrigins?: readonly string[];
  /** The role set: "open" (default) or Kuzzle's restricted "standard" roles. */
  roles?: RolesMode;
}

export interface DevServer {
  url: string;
  port: number;
  nodeId: string;
  users: readonly string[];
  setFault(mode: FaultMode, delayMs?: number): void;
  close(): Promise<void>;
}

const MAX_REQUEST_SIZE = 1024 * 1024;
const ALLOW_HEADERS = 'Content-Type, Access-Control-Allow-Headers, Authorization, X-Requested-With, Content-Encoding, Content-Length, X-Kuzzle-Volatile';
const ALLOW_METHODS = 'GET,POST,PUT,PATCH,DELETE,OPTIONS,HEAD';
const KNOWN_VERBS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS']);
const ADJECTIVES = ['nasty', 'brave', 'quiet', 'eager', 'gentle', 'sly', 'witty', 'stubborn'];
const NOUNS = ['author', 'badger', 'lantern', 'otter', 'compass', 'meadow', 'engine', 'harbor'];

function randomNodeId(): string {
  const pick = (list: string[]) => list[Math.floor(Math.random() * list.length)];
  return `knode-${pick(ADJECTIVES)}-${pick(NOUNS)}-${Math.floor(Math.random() * 10_000)}`;
}

export async function startDevServer(options: DevServerOptions = {}): Promise<DevServer> {
  const now = options.now ?? Date.now;
  const nodeId = randomNodeId();
  const defaultExpiresIn = options.expiresIn ?? '1h';
  const maxTTL = options.maxTTL === undefined ? -1 : parseDuration(options.maxTTL, '--max-ttl');
  const apiKeyMaxTTL = options.apiKeyMaxTTL === undefined ? -1 : parseDuration(options.apiKeyMaxTTL, '--api-key-max-ttl');
  const gracePeriod = options.gracePeriod === undefined ? 1000 : parseDuration(options.gracePeriod, '--grace-period');
  const defaultTtl = parseDuration(defaultExpiresIn, '--expires-in');
  if (defaultTtl === 0 || (defaultTtl < 0 && defaultTtl !== -1)) throw new Error(`--expires-in: "${defaultExpiresIn}" must be a positive duration, or -1 for tokens that never expire.`);
  if (gracePeriod < 0) throw new Error(`--grace-period: "${options.gracePeriod}" must be 0 or more milliseconds.`);

  const users = new UserDirectory(options.users ?? DEMO_USERS, now());
  const tokens = new TokenStore(new JwtSigner(), now);
  const sockets = new Map<string, WebSocket>();
  const core = new DevKuzzle(
    {
      nodeId,
      defaultExpiresIn,
      maxTTL,
      apiKeyMaxTTL,
      gracePeriod,
      loginsPerSecond: options.loginsPerSecond ?? 1,
      allowedOrigins: options.allowedOrigins ?? ['*'],
      roles: options.roles ?? 'open',
      now,
      startedAt: now(),
    },
    users,
    tokens,
    (connectionId) => {
      sockets.get(connectionId)?.send(
        JSON.stringify({
          status: 200,
          info: 'This is an automated server notification',
          message: 'Authentication Token Expired',
          type: 'TokenExpired',
          node: nodeId,
          room: 'kuzzle:notification:server',
        }),
      );
    },
  );
  const faults = new FaultSwitch(core, () => {
    for (const socket of sockets.values()) socket.terminate();
  });
  if (options.fault) faults.set(options.fault, options.faultDelayMs);

  const envelope = (request: Pick<KuzzleRequest, 'controller' | 'action' | 'index' | 'collection' | 'requestId' | 'volatile'>, response: KuzzleResponse) => {
    const body: Record<string, unknown> = { action: request.action ?? null };
    if (request.collection !== undefined) body.collection = request.collection;
    body.controller = request.controller ?? null;
    body.error = response.error ? response.error.toJSON() : null;
    body.headers = response.headers;
    if (request.index !== undefined) body.index = request.index;
    body.node = nodeId;
    body.requestId = request.requestId;
    body.result = response.error ? null : response.result;
    body.status = response.status;
    body.volatile = request.volatile;
    return body;
  };

  // ── HTTP ───────────────────────────────────────────────────────────────────────────────────

  const routedHeaders = (req: IncomingMessage, requestId: string, encoding: string): Record<string, string> => {
    const headers: Record<string, string> = {
      Connection: 'close',
      'X-Kuzzle-Request-Id': requestId,
      'X-Kuzzle-Node': nodeId,
      'Accept-Encoding': 'gzip,deflate,identity',
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'content-type': 'application/json',
      'Access-Control-Allow-Credentials': 'true',
    };
    const origin = req.headers.origin;
    if (origin) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers.Vary = 'Origin';
    }
    headers['Content-Encoding'] = encoding;
    return headers;
  };

  const sendEnvelope = async (req: IncomingMessage, res: ServerResponse, request: Parameters<typeof envelope>[0], response: KuzzleResponse, pretty: boolean) => {
    const body = envelope(request, response);
    const fault = faults.current;
    if (fault.mode === 'slow') await sleep(fault.delayMs);
    if (fault.mode === 'huge-body') body.volatile = { padding: 'x'.repeat(10 * MAX_REQUEST_SIZE) };
    let text = JSON.stringify(body, undefined, pretty ? 2 : undefined);
    if (fault.mode === 'malformed-json') text = text.slice(0, Math.max(1, Math.floor(text.length / 2)));
    // Kuzzle answers with the first of gzip, deflate the client accepts, else identity.
    const accepted = String(req.headers['accept-encoding'] ?? '').toLowerCase();
    const encoding = accepted.includes('gzip') ? 'gzip' : accepted.includes('deflate') ? 'deflate' : 'identity';
    const headers = routedHeaders(req, request.requestId, encoding);
    const location = response.headers.location;
    if (location) headers.Location = location;
    if (response.setCookie) headers['Set-Cookie'] = response.setCookie;
    const payload = encoding === 'gzip' ? gzipSync(text) : encoding === 'deflate' ? deflateSync(text) : Buffer.from(text);
    headers['Content-Length'] = String(payload.length);
    res.writeHead(response.status, headers);
    res.end(req.method === 'HEAD' ? undefined : payload);
  };

  /** docs/kuzzle.md §2.2: errors found before routing are written bare, without the envelope. */
  const sendBareError = (req: IncomingMessage, res: ServerResponse, error: KuzzleError) => {
    const headers: Record<string, string> = {
      'Access-Control-Allow-Headers': ALLOW_HEADERS,
      'Access-Control-Allow-Methods': ALLOW_METHODS,
      'Content-Type': 'application/json',
    };
    const origin = req.headers.origin;
    if (origin && core.allowsAnyOrigin) headers['Access-Control-Allow-Origin'] = '*';
    else if (origin) {
      headers['Access-Control-Allow-Origin'] = origin;
      headers.Vary = 'Origin';
    }
    res.writeHead(error.status, headers);
    res.end(JSON.stringify(error.toJSON()));
  };

  const handleHttp = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const verb = (req.method ?? 'GET').toUpperCase();
    const baseUrl = `http://${req.headers.host ?? `${host}:${port}`}`;

    if (url.pathname.startsWith('/_dev/')) return handleDevRoute(req, res, url, verb, baseUrl);

    const fault = faults.current;
    if (url.pathname !== '/_healthcheck') {
      if (fault.mode === 'down') return void req.socket.destroy();
      if (fault.mode === 'html502') {
        if (fault.delayMs > 0) await sleep(fault.delayMs);
        res.writeHead(502, { 'Content-Type': 'text/html' });
        return void res.end('<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>');
      }
      if (fault.mode === 'bare-error') return sendBareError(req, res, kerror('network.http.unexpected_error', 'simulated fault (bare-error)'));
      if (fault.mode === 'redirect-away' && !url.pathname.startsWith('/_login/')) {
        // The same path on the other loopback name: another origin, as a hijacked proxy would answer.
        const requestHost = req.headers.host ?? `${host}:${port}`;
        const otherHost = requestHost.startsWith('localhost') ? requestHost.replace(/^localhost/, '127.0.0.1') : `localhost:${requestHost.split(':').pop()}`;
        res.writeHead(307, { Location: `http://${otherHost}${url.pathname}${url.search}`, 'Content-Length': '0' });
        return void res.end();
      }
    }

    const requestIdHeader = req.headers['x-kuzzle-request-id'];
    const requestId = typeof requestIdHeader === 'string' && requestIdHeader !== '' ? requestIdHeader : randomUUID();
    const volatileOrError = parseVolatile(req.headers['x-kuzzle-volatile']);
    const pretty = url.searchParams.has('pretty');
    const bare = { controller: null, action: null, requestId, volatile: null };

    const read = await readBody(req);
    if (read instanceof Error) return sendBareError(req, res, read as KuzzleError);

    if (verb === 'OPTIONS') return sendEnvelope(req, res, bare, { status: 200, error: null, result: {}, headers: {} }, pretty);
    if (!KNOWN_VERBS.has(verb)) return sendEnvelope(req, res, bare, failure(kerror('network.http.unsupported_verb', verb)), pretty);
    if (volatileOrError instanceof Error) return sendEnvelope(req, res, bare, failure(volatileOrError as KuzzleError), pretty);
    const volatile = volatileOrError;

    if (verb === 'GET' && url.pathname === '/_healthcheck') {
      return sendEnvelope(req, res, { ...bare, volatile }, { status: 200, error: null, result: null, headers: {} }, pretty);
    }
    if (verb === 'GET' && url.pathname === '/_ready') {
      const ready = !core.faults.overloaded;
      const response = ready ? { status: 200, error: null, result: null, headers: {} } : failure(kerror('api.process.overloaded'));
      return sendEnvelope(req, res, { ...bare, volatile }, response, pretty);
    }

    // The Authorization header wins over ?jwt=.
    const jwt = tokenFromHeaders(req) ?? url.searchParams.get('jwt');
    if (verb === 'POST' && url.pathname === '/_query') {
      const data = read.body && typeof read.body === 'object' && !Array.isArray(read.body) ? (read.body as Record<string, unknown>) : {};
      const request = requestFromFrame(data, { protocol: 'http', connectionId: randomUUID(), baseUrl, fallbackRequestId: requestId, fallbackJwt: jwt, cookie: req.headers.cookie, origin: req.headers.origin });
      return sendEnvelope(req, res, request, await core.execute(request), pretty);
    }

    // Kuzzle's router adds HEAD / and nothing else for HEAD.
    const match = matchRoute(verb === 'HEAD' && url.pathname === '/' ? 'GET' : verb, url.pathname);
    if (!match) {
      return sendEnvelope(req, res, { ...bare, volatile }, failure(kerror('network.http.url_not_found', url.pathname)), pretty);
    }
    const args: Record<string, unknown> = {};
    for (const [key, value] of url.searchParams) args[key] = value;
    Object.assign(args, match.params);
    delete args.jwt;
    const { index, collection } = args;
    delete args.index;
    delete args.collection;
    const request: KuzzleRequest = {
      controller: match.route.controller,
      action: match.route.action,
      args,
      index: typeof index === 'string' ? index : undefined,
      collection: typeof collection === 'string' ? collection : undefined,
      body: read.body,
      jwt,
      volatile,
      requestId,
      protocol: 'http',
      connectionId: randomUUID(),
      baseUrl,
      cookie: req.headers.cookie,
      origin: req.headers.origin,
    };
    return sendEnvelope(req, res, request, await core.execute(request), pretty);
  };

  const handleDevRoute = async (req: IncomingMessage, res: ServerResponse, url: URL, verb: string, baseUrl: string) => {
    if (url.pathname === '/_dev/oauth/authorize') {
      if (verb === 'GET') {
        const page = authorizePage(url, users.all().map((user) => user.kuid));
        const wantsHtml = String(req.headers.accept ?? '').includes('text/html');
        const reply = wantsHtml ? page : authorizeFetchReply(`${baseUrl}${url.pathname}${url.search}`);
        res.writeHead(200, { 'Content-Type': reply.contentType, 'Cache-Control': 'no-store' });
        return void res.end(reply.body);
      }
      if (verb === 'POST') {
        const text = await readText(req);
        const form = new URLSearchParams(text);
        const redirectUri = form.get('redirect_uri') || `${baseUrl}/_login/oauth-dev`;
        let target: URL;
        try {
          target = new URL(redirectUri);
          if (target.protocol !== 'http:' && target.protocol !== 'https:') throw new Error('scheme');
        } catch {
          res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
          return void res.end(`redirect_uri must be an absolute http(s) URL, got "${redirectUri}".`);
        }
        let code: string;
        try {
          code = core.grantOAuthCode(form.get('account') ?? '', form.get('state'));
        } catch (error) {
          res.writeHead(400, { 'Content-Type': 'text/plain; charset=utf-8' });
          return void res.end(`${(error as Error).message} Choose one of the listed accounts.`);
        }
        target.searchParams.set('code', code);
        const state = form.get('state');
        if (state) target.searchParams.set('state', state);
        res.writeHead(302, { Location: target.toString(), 'Content-Length': '0' });
        return void res.end();
      }
    }
    if (url.pathname === '/_dev/faults') {
      if (!isLoopback(req.socket)) {
        res.writeHead(403, { 'Content-Type': 'application/json' });
        return void res.end(JSON.stringify({ error: 'The fault switch only answers on loopback addresses.' }));
      }
      if (verb === 'GET') return sendJson(res, 200, faults.current);
      if (verb === 'POST') {
        let parsed: unknown;
        try {
          parsed = JSON.parse((await readText(req)) || '{}');
        } catch {
          return sendJson(res, 400, { error: 'Send JSON like {"mode": "slow", "delayMs": 2000}.' });
        }
        const { mode, delayMs } = (parsed ?? {}) as { mode?: unknown; delayMs?: unknown };
        if (typeof mode !== 'string' || !(FAULT_MODES as readonly string[]).includes(mode)) {
          return sendJson(res, 400, { error: `"mode" must be one of ${FAULT_MODES.join(', ')}.` });
        }
        if (delayMs !== undefined && (typeof delayMs !== 'number' || !Number.isFinite(delayMs) || delayMs < 0)) {
          return sendJson(res, 400, { error: '"delayMs" must be a number of milliseconds, 0 or more.' });
        }
        faults.set(mode as FaultMode, delayMs as number | undefined);
        return sendJson(res, 200, faults.current);
      }
    }
    sendJson(res, 404, { error: `No dev route ${verb} ${url.pathname}. Known: GET/POST /_dev/faults, GET/POST /_dev/oauth/authorize.` });
  };

  const server = createServer((req, res) => {
    handleHttp(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end(`kuzzle-dev-server internal error: ${String(error)}`);
    });
  });

  // ── WebSocket ──────────────────────────────────────────────────────────────────────────────

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_REQUEST_SIZE });
  server.on('upgrade', (req, socket, head) => {
    if (faults.current.mode === 'down') return void socket.destroy();
    wss.handleUpgrade(req, socket, head, (ws) => onWebSocket(ws, req));
  });

  const onWebSocket = (ws: WebSocket, req: IncomingMessage) => {
    const connectionId = randomUUID();
    const baseUrl = `http://${req.headers.host ?? `${host}:${port}`}`;
    sockets.set(connectionId, ws);
    ws.on('close', () => {
      sockets.delete(connectionId);
      core.unlink(connectionId);
    });
    ws.on('message', (raw) => {
      void (async () => {
        let data: unknown;
        try {
          data = JSON.parse(raw.toString());
          if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('a request must be a JSON object');
        } catch (error) {
          const reply = envelope(
            { controller: null, action: null, requestId: randomUUID(), volatile: null },
            failure(kerror('network.websocket.unexpected_error', (error as Error).message)),
          );
          return ws.send(JSON.stringify(reply));
        }
        const frame = data as Record<string, unknown>;
        if (frame.p === 1 && Object.keys(frame).length === 1) return ws.send('{"p":2}');
        const request = requestFromFrame(frame, { protocol: 'websocket', connectionId, baseUrl, fallbackRequestId: randomUUID(), fallbackJwt: null, cookie: req.headers.cookie, origin: req.headers.origin });
        const response = await core.execute(request);
        if (faults.current.mode === 'slow') await sleep(faults.current.delayMs);
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ ...envelope(request, response), room: request.requestId }));
      })();
    });
  };

  const sweeper = setInterval(() => core.sweep(), options.sweepIntervalMs ?? 250);
  sweeper.unref();

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 7512, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const urlHost = host.includes(':') ? `[${host}]` : host;

  return {
    url: `http://${urlHost}:${port}`,
    port,
    nodeId,
    users: users.all().map((user) => user.kuid),
    setFault: (mode, delayMs) => faults.set(mode, delayMs),
    close: () =>
      new Promise<void>((resolve) => {
        clearInterval(sweeper);
        core.dispose();
        for (const socket of sockets.values()) socket.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function failure(error: KuzzleError): KuzzleResponse {
  return { status: error.status, error, result: null, headers: {} };
}

interface ReadBody {
  body: unknown;
}

/** Reads and decodes an HTTP body the way Kuzzle's HTTP entry point does, or returns the bare error. */
async function readBody(req: IncomingMessage): Promise<ReadBody | KuzzleError> {
  const contentType = req.headers['content-type'];
  let mime = '';
  if (contentType) {
    const [type = '', ...params] = contentType.split(';').map((part) => part.trim());
    mime = type.toLowerCase();
    if (!['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'].includes(mime)) {
      req.resume();
      return kerror('network.http.unsupported_content', type);
    }
    const charset = params.find((param) => param.toLowerCase().startsWith('charset='));
    const charsetValue = charset?.slice('charset='.length).replace(/^"|"$/g, '');
    if (charsetValue !== undefined && charsetValue.toLowerCase() !== 'utf-8') {
      req.resume();
      return kerror('network.http.unsupported_charset', charsetValue.toLowerCase());
    }
  }
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > MAX_REQUEST_SIZE) {
    req.resume();
    return kerror('network.http.request_too_large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  let tooLarge = false;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_SIZE) tooLarge = true;
    else chunks.push(chunk);
  }
  if (tooLarge) return kerror('network.http.request_too_large');
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.length === 0) return { body: null };
  if (mime === 'application/x-www-form-urlencoded') return { body: Object.fromEntries(new URLSearchParams(text)) };
  // multipart bodies are accepted but not decoded (no auth action needs them).
  if (mime === 'multipart/form-data') return { body: null };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return kerror('network.http.body_parse_failed', text.slice(0, 50));
  }
}

async function readText(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size <= MAX_REQUEST_SIZE) chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseVolatile(header: string | string[] | undefined): Record<string, unknown> | null | KuzzleError {
  if (typeof header !== 'string') return null;
  try {
    const parsed: unknown = JSON.parse(header);
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed)) return parsed as Record<string, unknown>;
  } catch {
    // reported below
  }
  return kerror('network.http.volatile_parse_failed', header);
}

/** `Authorization: Bearer <token>`: scheme case-insensitive, the token is everything after 7 characters. */
function tokenFromHeaders(req: IncomingMessage): string | null {
  const authorization = req.headers.authorization;
  if (typeof authorization !== 'string' || authorization.slice(0, 7).toLowerCase() !== 'bearer ') return null;
  return authorization.slice(7);
}

const SPECIAL_KEYS = new Set(['controller', 'action', 'body', 'jwt', 'volatile', 'requestId', 'index', 'collection']);

function requestFromFrame(
  frame: Record<string, unknown>,
  context: { protocol: 'http' | 'websocket'; connectionId: string; baseUrl: string; fallbackRequestId: string; fallbackJwt: string | null; cookie?: string; origin?: string },
): KuzzleRequest {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(frame)) if (!SPECIAL_KEYS.has(key)) args[key] = value;
  const { volatile, requestId, index, collection, jwt } = frame;
  return {
    controller: frame.controller,
    action: frame.action,
    args,
    index: typeof index === 'string' ? index : undefined,
    collection: typeof collection === 'string' ? collection : undefined,
    body: frame.body ?? null,
    jwt: typeof jwt === 'string' ? jwt : context.fallbackJwt,
    volatile: volatile && typeof volatile === 'object' && !Array.isArray(volatile) ? (volatile as Record<string, unknown>) : null,
    requestId: typeof requestId === 'string' && requestId !== '' ? requestId : context.fallbackRequestId,
    protocol: context.protocol,
    connectionId: context.connectionId,
    baseUrl: context.baseUrl,
    cookie: context.cookie,
    origin: context.origin,
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

function isLoopback(socket: Socket): boolean {
  const address = socket.remoteAddress ?? '';
  return address.startsWith('127.') || address === '::1' || address.startsWith('::ffff:127.');
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
