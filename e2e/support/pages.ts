import { createServer, type Server } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
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
  stop(): Promise<void>;
}

/** Serves e2e/pages/ (and the kuzzle-sdk browser build as /kuzzle-sdk.js) on one port. */
async function servePages(port: number): Promise<Server> {
  const server = createServer(async (req, res) => {
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
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    // Every interface: "localhost" may resolve to ::1 in Chromium.
    server.listen(port, () => resolve());
  });
  return server;
}

/** The same pages on three origins, to test that a binding is exact. */
export async function startTestSites(): Promise<TestSites> {
  const ports = [await freePort(), await freePort(), await freePort()] as const;
  const servers = await Promise.all(ports.map((port) => servePages(port)));
  return {
    bound: `http://127.0.0.1:${ports[0]}`,
    unbound: `http://localhost:${ports[1]}`,
    otherPort: `http://127.0.0.1:${ports[2]}`,
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

/** Sends a request to the worker from an extension page, as the popup and the options page do. */
export async function ask<T extends RequestType>(page: Page, type: T, payload: Omit<RequestOf<T>, 'type'>): Promise<ReplyOf<T>> {
  const reply = (await page.evaluate(
    (message) => (globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }).chrome.runtime.sendMessage(message),
    { ...payload, type },
  )) as
    | { ok: true; value: ReplyOf<T> }
    | { ok: false; error: { message: string } };
  if (!reply.ok) throw new Error(`${type} failed: ${reply.error.message}`);
  return reply.value;
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