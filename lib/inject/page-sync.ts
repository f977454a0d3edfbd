/**
 * `PageSync` over the browser's scripting and tabs APIs: keeps the content script registered for
 * exactly the bound origins, and keeps the open tabs of a bound origin current when its session
 * changes (storage in the console's shape, the live SDK token, and an event for the page bridge).
 */
import type { Scripting, Tabs } from 'webextension-polyfill';
import type { EventOf } from '../messages';
import type { PageSession, ServerRecord } from '../model';
import {
  CONSOLE_LOCAL_KEYS,
  CONSOLE_SESSION_KEYS,
  applyWrites,
  envIdFor,
  hasWrites,
  isStale,
  plantConsoleSession,
  readConsoleToken,
  reloadFingerprint,
} from './admin-console';
import { RELOAD_GUARD_KEY, onlyChanges } from './bound-page';
import { matchPatternFor, originOf, toBindableOrigin } from './origins';
import { readPageStorage, swapLiveJwt, writePageStorage, type PageStorageRead, type WriteOutcome } from './page-functions';
import type { PageSessionChangeReason, PageSync } from './types';

/** Where WXT builds `entrypoints/console.content.ts`. */
export const CONTENT_SCRIPT_FILE = 'content-scripts/console.js';
/**
 * One registration for all bound origins: two servers bound to the same host on different ports
 * share a match pattern, and one script per server would then run twice in the same page.
 */
export const CONTENT_SCRIPT_ID = 'ksm-bound-pages';
const OWN_ID_PREFIX = 'ksm-';
/** A page that keeps rewriting its storage between our read and our write is left alone after this. */
const MAX_WRITE_ATTEMPTS = 3;

export interface PageSyncDeps {
  scripting: Pick<
    Scripting.Static,
    'executeScript' | 'registerContentScripts' | 'updateContentScripts' | 'unregisterContentScripts' | 'getRegisteredContentScripts'
  >;
  tabs: {
    query(queryInfo: Tabs.QueryQueryInfoType): Promise<Tabs.Tab[]>;
    sendMessage(tabId: number, message: unknown, options?: Tabs.SendMessageOptionsType): Promise<unknown>;
  };
  /** Told about a tab that could not be updated (closed meanwhile, no permission); the others go on. */
  onTabError?: (tabId: number, error: unknown) => void;
}

/** The match patterns of every valid bound origin, sorted and without repeats. */
export function boundMatchPatterns(servers: readonly ServerRecord[]): string[] {
  const patterns = new Set<string>();
  for (const server of servers) {
    for (const origin of server.boundOrigins) {
      try {
        patterns.add(matchPatternFor(origin));
      } catch {
        // An origin that no longer parses binds nothing; the options page shows and lets the user remove it.
      }
    }
  }
  return [...patterns].sort();
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && [...a].sort().every((value, i) => value === b[i]);
}

