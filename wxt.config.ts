import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

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
