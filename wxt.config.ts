import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** Prints what the popup loads (the scripts, preloads and styles of its HTML), raw and gzip: the popup must stay small. */
function reportPopupSize(outDir: string): void {
  const html = readFileSync(join(outDir, 'popup.html'), 'utf8');
  const files = [...html.matchAll(/(?:src|href)="\/([^"]+\.(js|css))"/g)];
  const kB = (n: number) => `${(n / 1024).toFixed(1)} kB`;
  for (const kind of ['js', 'css']) {
    const bytes = files.filter((match) => match[2] === kind).map((match) => readFileSync(join(outDir, match[1]!)));
    const raw = bytes.reduce((sum, file) => sum + file.length, 0);
    const gzip = bytes.reduce((sum, file) => sum + gzipSync(file, { level: 9 }).length, 0);
    console.log(`Popup ${kind.toUpperCase()} (${bytes.length} files): ${kB(raw)} raw, ${kB(gzip)} gzip`);
  }
}

// The extension asks for each Kuzzle server's origin when the user adds it
// (optional_host_permissions). Loopback is granted up front: a local Kuzzle is the
// common developer case, and headless tests cannot answer a permission prompt.
const LOOPBACK_ORIGINS = ['http://127.0.0.1/*', 'http://localhost/*'];

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Explicit imports keep every dependency visible in the file that uses it.
  imports: false,
  vite: () => ({
    plugins: [preact()],
  }),
  hooks: {
    'build:done': (wxt) => reportPopupSize(wxt.config.outDir),
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage', 'alarms', 'scripting', 'activeTab', 'tabs'],
    host_permissions: LOOPBACK_ORIGINS,
    optional_host_permissions: ['http://*/*', 'https://*/*'],
    action: { default_title: '__MSG_extName__' },
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandOpenPopup__',
      },
      'next-account': {
        suggested_key: { default: 'Alt+Shift+N' },
        description: '__MSG_commandNextAccount__',
      },
    },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: {
              id: 'kuzzle-session-manager@kuzzle.example',
              strict_min_version: '142.0',
              data_collection_permissions: { required: ['none'] },
            },
          },
        }
      : {}),
  }),
});
