/**
 * What the user types as a Kuzzle server's address, checked and normalised before it is
 * stored or called. The normalised `url` is the one key a server is known by, so the same
 * server typed two ways ("localhost:7512", "http://LOCALHOST:7512/") gives the same `url`.
 */

export type ServerUrlParse =
  | {
      ok: true;
      /** scheme://host[:port][/path]: no trailing slash, no query, no fragment; hosts in punycode. */
      url: string;
      /** scheme://host[:port] */
      origin: string;
      /** The host name without the port; IPv6 in brackets (`[::1]`); IDN in punycode (`xn--…`). */
      host: string;
      /** The port in use, default ports included (80 for http, 443 for https). */
      port: number;
      ssl: boolean;
      /** Plain http to a host that is not loopback: tokens and passwords would cross the network in clear. */
      insecure: boolean;
      /** For `permissions.request({origins})`: match patterns carry no port, so this covers every port of the host. */
      permissionPattern: string;
      /** The scheme the parser added because the input had none. */
      assumedScheme?: 'http' | 'https';
      /** The host as typed, when it differs from its punycode form (an internationalised name), for display. */
      displayHost?: string;
    }
  | { ok: false; message: string; problem: ServerUrlProblem };

/**
 * Why an address was refused, for the pages to say in the person's language; `message` stays the
 * English sentence for the worker, its errors and its tests. `params` are what the sentence quotes.
 */
export type ServerUrlProblem =
  | { code: 'url-empty' }
  | { code: 'url-too-long'; params: { max: number } }
  | { code: 'url-invisible-characters' }
  | { code: 'url-lookalike-character' }
  | { code: 'url-backslash' }
  | { code: 'url-websocket-scheme'; params: { scheme: string; http: string } }
  | { code: 'url-unsupported-scheme'; params: { scheme: string } }
  | { code: 'url-scheme-without-slashes'; params: { scheme: string } }
  | { code: 'url-path-only' }
  | { code: 'url-credentials' }
  | { code: 'url-no-host' }
  | { code: 'url-invalid'; params: { address: string } }
  | { code: 'url-port-not-a-number'; params: { port: string } }
  | { code: 'url-port-out-of-range'; params: { port: string } }
  | { code: 'url-query-or-fragment' };

export type ServerUrlProblemCode = ServerUrlProblem['code'];

export const MAX_SERVER_URL_LENGTH = 2048;

const EXAMPLE = 'for example http://localhost:7512 or https://kuzzle.example.com';

export type ServerUrlRefusal = Extract<ServerUrlParse, { ok: false }>;

function refuse(problem: ServerUrlProblem, message: string): ServerUrlRefusal {
  return { ok: false, message, problem };
}

/** Loopback: localhost (and *.localhost), 127.0.0.0/8, [::1]. Accepts the host with or without brackets or a port-free hostname. */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/\.$/, '');
  if (name === 'localhost' || name.endsWith('.localhost')) return true;
  if (name === '[::1]' || name === '::1') return true;
  const octets = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(name);
  return octets !== null && octets.slice(1).every((octet) => Number(octet) <= 255);
}

/** `scheme://host[:port]` of a URL, or null when it is not an absolute http(s) URL (about:blank, chrome:, file:, garbage, nothing). */
export function originOf(url: string | undefined | null): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

/**
 * Characters that look like URL syntax but are not: in a host they become part of the name
 * ("example.com∕evil.com" is a host of evil.com's parent, not a path of example.com).
 */
const URL_SYNTAX_LOOKALIKES = /[\u2044\u2215\u29f8\uff0f\u2236\ua789\uff1a\uff1f\uff03\uff20]/u;

const SCHEME_WITH_SLASHES = /^([a-z][a-z0-9+.-]*):\/\//i;
/** `javascript:…`, `mailto:…`, `data:…`: a scheme and a colon not followed by a port number. */
const SCHEME_WITHOUT_SLASHES = /^([a-z][a-z0-9+.-]*):(?!\d)/i;
/** Schemes written without `//`, told apart from a bare `host:port` with a typo in the port. */
const KNOWN_OTHER_SCHEMES: ReadonlySet<string> = new Set([
  'javascript', 'data', 'blob', 'mailto', 'tel', 'about', 'file', 'ftp', 'ws', 'wss',
  'chrome', 'chrome-extension', 'moz-extension', 'edge', 'view-source', 'urn',
]);

function refuseScheme(scheme: string): ServerUrlRefusal {
  const lower = scheme.toLowerCase();
  if (lower === 'ws' || lower === 'wss') {
    const http = lower === 'ws' ? 'http' : 'https';
    return refuse(
      { code: 'url-websocket-scheme', params: { scheme: lower, http } },
      `Use ${http}:// instead of ${lower}://: the extension speaks HTTP to Kuzzle, which serves HTTP and WebSocket on the same port.`,
    );
  }
  return refuse(
    { code: 'url-unsupported-scheme', params: { scheme } },
    `"${scheme}:" addresses are not supported: enter an http:// or https:// address, ${EXAMPLE}.`,
  );
}

