import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import path from 'node:path';
import sirv from 'sirv';
import { freePort } from './kuzzle';

/**
 * The real Kuzzle Admin Console, built (its `dist/` folder), served to the e2e specs that act as a
 * console user. Its folder comes from ADMIN_CONSOLE_DIST, an absolute path (`.ci/run` sets it);
 * without it those specs are skipped, saying why.
 */

export type AdminConsoleDist = { available: true; dir: string } | { available: false; why: string };

/** Where the built console is, or why it cannot be used. */
export function adminConsoleDist(value: string | undefined = process.env.ADMIN_CONSOLE_DIST): AdminConsoleDist {
  if (!value) return { available: false, why: 'ADMIN_CONSOLE_DIST is not set (the absolute path of the built Kuzzle Admin Console, its dist/ folder)' };
  if (!path.isAbsolute(value)) return { available: false, why: `ADMIN_CONSOLE_DIST must be an absolute path, not "${value}"` };
  if (!existsSync(path.join(value, 'index.html'))) return { available: false, why: `ADMIN_CONSOLE_DIST=${value} has no index.html: it is not a built Admin Console` };
  return { available: true, dir: value };
}

const told = new Set<string>();

interface Skippable {
  skip(condition: boolean, description: string): void;
}

/**
 * Skips the tests of the file (or of the describe block it is called in) when the real console is
 * not available, and prints one line saying why. Returns the console's folder when it is.
 */
export function skipWithoutAdminConsole(test: Skippable, where = 'these specs'): string | undefined {
  const dist = adminConsoleDist();
  if (!dist.available && !told.has(where)) {
    told.add(where);
    console.log(`Skipping ${where}, which need the real Kuzzle Admin Console: ${dist.why}.`);
  }
  test.skip(!dist.available, dist.available ? '' : dist.why);
  return dist.available ? dist.dir : undefined;
}

export interface AdminConsoleSite {
  /** http://127.0.0.1:<port>, the console at its root. */
  origin: string;
  stop(): Promise<void>;
}

/**
 * Serves the built console at the root of a free loopback origin. Its router uses the hash, so any
 * path without a file extension answers index.html; a missing asset is a 404.
 */
export async function serveAdminConsole(dir: string): Promise<AdminConsoleSite> {
  const files = sirv(dir, {
    single: true,
    dev: true,
    setHeaders: (res) => res.setHeader('cache-control', 'no-store'),
  });
  const server: Server = createServer((req, res) => files(req, res));
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  return {
    origin: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve) => {
        // Keep-alive connections (Chromium's) would hold close() open.
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

interface Hooks extends Skippable {
  beforeAll(fn: () => Promise<void>): void;
  afterAll(fn: () => Promise<void>): void;
}

/**
 * For a spec file: skips it without the real console (printing why), else serves the console once
 * (`beforeAll`) and stops it after the file; the getter gives the site to tests.
 */
export function useAdminConsole(test: Hooks, where?: string): () => AdminConsoleSite {
  const dir = skipWithoutAdminConsole(test, where);
  let site: AdminConsoleSite | undefined;
  test.beforeAll(async () => {
    if (dir) site = await serveAdminConsole(dir);
  });
  test.afterAll(async () => {
    await site?.stop();
  });
  return () => {
    if (!site) throw new Error('the Admin Console is not served');
    return site;
  };
}
