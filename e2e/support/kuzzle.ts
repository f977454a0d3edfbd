import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface KuzzleUnderTest {
  /** Base URL, e.g. http://127.0.0.1:7512 */
  url: string;
  /** True when the tests run against a real Kuzzle given by KUZZLE_URL. */
  external: boolean;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      if (address && typeof address === 'object') {
        const { port } = address;
        server.close(() => resolve(port));
      } else reject(new Error('no port'));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess | null, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`dev server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/_healthcheck`);
      if (res.ok) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Kuzzle at ${url} did not answer /_healthcheck in ${timeoutMs} ms: ${String(lastError)}`);
}

/**
 * Starts the project's Kuzzle-compatible development server on a free loopback port, with extra
 * flags (`--expires-in 5s` …), or uses the real Kuzzle named by KUZZLE_URL when flags allow it.
 */
export async function startKuzzle(flags: string[] = []): Promise<KuzzleUnderTest> {
  const external = process.env.KUZZLE_URL;
  if (external && flags.length === 0) {
    const url = external.replace(/\/+$/, '');
    await waitForHealth(url, null);
    return { url, external: true, stop: async () => {} };
  }
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [path.join(ROOT, 'node_modules/tsx/dist/cli.mjs'), path.join(ROOT, 'kuzzle-dev-server/cli.ts'), '--port', String(port), ...flags],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, child);
  } catch (error) {
    child.kill('SIGKILL');
    throw new Error(`${(error as Error).message}\n--- dev server output ---\n${output}`);
  }
  return {
    url,
    external: false,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}
