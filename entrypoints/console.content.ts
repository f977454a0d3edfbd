import { browser } from 'wxt/browser';
import { defineContentScript } from 'wxt/utils/define-content-script';
import { isEvent } from '../lib/messages';
import { createRequester } from '../lib/messaging';
import { workerCheckOf } from '../lib/senders';
import { reloadOnAppRoot, startBoundPage } from '../lib/inject/bound-page';
import { STALE_MARK_GLOBAL } from '../lib/inject/stale-pages';

// Registered at run time for the bound origins only (lib/inject/page-sync.ts); built to
// content-scripts/console.js. It runs on every load of a bound page: keep it small.
export default defineContentScript({
  registration: 'runtime',
  matches: [],
  runAt: 'document_start',
  allFrames: false,
  // WXT's start-up postMessage would reach the page's own message listeners for nothing.
  noScriptStartedPostMessage: true,
  main() {
    if (window.top !== window) return;
    // Right after a browser start or an update the worker may not be reachable yet: try again briefly.
    const fromWorker = workerCheckOf(browser.runtime);
    const request = createRequester((message) => browser.runtime.sendMessage(message), { retries: 3, delayMs: 100 });
    startBoundPage({
      window,
      requestSession: () => request('getPageSession', {}),
      onSessionChanged(listener) {
        browser.runtime.onMessage.addListener((message, sender) => {
          // Only the worker speaks to this script: not another tab's content script, not an extension page.
          if (!fromWorker(sender)) return;
          if (isEvent(message) && message.event === 'pageSessionChanged') listener(message.session, message.reason);
        });
      },
      reloadOnAppRoot,
      // Set just before, by stale-mark.js (public/), on origins that may hold what was taken away.
      stale: (globalThis as Record<string, unknown>)[STALE_MARK_GLOBAL] === true,
      reportPlanted: (token) => request('reportPlantedToken', token === null ? {} : { jwt: token }),
    });
  },
});
