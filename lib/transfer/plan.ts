/**
 * What an import will do, before anything is saved: pure, so that the options page shows the very
 * plan the worker then applies (the worker makes it again from what it has stored by then).
 * A server already known (same normalised URL) is never added twice nor changed: it is skipped,
 * and said so. A site already bound to another server stays with it.
 */
import type { ImportCandidate } from './parse';

export interface KnownServer {
  url: string;
  name: string;
  boundOrigins: readonly string[];
}

export interface SkippedServer {
  candidate: ImportCandidate;
  /** The name the server already has in the extension. */
  knownAs: string;
}

export interface DroppedSite {
  origin: string;
  /** The server (known, or earlier in the file) the site is already bound to. */
  boundTo: string;
}

export interface ImportPlan {
  add: ImportCandidate[];
  skipped: SkippedServer[];
  droppedSites: DroppedSite[];
}

export function planImport(candidates: readonly ImportCandidate[], known: readonly KnownServer[]): ImportPlan {
  const plan: ImportPlan = { add: [], skipped: [], droppedSites: [] };
  const siteHolders = new Map<string, string>();
  for (const server of known) for (const origin of server.boundOrigins) siteHolders.set(origin, server.name);
  for (const candidate of candidates) {
    const twin = known.find((server) => server.url === candidate.url);
    if (twin) {
      plan.skipped.push({ candidate, knownAs: twin.name });
      continue;
    }
    const boundOrigins: string[] = [];
    for (const origin of candidate.boundOrigins) {
      const holder = siteHolders.get(origin);
      if (holder !== undefined) plan.droppedSites.push({ origin, boundTo: holder });
      else {
        siteHolders.set(origin, candidate.name);
        boundOrigins.push(origin);
      }
    }
    plan.add.push({ ...candidate, boundOrigins });
  }
  return plan;
}

/** What the worker did with an import, for the page to say. */
export interface ImportOutcome {
  added: Array<{ id: string; name: string; url: string }>;
  skipped: Array<{ name: string; knownAs: string }>;
  /** Entries of the file that were refused (bad host, bad name…): the preview said why. */
  refused: number;
  droppedSites: DroppedSite[];
  /**
   * Bound sites restored without the extension's permission for them: nothing is asked during an
   * import. They receive their session once the person allows them (the options page offers it).
   */
  sitesAwaitingPermission: string[];
}
