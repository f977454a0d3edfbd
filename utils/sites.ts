/** Sites (page origins) as the pages handle them: read from what a person typed, and the server one is bound to. */
import type { ServerView } from '../lib/model';
import { parseServerUrl, type ServerUrlRefusal } from '../lib/server-url';

/**
 * `https://console.example.com/#/login` → its origin. The server-URL parser does the checking
 * (browsers' own URL parsers accept hosts with spaces); a console's address usually carries a
 * `#/` route, which says nothing about the origin, so the query and fragment are dropped first.
 */
export function siteOrigin(input: string): { ok: true; origin: string } | ServerUrlRefusal {
  const parsed = parseServerUrl(input.trim().replace(/[?#].*$/, ''));
  return parsed.ok ? { ok: true, origin: parsed.origin } : parsed;
}

/** The server whose pages `origin` belongs to, if it is bound to one. */
export function boundServer(servers: readonly ServerView[], origin: string | null): ServerView | undefined {
  return origin === null ? undefined : servers.find((server) => server.boundOrigins.includes(origin));
}