export function createPageSync(deps: PageSyncDeps): PageSync {
  const { scripting, tabs } = deps;

  async function syncRegistrations(servers: readonly ServerRecord[]): Promise<void> {
    const matches = boundMatchPatterns(servers);
    const registered = await scripting.getRegisteredContentScripts();
    const ours = registered.filter((script) => script.id.startsWith(OWN_ID_PREFIX));
    const strays = ours.filter((script) => script.id !== CONTENT_SCRIPT_ID).map((script) => script.id);
    const current = ours.find((script) => script.id === CONTENT_SCRIPT_ID);
    if (strays.length > 0) await scripting.unregisterContentScripts({ ids: strays });

    if (matches.length === 0) {
      if (current) await scripting.unregisterContentScripts({ ids: [CONTENT_SCRIPT_ID] });
      return;
    }
    const script: Scripting.RegisteredContentScript = {
      id: CONTENT_SCRIPT_ID,
      js: [CONTENT_SCRIPT_FILE],
      matches,
      runAt: 'document_start',
      allFrames: false,
      world: 'ISOLATED',
      persistAcrossSessions: true,
    };
    if (!current) await scripting.registerContentScripts([script]);
    else if (!sameList(current.matches, matches) || current.runAt !== 'document_start' || current.allFrames) {
      await scripting.updateContentScripts([script]);
    }
  }

  /** Reads the tab's storage, plants, writes (again if the page wrote in between); returns whether it reloads. */
  async function updateStorage(tabId: number, origin: string, session: PageSession | null, reason: PageSessionChangeReason) {
    for (let attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
      const [readResult] = await scripting.executeScript({
        target: { tabId, frameIds: [0] },
        world: 'ISOLATED',
        func: readPageStorage,
        args: [origin, CONSOLE_LOCAL_KEYS, [...CONSOLE_SESSION_KEYS, RELOAD_GUARD_KEY]],
      });
      const read = readResult?.result as PageStorageRead | null | undefined;
      if (!readResult || !read) return null;
      const documentId = readResult.documentId;
      const writes = plantConsoleSession(read, session);
      // A refresh keeps the same user: the live token is swapped instead of reloading the page.
      // The content script's guard holds here too: one reload per token, so that a console that
      // rejects a token (and writes null over it) is not reloaded again and again.
      const guard = reloadFingerprint(readConsoleToken(applyWrites(read, writes)));
      const reload = reason !== 'refresh' && !read.noConsole && isStale(read, writes) && read.session[RELOAD_GUARD_KEY] !== guard;
      if (reload) writes.session[RELOAD_GUARD_KEY] = guard;
      if (!hasWrites(onlyChanges(read, writes))) return { documentId, read, reloading: false };
      const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
      const [writeResult] = await scripting.executeScript({
        target,
        world: 'ISOLATED',
        func: writePageStorage,
        args: [origin, { local: read.local, session: read.session }, writes, reload],
      });
      const outcome = writeResult?.result as WriteOutcome | undefined;
      if (outcome === 'conflict') continue;
      if (outcome !== 'written' && outcome !== 'reloading') return null;
      return { documentId, read, reloading: outcome === 'reloading' };
    }
    return null;
  }

  async function pushToTab(tabId: number, origin: string, session: PageSession | null, reason: PageSessionChangeReason) {
    const updated = await updateStorage(tabId, origin, session, reason);
    if (!updated || updated.reloading) return;
    const { documentId, read } = updated;
    // Only a refresh keeps the same user; any other change reloaded a console above (or is told through the bridge).
    const runsOurEntry = session !== null && readConsoleToken(read).envId === envIdFor(session.server);
    if (session !== null && reason === 'refresh' && (runsOurEntry || read.noConsole)) {
      await scripting.executeScript({
        target: documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] },
        world: 'MAIN',
        func: swapLiveJwt,
        args: [origin, session.jwt],
      });
    }
    const event: EventOf<'pageSessionChanged'> = { event: 'pageSessionChanged', session, reason };
    try {
      await tabs.sendMessage(tabId, event, documentId ? { documentId } : { frameId: 0 });
    } catch {
      // No content script in that page (opened before the binding, or the extension was reloaded): its storage is current anyway.
    }
  }

  async function pushSession(origins: readonly string[], session: PageSession | null, reason: PageSessionChangeReason): Promise<void> {
    const wanted = new Set<string>();
    for (const origin of origins) {
      try {
        wanted.add(toBindableOrigin(origin));
      } catch {
        // Not a bindable origin: there is no page to update for it.
      }
    }
    if (wanted.size === 0) return;
    const openTabs = await tabs.query({});
    const targets = openTabs.flatMap((tab) => {
      const origin = originOf(tab.url);
      return tab.id !== undefined && origin !== null && wanted.has(origin) ? [{ tabId: tab.id, origin }] : [];
    });
    await Promise.all(
      targets.map(({ tabId, origin }) =>
        pushToTab(tabId, origin, session, reason).catch((error: unknown) => deps.onTabError?.(tabId, error)),
      ),
    );
  }

  return { syncRegistrations, pushSession };
}
