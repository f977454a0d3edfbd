// The command line as `npm run kuzzle` runs it: the listening line, the demo users, clean exits.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { external } from '../test-support/dev-server/fidelity';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const TSX = fileURLToPath(new URL('../node_modules/tsx/dist/cli.mjs', import.meta.url));

function runCli(args: string[]) {
  const child = spawn(process.execPath, [TSX, 'kuzzle-dev-server/cli.ts', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const listening = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', () => {
      const match = /Kuzzle dev server listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(stdout);
      if (match) resolve(match[1] as string);
    });
    child.on('exit', () => reject(new Error(`exited early: ${stderr}`)));
  });
  // Runs that are meant to fail never listen; their rejection is expected, not unhandled.
  listening.catch(() => {});
  return { child, exited, listening, output: () => ({ stdout, stderr }) };
}

describe.skipIf(external)('cli', () => {
  it('prints where it listens and the demo users, serves, and exits 0 on SIGTERM', async () => {
    const run = runCli(['--port', '0', '--expires-in', '40s']);
    const url = await run.listening;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(run.output().stdout).toContain('user alice / alice-password (profile default)');
    expect(run.output().stdout).toContain('user admin / admin-password (profile admin)');
    const login = await fetch(`${url}/_login/local`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'alice', password: 'alice-password' }),
    });
    expect(((await login.json()) as { result: { ttl: number } }).result.ttl).toBe(40_000);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('refuses a bad flag value with a message that says what to give', async () => {
    const run = runCli(['--port', '0', '--expires-in', 'soon']);
    expect(await run.exited).toBe(2);
    expect(run.output().stderr).toContain('kuzzle-dev-server: --expires-in: "soon" is not a duration. Give milliseconds');
    const fault = runCli(['--fault', 'meteor']);
    expect(await fault.exited).toBe(2);
    expect(fault.output().stderr).toContain('--fault must be one of none, down, slow');
  });
});
