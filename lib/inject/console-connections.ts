/**
 * Reading the connections an open Admin Console page keeps (`localStorage.environments`), for the
 * popup's "Import N connections from this console". Handed to `scripting.executeScript({ func })`
 * on a bound console's tab, so it is self-contained (see `./page-functions.ts`). Only the fields of
 * a connection cross back to the worker: a connection's token never leaves the page, and the entry
 * this extension planted itself is left out.
 */

/** Per connection id: name, color, host, port, ssl and backendMajorVersion as the page holds them (unchecked). */
export type ConsoleConnectionsRead = Record<string, Record<string, unknown>>;

export function readConsoleConnections(expectedOrigin: string, plantedEnvKey: string): ConsoleConnectionsRead | null {
  if (location.origin !== expectedOrigin) return null;
  let environments: unknown;
  try {
    environments = JSON.parse(localStorage.getItem('environments') ?? 'null');
  } catch {
    return null;
  }
  if (typeof environments !== 'object' || environments === null || Array.isArray(environments)) return null;
  const planted = localStorage.getItem(plantedEnvKey);
  const connections: ConsoleConnectionsRead = {};
  for (const [id, entry] of Object.entries(environments as Record<string, unknown>)) {
    if (id === planted || typeof entry !== 'object' || entry === null) continue;
    const { name, color, host, port, ssl, backendMajorVersion } = entry as Record<string, unknown>;
    connections[id] = { name, color, host, port, ssl, backendMajorVersion };
  }
  return connections;
}
