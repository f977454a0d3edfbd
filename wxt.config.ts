import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * Preact's renderer holds the bundle's only `innerHTML = <variable>`, in its `dangerouslySetInnerHTML`
 * branch, which this extension never uses; Firefox's linter warns about it (UNSAFE_VAR_ASSIGNMENT).
 * The assignment is replaced by a throw: the HTML sink is gone from the build, and a future use of
 * dangerouslySetInnerHTML fails loudly. If Preact's code changes shape, the build stops and says so.
 */
function withoutPreactHtmlSink(): Plugin {
  const sink = /\b\w+\.innerHTML=\w+\.__html\b/g;
  return {
    name: 'ksm:without-preact-html-sink',
    transform(code, id) {
      if (!/[\\/]node_modules[\\/]preact[\\/]dist[\\/]preact\.(?:module\.js|mjs|js)$/.test(id)) return null;
      const replaced = code.replace(sink, '(()=>{throw new Error("dangerouslySetInnerHTML is not supported here")})()');
      if (replaced === code || /\.innerHTML=(?!["'])/.test(replaced)) {
        this.error(`${id}: Preact's innerHTML assignment changed shape; update withoutPreactHtmlSink in wxt.config.ts.`);
      }
      return { code: replaced, map: null };
    },
  };
}

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
    plugins: [preact(), withoutPreactHtmlSink()],
  }),
  hooks: {
    'build:done': (wxt) => reportPopupSize(wxt.config.outDir),
  },
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['alarms', 'scripting', 'tabs'],
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
