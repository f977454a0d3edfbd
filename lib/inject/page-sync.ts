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
import { originOf, toBindableOrigin } from './origins';
import { OWN_ID_PREFIX, createStaleOrigins, pageRegistrations, plantedToken, type StaleOriginStore } from './stale-pages';
import { readPageStorage, swapLiveJwt, writePageStorage, type PageStorageRead, type WriteOutcome } from './page-functions';
import type { PageSessionChangeReason, PageSync } from './types';

export { CONTENT_SCRIPT_FILE, CONTENT_SCRIPT_ID, boundMatchPatterns } from './stale-pages';

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
  /** Where the origins whose pages may still hold a taken-back token are kept; in memory when not given (tests). */
  staleStore?: StaleOriginStore;
  /** Whether match patterns honour ports (Chromium), so that registrations are per origin; else per host (Firefox). */
  exactPorts?: boolean;
}

function memoryStaleStore(): StaleOriginStore {
  let origins: readonly string[] = [];
  return {
    read: async () => origins,
    write: async (next) => {
      origins = [...next];
    },
  };
}

function sameList(a: readonly string[] | undefined, b: readonly string[]): boolean {
  return a !== undefined && a.length === b.length && a.every((value, i) => value === b[i]);
}

export function createPageSync(deps: PageSyncDeps): PageSync {
  const { scripting, tabs } = deps;

  const stale = createStaleOrigins(deps.staleStore ?? memoryStaleStore());

  async function syncRegistrations(servers: readonly ServerRecord[]): Promise<void> {
    const wanted = pageRegistrations(servers, await stale.list(), deps.exactPorts ?? false);
    const registered = await scripting.getRegisteredContentScripts();
    const ours = registered.filter((script) => script.id.startsWith(OWN_ID_PREFIX));
    const gone = ours.filter((script) => !wanted.some((want) => want.id === script.id)).map((script) => script.id);
    if (gone.length > 0) await scripting.unregisterContentScripts({ ids: gone });
    for (const script of wanted) {
      const current = ours.find((candidate) => candidate.id === script.id);
      if (!current) await scripting.registerContentScripts([script]);
      else if (
        !sameList(current.matches, script.matches ?? []) ||
        !sameList(current.js, script.js ?? []) ||
        current.runAt !== 'document_start' ||
        current.allFrames
      ) {
        await scripting.updateContentScripts([script]);
      }
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

  /** Returns true when the tab's storage now holds `session` (the origin holds nothing older). */
  async function pushToTab(tabId: number, origin: string, session: PageSession | null, reason: PageSessionChangeReason): Promise<boolean> {
    const updated = await updateStorage(tabId, origin, session, reason);
    if (!updated) return false;
    // A reloading page starts again from its storage: nothing of the old token stays in its memory.
    if (updated.reloading) return true;
    const { documentId, read } = updated;
    const target = documentId ? { tabId, documentIds: [documentId] } : { tabId, frameIds: [0] };
    const live = (jwt: string | null, onlyIf?: string) =>
      scripting.executeScript({ target, world: 'MAIN', func: swapLiveJwt, args: onlyIf === undefined ? [origin, jwt] : [origin, jwt, onlyIf] });
    // A refresh keeps the same user: the live token follows. Any other change takes back the token
    // the extension gave (a console reloaded above; a page that is not one keeps running), but
    // only where the SDK still holds it.
    const runsOurEntry = session !== null && readConsoleToken(read).envId === envIdFor(session.server);
    const given = plantedToken(read)?.token ?? null;
    if (session !== null && reason === 'refresh' && (runsOurEntry || read.noConsole)) await live(session.jwt);
    else if (reason !== 'login' && reason !== 'refresh' && given !== null && given !== (session?.jwt ?? null)) await live(session?.jwt ?? null, given);
    const event: EventOf<'pageSessionChanged'> = { event: 'pageSessionChanged', session, reason };
    try {
      await tabs.sendMessage(tabId, event, documentId ? { documentId } : { frameId: 0 });
    } catch {
      // No content script in that page (opened before the binding, or the extension was reloaded): its storage is current anyway.
    }
    return true;
  }

  async function pushSession(origins: readonly string[], session: PageSession | null, reason: PageSessionChangeReason): Promise<string[]> {
    const wanted = new Set<string>();
    for (const origin of origins) {
      try {
        wanted.add(toBindableOrigin(origin));
      } catch {
        // Not a bindable origin: there is no page to update for it.
      }
    }
    if (wanted.size === 0) return [];
    const openTabs = await tabs.query({});
    const targets = openTabs.flatMap((tab) => {
      const origin = originOf(tab.url);
      return tab.id !== undefined && origin !== null && wanted.has(origin) ? [{ tabId: tab.id, origin }] : [];
    });
    const held = await Promise.all(
      targets.map(({ tabId, origin }) =>
        pushToTab(tabId, origin, session, reason).then(
          (holds) => (holds ? origin : null),
          (error: unknown) => {
            deps.onTabError?.(tabId, error);
            return null;
          },
        ),
      ),
    );
    return [...new Set(held.filter((origin): origin is string => origin !== null))];
  }

  return { syncRegistrations, pushSession, markStale: stale.mark, clearStale: stale.clear, staleOrigins: stale.list };
}
