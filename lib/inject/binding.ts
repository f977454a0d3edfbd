/**
 * Host permissions that go with bindings. Binding asks for the origin's match pattern (from the
 * click in the popup or options page); unbinding should give it back, but only when nothing else
 * still needs that pattern: another bound origin on the same host (patterns have no port), or a
 * server whose Kuzzle lives on that host (the worker fetches it). Patterns the manifest grants
 * up front cannot be removed and are left alone.
 */
import type { ServerRecord } from '../model';
import { matchPatternFor, originOf } from './origins';

/**
 * The patterns to pass to `permissions.remove` after `removedOrigins` were unbound (or their server
 * removed), given the servers as they are now.
 */
export function permissionPatternsToRelease(
  servers: readonly ServerRecord[],
  removedOrigins: readonly string[],
  manifestPatterns: readonly string[],
  /** Origins no longer bound whose pages may still hold a planted token: their content script needs the permission. */
  keptOrigins: readonly string[] = [],
): string[] {
  const stillNeeded = new Set<string>(manifestPatterns);
  const keep = (origin: string | null) => {
    if (origin === null) return;
    try {
      stillNeeded.add(matchPatternFor(origin));
    } catch {
      // not an http(s) origin: needs no pattern
    }
  };
  for (const server of servers) {
    keep(originOf(server.url));
    server.boundOrigins.forEach(keep);
  }
  keptOrigins.forEach(keep);
  const release = new Set<string>();
  for (const origin of removedOrigins) {
    try {
      const pattern = matchPatternFor(origin);
      if (!stillNeeded.has(pattern)) release.add(pattern);
    } catch {
      // an origin that never parsed was never granted
    }
  }
  return [...release].sort();
}
