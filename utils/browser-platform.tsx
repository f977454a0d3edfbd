import { render, type ComponentChildren } from 'preact';
import { I18nContext } from '../hooks/use-t';
/*
 * The pages use the browser's own promise-based API, not webextension-polyfill (which `wxt/browser`
 * is): everything they call (sendMessage, events they only listen to, permissions, tabs, i18n)
 * returns promises natively in Chrome's MV3 and in Firefox, and the polyfill would be about 3 kB
 * gzip of the popup's budget. The worker and the content script keep it: they answer messages by
 * returning a promise from onMessage, which Chrome's own API does not support.
 */
import { browser } from '@wxt-dev/browser';
import { createRequester } from '../lib/messaging';
import { isEvent } from '../lib/messages';
import { workerCheckOf, type SenderLike } from '../lib/senders';
import { originOf } from '../lib/server-url';
import { createTranslator } from '../lib/i18n';
import type { Platform } from '../hooks/use-extension';

/** What the browser gives the pages beyond the protocol. */
export interface BrowserPlatform extends Platform {
  /** The active tab's origin when it is an http(s) page, else null. */
  currentTabOrigin: () => Promise<string | null>;
  openOptions: () => void;
}

/** The real browser behind the pages' Platform; the only file of the pages that touches `browser`. */
export function browserPlatform(): BrowserPlatform {
  const fromWorker = workerCheckOf(browser.runtime);
  return {
    request: createRequester((message) => browser.runtime.sendMessage(message)),
    subscribe: (listener) => {
      const onMessage = (message: unknown, sender: SenderLike) => {
        // A bound page's content script reaches these pages too: only the worker's events count.
        if (isEvent(message) && fromWorker(sender)) listener(message);
        // Returning nothing: the pages never answer messages, the worker does.
      };
      browser.runtime.onMessage.addListener(onMessage);
      return () => browser.runtime.onMessage.removeListener(onMessage);
    },
    requestHostPermission: (pattern) => browser.permissions.request({ origins: [pattern] }),
    currentTabOrigin: async () => {
      const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
      return tab?.url ? originOf(tab.url) : null;
    },
    openOptions: () => void browser.runtime.openOptionsPage(),
  };
}

// WXT types getMessage with the keys it saw at `wxt prepare`, which may lag behind messages.json.
const getMessage = browser.i18n.getMessage as (key: string) => string;
/**
 * No bundled English catalog here: the browser itself falls back to the `default_locale` (en)
 * for a key a locale lacks, and leaving the catalog out keeps the popup under its size budget.
 */
export const browserTranslate = createTranslator((key) => getMessage(key), {});

/** Renders a page at once, in the browser's language: the shell paints before the worker answers. */
export function mountPage(page: ComponentChildren): void {
  document.documentElement.lang = browser.i18n.getUILanguage() || 'en';
  render(<I18nContext.Provider value={browserTranslate}>{page}</I18nContext.Provider>, document.getElementById('app')!);
}
