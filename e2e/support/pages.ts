import { execFile } from 'node:child_process';
import { createServer, type RequestListener, type Server } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import type { LoginReply, ReplyOf, RequestOf, RequestType } from '../../lib/messages';
import type { ServerView } from '../../lib/model';
import { openOptions, type ExtensionBrowser } from './browser';
import { freePort } from './kuzzle';

const PAGES_DIR = fileURLToPath(new URL('../pages', import.meta.url));
const KUZZLE_SDK = fileURLToPath(new URL('../../node_modules/kuzzle-sdk/dist/kuzzle.js', import.meta.url));

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8' };

export interface TestSites {
  /** The origin the specs bind: http://127.0.0.1:<p1>. */
  bound: string;
  /** Another host, never bound: http://localhost:<p2>. */
  unbound: string;
  /** The bound host on another port (same match pattern, other origin): http://127.0.0.1:<p3>. */
  otherPort: string;
  /**
   * The bound host and port over the other scheme: https://127.0.0.1:<p1>. Its certificate is
   * self-signed: launch the browser with `ignoreHTTPSErrors`.
   */
  boundHttps: string;
  stop(): Promise<void>;
}

/** Answers with e2e/pages/ (and the kuzzle-sdk browser build as /kuzzle-sdk.js). */
const servePageFiles: RequestListener = async (req, res) => {
  const pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
  const file = pathname === '/kuzzle-sdk.js' ? KUZZLE_SDK : path.join(PAGES_DIR, pathname === '/' ? 'console.html' : pathname);
  if (!file.startsWith(PAGES_DIR) && file !== KUZZLE_SDK) {
    res.writeHead(403).end();
    return;
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-store' }).end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' }).end(`${pathname} is not a test page`);
  }
};

async function listenOn<T extends NetServer>(server: T, port: number): Promise<T> {
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Every interface: "localhost" may resolve to ::1 in Chromium.
    server.listen(port, () => resolve());
  });
  return server;
}

/** Serves the test pages over http on one port. */
function servePages(port: number): Promise<Server> {
  return listenOn(createServer(servePageFiles), port);
}

const run = promisify(execFile);

/** A key and a self-signed certificate for 127.0.0.1, made now and kept in memory only. */
async function loopbackCertificate(): Promise<{ key: Buffer; cert: Buffer }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ksm-tls-'));
  try {
    const key = path.join(dir, 'key.pem');
    const cert = path.join(dir, 'cert.pem');
    await run('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes', '-days', '1',
      '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', key, '-out', cert,
    ]);
    return { key: await readFile(key), cert: await readFile(cert) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A TLS record starts with its content type; a ClientHello is a handshake record (22). */
const TLS_HANDSHAKE = 0x16;

/**
 * Serves the test pages over http AND https on one port, so that two origins differ by their
 * scheme only: each connection goes to the TLS or the plain server by its first byte.
 */
async function servePagesOnBothSchemes(port: number): Promise<{ close(callback: () => void): void }> {
  const plain = createServer(servePageFiles);
  const secure = createTlsServer(await loopbackCertificate(), servePageFiles);
  const sockets = new Set<Socket>();
  const front = createNetServer({ pauseOnConnect: true }, (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    // A client that connects and sends nothing, or resets, must not leave an error unhandled.
    socket.on('error', () => socket.destroy());
    socket.once('readable', () => {
      const first = socket.read(1) as Buffer | null;
      if (first === null) {
        socket.destroy();
        return;
      }
      // Back in front of what the server chosen will read: it sees the connection from its first byte.
      socket.unshift(first);
      (first[0] === TLS_HANDSHAKE ? secure : plain).emit('connection', socket);
    });
  });
  await listenOn(front, port);
  return {
    close(callback) {
      // Keep-alive connections (Chromium's) would hold close() open.
      for (const socket of sockets) socket.destroy();
      plain.close();
      secure.close();
      front.close(() => callback());
    },
  };
}

/** The same pages on four origins, to test that a binding is exact. */
export async function startTestSites(): Promise<TestSites> {
  const ports = [await freePort(), await freePort(), await freePort()] as const;
  const servers = await Promise.all([servePagesOnBothSchemes(ports[0]), servePages(ports[1]), servePages(ports[2])]);
  return {
    bound: `http://127.0.0.1:${ports[0]}`,
    unbound: `http://localhost:${ports[1]}`,
    otherPort: `http://127.0.0.1:${ports[2]}`,
    boundHttps: `https://127.0.0.1:${ports[0]}`,
    stop: async () => {
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
    },
  };
}

/** Starts the test sites once for a spec file (`beforeAll`), stops them after it; the getter gives them to tests. */
export function useTestSites(test: { beforeAll(fn: () => Promise<void>): void; afterAll(fn: () => Promise<void>): void }): () => TestSites {
  let sites: TestSites | undefined;
  test.beforeAll(async () => {
    sites = await startTestSites();
  });
  test.afterAll(async () => {
    await sites?.stop();
  });
  return () => {
    if (!sites) throw new Error('the test sites are not started');
    return sites;
  };
}

// ---- Steps shared by the e2e/inject-*.spec.ts specs ----

/** Runs in an extension page: sends one message of the protocol to the worker, as the popup does. */
export function sendFromExtensionPage(message: unknown): Promise<unknown> {
  return (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message);
}

/** A request of the protocol through `send` (an extension page's, in any browser), its reply unwrapped. */
export async function askThrough<T extends RequestType>(send: (message: unknown) => Promise<unknown>, type: T, payload: Omit<RequestOf<T>, 'type'>): Promise<ReplyOf<T>> {
  const reply = (await send({ ...payload, type })) as { ok: true; value: ReplyOf<T> } | { ok: false; error: { message: string } };
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.message}`);
  return reply.value;
}

/** Sends a request to the worker from an extension page, as the popup and the options page do. */
export function ask<T extends RequestType>(page: Page, type: T, payload: Omit<RequestOf<T>, 'type'>): Promise<ReplyOf<T>> {
  return askThrough((message) => page.evaluate(sendFromExtensionPage, message), type, payload);
}

export interface SignedInServer {
  extensionPage: Page;
  server: ServerView;
  accountIds: Record<string, string>;
}

/** Adds the server, logs the users in (the last one ends up active) and binds `origin`, through the worker. */
export async function setUpBoundServer(extension: ExtensionBrowser, kuzzleUrl: string, origin: string, users: string[] = ['alice']): Promise<SignedInServer> {
  const extensionPage = await openOptions(extension);
  const server = await ask(extensionPage, 'addServer', { url: kuzzleUrl, name: 'Local' });
  const accountIds: Record<string, string> = {};
  for (const user of users) {
    const reply: LoginReply = await ask(extensionPage, 'login', {
      serverId: server.id,
      strategy: 'local',
      credentials: { username: user, password: `${user}-password` },
      displayName: user,
    });
    if (reply.outcome !== 'active') throw new Error(`login of ${user} did not complete: ${JSON.stringify(reply)}`);
    accountIds[user] = reply.accountId;
  }
  await ask(extensionPage, 'bindOrigin', { serverId: server.id, origin });
  return { extensionPage, server, accountIds };
}

/** How many times the console-like page booted in this tab (its own sessionStorage counter). */
export function boots(page: Page): Promise<number> {
  return page.evaluate(() => Number(sessionStorage.getItem('test:boots')));
}