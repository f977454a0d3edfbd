/**
 * Taking a token back from pages that are not open: the worker's side of lib/inject/stale-pages.ts.
 *
 * Every change that takes a token away from a bound origin (unbind, server removed, logout, forget,
 * account removed, switch, refresh, expiry) marks the origin stale, so that its next load removes
 * the planted entry before the page's scripts run. An origin stops being stale when it is known to
 * hold exactly what the extension stands behind for it now: an open tab of it was written, or its
 * content script said so after starting.
 *
 * Why it is sound: a mark is made before the change is written (so a worker stopped in between
 * leaves it marked) and again after, and "known to hold" is compared with what the store holds at
 * the time of the comparison, the comparison and the unmarking running in one queue with the marks.
 * So an unmarking never passes a change made after the comparison.
 */
import type { PageSession, ServerRecord } from '../model';
import type { PageSync } from '../inject/types';

export interface TakeBackDeps {
  pageSync: PageSync;
  /** The session the extension stands behind for a page origin now (null: none, or not bound). */
  pageSessionOf(origin: string): Promise<PageSession | null>;
  servers(): Promise<readonly ServerRecord[]>;
  /** Re-registers the content scripts for the bound and the stale origins. */
  syncRegistrations(): Promise<void>;
  /** Gives back host permissions no longer needed by any bound or stale origin. */
  releasePermissions(origins: readonly string[]): Promise<void>;
  warn(message: string, error?: unknown): void;
}

export function createTakeBack(deps: TakeBackDeps) {
  let queue: Promise<unknown> = Promise.resolve();
  function inTurn<T>(work: () => Promise<T>): Promise<T> {
    const next = queue.then(work);
    queue = next.catch(() => undefined);
    return next;
  }

  /** Marks origins whose pages may hold a token that is being taken away; call before the change is written and after. */
  async function takeAway(origins: readonly string[]): Promise<void> {
    if (origins.length === 0) return;
    try {
      await inTurn(() => deps.pageSync.markStale(origins));
      await deps.syncRegistrations();
    } catch (error) {
      deps.warn('Pages that may still hold a taken-back token could not be marked', error);
    }
  }

  /** These origins' pages hold `jwt` (null: no token): those that hold what the extension stands behind stop being stale. */
  async function settle(origins: readonly string[], jwt: string | null): Promise<void> {
    if (origins.length === 0) return;
    try {
      const settled = await inTurn(async () => {
        const stale = new Set(await deps.pageSync.staleOrigins());
        const current: string[] = [];
        for (const origin of origins) {
          if (stale.has(origin) && ((await deps.pageSessionOf(origin))?.jwt ?? null) === jwt) current.push(origin);
        }
        if (current.length > 0) await deps.pageSync.clearStale(current);
        return current;
      });
      if (settled.length === 0) return;
      await deps.syncRegistrations();
      const bound = new Set((await deps.servers()).flatMap((server) => server.boundOrigins));
      await deps.releasePermissions(settled.filter((origin) => !bound.has(origin)));
    } catch (error) {
      deps.warn('A page that no longer holds a taken-back token could not be unmarked', error);
    }
  }

  return { takeAway, settle };
}
