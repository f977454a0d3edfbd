/**
 * What the content script does in a bound page (entrypoints/console.content.ts only wires it).
 * At document_start it notes synchronously what the page starts with, then asks the worker for
 * this origin's session (the worker decides the origin from the sender). When the page started
 * stale, it plants the session and reloads once on the app root; when signed out, it nulls the
 * planted token. It also answers the page bridge and relays the worker's session changes to it.
 */
import type { PageSession } from '../model';
import {
  CONSOLE_LOCAL_KEYS,
  CONSOLE_SESSION_KEYS,
  RELOAD_GUARD_KEY,
  applyWrites,
  hasWrites,
  isStale,
  plantConsoleSession,
  readConsoleToken,
  reloadFingerprint,
  type StorageSnapshot,
  type StorageWrites,
} from './admin-console';
import { bridgeMessageFor, parseBridgeRequest, type BridgeReason } from './bridge';
import { readPageStorage, writePageStorage } from './page-functions';
import { plantedToken, purgeAtStart } from './stale-pages';
import type { PageSessionChangeReason } from './types';

export { RELOAD_GUARD_KEY };

export interface BoundPageWindow {
  location: { origin: string };
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  postMessage(message: unknown, targetOrigin: string): void;
}

export interface BoundPageDeps {
  window: BoundPageWindow;
  /** The worker's `getPageSession`: a session, null when signed out; rejects when this page may not have one. */
  requestSession(): Promise<PageSession | null>;
  /** Subscribes to the worker's `pageSessionChanged` events for this tab. */
  onSessionChanged(listener: (session: PageSession | null, reason: PageSessionChangeReason) => void): void;
  /** Reloads the page on its app root (a console reloaded on `#/login` stays there). */
  reloadOnAppRoot(): void;
  /**
   * True when this origin's registration carried the stale mark (lib/inject/stale-pages.ts): the
   * page may hold a token the extension no longer stands behind, to be removed before anything else.
   */
  stale?: boolean;
  /** Tells the worker the planted token the page holds once started (null: none), so that a stale origin can stop being one. */
  reportPlanted?(token: string | null): Promise<unknown>;
}

export type StartOutcome = 'current' | 'planted' | 'reloading' | 'refused';

/** The writes that change something in `snapshot`. */
export function onlyChanges(snapshot: StorageSnapshot, writes: StorageWrites): StorageWrites {
  const differing = (current: Record<string, string | null>, wanted: Record<string, string | null>) =>
    Object.fromEntries(Object.entries(wanted).filter(([key, value]) => (current[key] ?? null) !== value));
  return { local: differing(snapshot.local, writes.local), session: differing(snapshot.session, writes.session) };
}

export function reloadOnAppRoot(): void {
  history.replaceState(history.state, '', `${location.pathname}${location.search}#/`);
  location.reload();
}

export function startBoundPage(deps: BoundPageDeps): { started: Promise<StartOutcome> } {
  const origin = deps.window.location.origin;
  // Synchronous, before any await: this is what the page's own scripts are about to read. On a
  // stale origin, what the extension no longer stands behind is removed first, here and now.
  let startedWith = readPageStorage(origin, CONSOLE_LOCAL_KEYS, [...CONSOLE_SESSION_KEYS, RELOAD_GUARD_KEY]);
  if (deps.stale && startedWith) {
    const purge = purgeAtStart(startedWith);
    if (hasWrites(purge) && writePageStorage(origin, startedWith, purge, false) === 'written') startedWith = { ...startedWith, ...applyWrites(startedWith, purge) };
  }
  let refused = false;

  const post = (session: PageSession | null, reason: BridgeReason, requestId?: string) => {
    if (!refused) deps.window.postMessage(bridgeMessageFor(session, reason, requestId), origin);
  };

  deps.window.addEventListener('message', (event) => {
    const request = parseBridgeRequest(event, { window: deps.window, origin });
    if (!request || refused) return;
    deps.requestSession().then(
      (session) => post(session, 'request', request.requestId),
      () => {
        // Not answered on purpose: a page the worker refuses learns nothing, not even a signed-out.
      },
    );
  });
  deps.onSessionChanged((session, reason) => post(session, reason));

  const decided = deps.requestSession().then(
    (session): StartOutcome => {
      const now = readPageStorage(origin, CONSOLE_LOCAL_KEYS, [...CONSOLE_SESSION_KEYS, RELOAD_GUARD_KEY]);
      if (!startedWith || !now) return 'refused';
      const writes = plantConsoleSession(now, session);
      const target = readConsoleToken(applyWrites(now, writes));
      const guard = reloadFingerprint(target);
      const reload = !now.noConsole && isStale(startedWith, writes) && now.session[RELOAD_GUARD_KEY] !== guard;
      if (reload) writes.session[RELOAD_GUARD_KEY] = guard;
      const changes = onlyChanges(now, writes);
      if (!hasWrites(changes)) return 'current';
      if (writePageStorage(origin, now, changes, false) !== 'written') return 'refused';
      if (reload) {
        deps.reloadOnAppRoot();
        return 'reloading';
      }
      return 'planted';
    },
    (): StartOutcome => {
      refused = true;
      return 'refused';
    },
  );
  const started = decided.then(async (outcome) => {
    // A stale origin says what it holds now: its mark goes once that is what the worker stands behind.
    if (deps.stale && deps.reportPlanted && outcome !== 'reloading') {
      const now = readPageStorage(origin, CONSOLE_LOCAL_KEYS, CONSOLE_SESSION_KEYS);
      if (now) await deps.reportPlanted(plantedToken(now)?.token ?? null).catch(() => undefined);
    }
    return outcome;
  });
  return { started };
}
