/**
 * What leaves the extension, pure: its own export (servers, colours, bound sites, accounts), the
 * Admin Console's `connections.json`, and the environment variables kourou reads. None of them ever
 * holds a session's token or an API key: the export is built from the state views, which carry no
 * token, and the terminal gets a token made for it alone.
 */
import { consoleColorFor, type ConsoleEnvironment } from '../inject/admin-console';
import type { ServerColor } from '../model';
import { parseServerUrl } from '../server-url';
import { EXPORT_FORMAT, EXPORT_VERSION } from './parse';

/** What the export reads of each server: the state view's fields, tokens having never been in it. */
export interface ExportedServer {
  url: string;
  name: string;
  color: ServerColor;
  boundOrigins: readonly string[];
  accounts: ReadonlyArray<{ displayName: string; kuid: string; strategy: string }>;
}

/** The extension's own export, versioned, as indented JSON. */
export function buildExport(servers: readonly ExportedServer[], exportedAt: number): string {
  return `${JSON.stringify(
    {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exportedAt: new Date(exportedAt).toISOString(),
      servers: servers.map((server) => ({
        url: server.url,
        name: server.name,
        color: server.color,
        boundOrigins: [...server.boundOrigins],
        accounts: server.accounts.map((account) => ({ name: account.displayName, kuid: account.kuid, strategy: account.strategy })),
      })),
    },
    null,
    2,
  )}\n`;
}

/** A console connection as its file holds it: the environment without its token. */
type ConsoleConnection = Omit<ConsoleEnvironment, 'token'>;

/**
 * The Admin Console's `connections.json` (what its own "Export all" writes, which its "Import"
 * reads): keyed by name, as the console keys its connections. A server behind a path
 * (`https://host/kuzzle`) has no console form, the console joining only host and port: it is left
 * out and named in `leftOut`.
 */
export function buildConsoleExport(servers: readonly ExportedServer[]): { text: string; count: number; leftOut: string[] } {
  const connections: Record<string, ConsoleConnection> = {};
  const leftOut: string[] = [];
  for (const server of servers) {
    const parsed = parseServerUrl(server.url);
    if (!parsed.ok || parsed.url !== parsed.origin) {
      leftOut.push(server.name);
      continue;
    }
    let name = server.name;
    for (let n = 2; Object.hasOwn(connections, name); n++) name = `${server.name} (${n})`;
    connections[name] = {
      name,
      color: consoleColorFor(server.color),
      host: parsed.host,
      port: parsed.port,
      ssl: parsed.ssl,
      backendMajorVersion: 2,
      hideAdminWarning: parsed.host === 'localhost' || parsed.host === '127.0.0.1',
    };
  }
  return { text: JSON.stringify(connections), count: Object.keys(connections).length, leftOut };
}

/** How long the token made for the terminal lasts: long enough for a session of commands, short enough to forget. */
export const TERMINAL_TOKEN_EXPIRES_IN = '2h';

/** A shell word: single-quoted unless it is plainly safe. */
function shellWord(text: string): string {
  return /^[\w.:[\]@%+=,/-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/**
 * The lines to paste in a POSIX shell so that `kourou` runs as the account: kourou takes its host,
 * port and TLS from KUZZLE_HOST, KUZZLE_PORT and KUZZLE_SSL, and uses KUZZLE_API_KEY as the token
 * of every request, whatever kind of token it is. kourou reads KUZZLE_SSL as "set to anything", so
 * without TLS the variable is unset rather than set to false. Throws for a server behind a path,
 * which kourou cannot reach.
 */
export function terminalEnvText(serverUrl: string, token: string): string {
  const parsed = parseServerUrl(serverUrl);
  if (!parsed.ok || parsed.url !== parsed.origin) {
    throw new Error(`kourou connects to a host and a port only, and ${serverUrl} is behind a path: it cannot reach this server.`);
  }
  return [
    `export KUZZLE_HOST=${shellWord(parsed.host)}`,
    `export KUZZLE_PORT=${parsed.port}`,
    parsed.ssl ? 'export KUZZLE_SSL=true' : 'unset KUZZLE_SSL',
    `export KUZZLE_API_KEY=${shellWord(token)}`,
    '',
  ].join('\n');
}
