/** Connections files as the Admin Console and the extension write them, for the transfer tests. */

/** What the real console's "Export all" writes: its environments with the token left out. */
export function consoleConnections(entries: Record<string, Partial<Record<string, unknown>>>): string {
  const connections: Record<string, unknown> = {};
  for (const [id, entry] of Object.entries(entries)) {
    connections[id] = { name: id, color: 'darkblue', host: 'localhost', port: 7512, ssl: false, backendMajorVersion: 2, hideAdminWarning: true, ...entry };
  }
  return JSON.stringify(connections);
}

export const CONSOLE_EXPORT_SAMPLE = consoleConnections({
  local: { color: 'green', host: 'localhost', port: 7512, ssl: false },
  staging: { color: 'lightblue', host: 'staging.kuzzle.example.com', port: 443, ssl: true, hideAdminWarning: false },
  prod: { color: 'red', host: 'kuzzle.example.com', port: 7443, ssl: true, hideAdminWarning: false },
});
