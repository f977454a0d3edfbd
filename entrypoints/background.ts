import { browser } from 'wxt/browser';
import { defineBackground } from 'wxt/utils/define-background';
import { badgeFor } from '../lib/badge';
import { createDispatcher } from '../lib/dispatcher';
import { permissionPatternsToRelease } from '../lib/inject/binding';
import { matchPatternFor } from '../lib/inject/origins';
import { createPageSync } from '../lib/inject/page-sync';
import { PLANTED_ENV_KEY } from '../lib/inject/admin-console';
import { readConsoleConnections } from '../lib/inject/console-connections';
import { createKuzzleClient } from '../lib/kuzzle/client';
import { isEvent } from '../lib/messages';
import { createSenderClassifier } from '../lib/senders';
import { createBroadcast } from '../lib/session/broadcast';
import { createHandlers } from '../lib/session/handlers';
import { navigatorLocks } from '../lib/session/locks';
import { createSessionManager } from '../lib/session/manager';
import { createRefreshScheduler } from '../lib/session/scheduler';
import { browserNameOf } from '../lib/session/stay-signed-in';
import { createDurableStore, createStaleOriginStore } from '../lib/store/database';
import { createSessionStore } from '../lib/store/store';

// Wiring only: listeners are registered synchronously in main(), then call into lib/.
export default defineBackground(() => {
  const warn = (message: string, error?: unknown) => console.warn(`[kuzzle-session-manager] ${message}`, error ?? '');
  const now = () => Date.now();
  const extensionName = browser.runtime.getManifest().name;
  const errorContext = { extensionOrigin: browser.runtime.getURL('/').replace(/\/$/, '') };

  const scheduler = createRefreshScheduler({
    alarms: browser.alarms,
    timers: { set: (callback, delay) => setTimeout(callback, delay), clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) },
    now,
    onDue: (accountId) => void manager.refresh(accountId).catch((error) => warn('A refresh failed', error)),
  });
  const manager = createSessionManager({
    store: createSessionStore({ useStore: createDurableStore(), now }),
    clientFor: (baseUrl) => createKuzzleClient({ baseUrl, fetch: (input, init) => fetch(input, init) }),
    now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    scheduler,
    locks: navigatorLocks(navigator.locks),
    broadcast: createBroadcast((event) => browser.runtime.sendMessage(event), warn),
    pageSync: createPageSync({
      scripting: browser.scripting,
      tabs: browser.tabs,
      onTabError: (tabId, error) => warn(`Tab ${tabId} could not be updated`, error),
      staleStore: createStaleOriginStore(),
      // Chromium honours ports in match patterns; Firefox does not (lib/inject/stale-pages.ts).
      exactPorts: !import.meta.env.FIREFOX,
    }),
    hasOriginPermission: (origin) => browser.permissions.contains({ origins: [matchPatternFor(origin)] }),
    releaseOriginPermissions: async (removedOrigins, servers, keptOrigins = []) => {
      const origins = permissionPatternsToRelease(servers, removedOrigins, browser.runtime.getManifest().host_permissions ?? [], keptOrigins);
      if (origins.length > 0) await browser.permissions.remove({ origins });
    },
    tabs: {
      open: async (url) => {
        const tab = await browser.tabs.create({ url });
        if (tab.id === undefined) throw new Error("The browser opened no tab for the sign-in.");
        return tab.id;
      },
      close: (tabId) => browser.tabs.remove(tabId),
      readText: async (tabId) => {
        const [frame] = await browser.scripting.executeScript({ target: { tabId }, func: () => document.body?.innerText ?? '' });
        return typeof frame?.result === 'string' ? frame.result : '';
      },
    },
    readConsoleEnvironments: async (origin) => {
      const tabs = await browser.tabs.query({ active: true, url: matchPatternFor(origin) });
      const tab = tabs.find((candidate) => candidate.id !== undefined && candidate.url !== undefined && new URL(candidate.url).origin === origin);
      if (tab?.id === undefined) return null;
      const [frame] = await browser.scripting.executeScript({ target: { tabId: tab.id, frameIds: [0] }, func: readConsoleConnections, args: [origin, PLANTED_ENV_KEY] });
      return frame?.result ?? null;
    },
    newId: () => crypto.randomUUID(),
    onStateChanged: () => void updateBadges(),
    warn,
    errorContext,
    browserName: browserNameOf(navigator.userAgent),
  });
  const dispatch = createDispatcher(
    createHandlers(manager),
    createSenderClassifier({
      runtimeId: browser.runtime.id,
      extensionBaseUrl: browser.runtime.getURL('/'),
      isBoundOrigin: manager.isBoundOrigin,
      isStaleOrigin: manager.isStaleOrigin,
    }),
    errorContext,
  );

  async function updateBadge(tabId: number, url: string | undefined): Promise<void> {
    const badge = badgeFor({ extensionName, ...(await manager.activeForUrl(url)), now: now() });
    await Promise.all([
      browser.action.setBadgeText({ tabId, text: badge.text }),
      browser.action.setBadgeBackgroundColor({ tabId, color: badge.backgroundColor }),
      browser.action.setTitle({ tabId, title: badge.title }),
    ]);
  }
  async function updateBadges(): Promise<void> {
    const tabs = await browser.tabs.query({ active: true });
    await Promise.all(tabs.map((tab) => (tab.id === undefined ? undefined : updateBadge(tab.id, tab.url)))).catch((error) => warn('Badge not updated', error));
  }

  browser.runtime.onMessage.addListener((message, sender) => {
    if (isEvent(message)) return undefined;
    return dispatch(message, sender);
  });
  browser.alarms.onAlarm.addListener((alarm) => void scheduler.handleAlarm(alarm.name));
  browser.tabs.onUpdated.addListener((tabId, change, tab) => {
    void (async () => {
      await manager.onTabUpdated(tabId, tab.url, change.status === 'complete');
      if (tab.active && (change.url || change.status === 'complete')) await updateBadge(tabId, tab.url);
    })().catch((error) => warn('A tab update was not handled', error));
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void manager.onTabRemoved(tabId).catch((error) => warn('A closed tab was not handled', error));
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void browser.tabs.get(tabId).then((tab) => updateBadge(tabId, tab.url)).catch((error) => warn('Badge not updated', error));
  });
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'next-account') return;
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => manager.cycleAccount(tab?.url))
      .catch((error) => warn('The next-account command failed', error));
  });

  // At every start: alarms made again and every session checked. Requests do not wait for it: a
  // server that does not answer would otherwise hold the popup for the length of a timeout.
  void manager
    .start()
    .catch((error) => warn('Start-up check failed', error))
    .then(updateBadges);
});
