#!/usr/bin/env node
// `npm start`: builds the extension for Chromium and Firefox, starts the Kuzzle-compatible
// development server with its demo accounts, and says how to load the extension.
// Extra arguments go to the dev server: `npm start -- --port 7600 --expires-in 40s`.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function build(args, label) {
  console.log(`\n▶ Building the extension for ${label}…`);
  const result = spawnSync(bin('wxt'), ['build', ...args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) {
    console.error(`The ${label} build failed (exit ${result.status}). Run "npm ci" first if node_modules is missing.`);
    process.exit(result.status ?? 1);
  }
}

build([], 'Chromium');
build(['-b', 'firefox', '--mv3'], 'Firefox');

const serverArgs = process.argv.slice(2);
console.log('\n▶ Starting the Kuzzle development server…\n');
const server = spawn(bin('tsx'), ['kuzzle-dev-server/cli.ts', ...serverArgs], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });

let told = false;
server.stdout.on('data', (chunk) => {
  process.stdout.write(chunk);
  const match = !told && /listening on (\S+)/.exec(String(chunk));
  if (match) {
    told = true;
    const url = match[1];
    console.log(`
────────────────────────────────────────────────────────────────────
Load the extension:
  Chromium: open chrome://extensions, turn on "Developer mode",
            click "Load unpacked" and choose
            ${path.join(root, '.output/chrome-mv3')}
  Firefox:  open about:debugging#/runtime/this-firefox, click
            "Load Temporary Add-on…" and choose
            ${path.join(root, '.output/firefox-mv3/manifest.json')}

Then open the extension's popup, enter the Server URL ${url},
click "Add server", and log in as alice / alice-password
(or bob / bob-password, admin / admin-password).

Press Ctrl+C to stop the server.
────────────────────────────────────────────────────────────────────`);
  }
});

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
