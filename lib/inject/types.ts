/**
 * The seam between the session lifecycle (worker) and the pages bound to a server.
 * `lib/inject/page-sync.ts` implements it over the browser's scripting and tabs APIs;
 * the session manager only calls it, so that unit tests can hand a recording fake.
 */
import type { PageSession, ServerRecord } from '../model';

export type PageSessionChangeReason = 'login' | 'refresh' | 'switch' | 'logout' | 'forget' | 'expired';

export interface PageSync {
  /**
   * Makes the registered content scripts match exactly the servers' bound origins
   * (registered for new ones, removed for unbound ones). Called at worker start and after
   * every binding change.
   */
  syncRegistrations(servers: readonly ServerRecord[]): Promise<void>;
  /**
   * Tells the open tabs of these origins that their session changed: their storage is updated
   * (so that the next load starts with the current token) and a live page's SDK token is swapped
   * or taken back. `session` null means signed out. Resolves with the origins whose storage now
   * holds `session` (an open tab of theirs was updated).
   */
  pushSession(origins: readonly string[], session: PageSession | null, reason: PageSessionChangeReason): Promise<string[]>;
  /**
   * Marks origins whose pages may hold a token the extension no longer stands behind: from the
   * next `syncRegistrations`, their next load removes it before the page's scripts run. Durable.
   */
  markStale(origins: readonly string[]): Promise<void>;
  /** Unmarks origins known to hold what the extension stands behind (or nothing). */
  clearStale(origins: readonly string[]): Promise<void>;
  staleOrigins(): Promise<string[]>;
}