/** The authority part (between `//` and the path) of an input that has a scheme. */
function authorityOf(withScheme: string): string {
  const afterSlashes = withScheme.replace(SCHEME_WITH_SLASHES, '');
  return /^[^/?#]*/.exec(afterSlashes)![0];
}

/** Checks the port as typed, because `URL` refuses a bad port with an unhelpful error and drops default ones. */
function checkTypedPort(authority: string): ServerUrlRefusal | null {
  const hostAndPort = authority.slice(authority.lastIndexOf('@') + 1);
  const portMatch = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(hostAndPort);
  if (!portMatch) return null;
  const portText = portMatch[1]!;
  if (portText === '') return null;
  if (!/^\d+$/.test(portText)) {
    return refuse(
      { code: 'url-port-not-a-number', params: { port: portText } },
      `The port "${portText}" is not a number. Write it as digits after the host, ${EXAMPLE}.`,
    );
  }
  const port = Number(portText);
  if (port < 1 || port > 65535) {
    return refuse(
      { code: 'url-port-out-of-range', params: { port: portText } },
      `The port ${portText} does not exist: ports go from 1 to 65535 (Kuzzle listens on 7512 by default).`,
    );
  }
  return null;
}

/**
 * Checks and normalises a server address; never throws.
 * A bare host gets http:// when it is loopback (a local Kuzzle usually has no TLS) and https:// otherwise.
 */
export function parseServerUrl(input: string): ServerUrlParse {
  const text = typeof input === 'string' ? input.trim() : '';
  if (text === '') return refuse({ code: 'url-empty' }, `Enter the server's address, ${EXAMPLE}.`);
  if (text.length > MAX_SERVER_URL_LENGTH) {
    return refuse(
      { code: 'url-too-long', params: { max: MAX_SERVER_URL_LENGTH } },
      `That address is longer than ${MAX_SERVER_URL_LENGTH} characters; enter only the server's address, ${EXAMPLE}.`,
    );
  }
  // \p{Cf}: zero-width spaces and joiners, soft hyphens, bidi overrides. The URL parser drops some of
  // them without a word, so "exa<ZWSP>mple.com" would be stored as example.com but shown as typed.
  if (/[\s\u0000-\u001f\u007f-\u009f\p{Cf}]/u.test(text)) {
    return refuse({ code: 'url-invisible-characters' }, `The address contains spaces or invisible characters; remove them, ${EXAMPLE}.`);
  }
  if (URL_SYNTAX_LOOKALIKES.test(text)) {
    return refuse(
      { code: 'url-lookalike-character' },
      `The address contains a character that looks like "/", ":", "?", "#" or "@" but is not one; retype it on a plain keyboard layout, ${EXAMPLE}.`,
    );
  }
  if (text.includes('\\')) return refuse({ code: 'url-backslash' }, `The address contains a backslash (\\); use / instead, ${EXAMPLE}.`);

  let withScheme = text;
  let assumedScheme: 'http' | 'https' | undefined;
  const slashedScheme = SCHEME_WITH_SLASHES.exec(text)?.[1];
  const bareScheme = SCHEME_WITHOUT_SLASHES.exec(text)?.[1];
  if (slashedScheme !== undefined) {
    if (!/^https?$/i.test(slashedScheme)) return refuseScheme(slashedScheme);
  } else if (bareScheme !== undefined && /^https?$/i.test(bareScheme)) {
    const scheme = bareScheme.toLowerCase();
    return refuse({ code: 'url-scheme-without-slashes', params: { scheme } }, `Write the scheme with two slashes: ${scheme}://, ${EXAMPLE}.`);
  } else if (bareScheme !== undefined && KNOWN_OTHER_SCHEMES.has(bareScheme.toLowerCase())) {
    return refuseScheme(bareScheme);
  } else {
    if (text.startsWith('/')) return refuse({ code: 'url-path-only' }, `Enter the full address with the host name, ${EXAMPLE}.`);
    const asLocal = tryUrl(`http://${text}`);
    assumedScheme = asLocal && isLoopbackHost(asLocal.hostname) ? 'http' : 'https';
    withScheme = `${assumedScheme}://${text}`;
  }

  const authority = authorityOf(withScheme);
  if (authority.includes('@')) {
    return refuse({ code: 'url-credentials' }, 'Remove the user name and password from the URL: sign in with the form instead.');
  }
  if (authority === '') return refuse({ code: 'url-no-host' }, `The address has no host name, ${EXAMPLE}.`);
  const invalid = () => refuse({ code: 'url-invalid', params: { address: text } }, `"${text}" is not a valid address, ${EXAMPLE}.`);
  if (authority.startsWith('[') && !authority.includes(']')) return invalid();
  const portProblem = checkTypedPort(authority);
  if (portProblem) return portProblem;

  const parsed = tryUrl(withScheme);
  if (!parsed || parsed.hostname === '') return invalid();
  if (parsed.search !== '' || parsed.hash !== '' || /[?#]/.test(withScheme)) {
    return refuse({ code: 'url-query-or-fragment' }, 'Remove the part from "?" or "#" on: a server address has no query or fragment.');
  }

  const ssl = parsed.protocol === 'https:';
  const host = parsed.hostname;
  const port = parsed.port === '' ? (ssl ? 443 : 80) : Number(parsed.port);
  const path = parsed.pathname.replace(/\/+$/, '');
  const typedHost = /^(\[[^\]]*\]|[^:]*)/.exec(authority)![1]!.toLowerCase();

  return {
    ok: true,
    url: parsed.origin + path,
    origin: parsed.origin,
    host,
    port,
    ssl,
    insecure: !ssl && !isLoopbackHost(host),
    permissionPattern: `${parsed.protocol}//${host}/*`,
    ...(assumedScheme ? { assumedScheme } : {}),
    ...(typedHost !== host && /[^\x00-\x7f]/.test(typedHost) ? { displayHost: typedHost } : {}),
  };
}

function tryUrl(text: string): URL | null {
  try {
    return new URL(text);
  } catch {
    return null;
  }
}
