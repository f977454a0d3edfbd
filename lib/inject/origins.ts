/**
 * Page origins that a server can be bound to. A binding is exact: scheme, host and port. Match
 * patterns (what `scripting.registerContentScripts` takes) ignore ports, so every run-time check
 * compares full origins (`originOf`), never patterns.
 */

import { originOf } from '../server-url';

/** The origin of an http(s) page URL: one function for the whole extension. */
export { originOf };

export class InvalidOriginError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidOriginError';
  }
}

const BINDABLE_PROTOCOLS = new Set(['http:', 'https:']);

/**
 * Turns what a person typed ("https://console.example.com/#/data", "HTTP://LocalHost:80") into a
 * bindable origin (`https://console.example.com`, `http://localhost`): default ports dropped, host
 * lower-cased, international names in punycode. Any path, query or hash is ignored: a binding covers
 * the whole site. Throws `InvalidOriginError` with what to type instead.
 */
export function toBindableOrigin(input: string): string {
  const text = input.trim();
  if (text === '') throw new InvalidOriginError('Type the address of the site to bind, for example https://console.example.com.');
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) {
    throw new InvalidOriginError(`"${text}" has no http:// or https:// in front. Type the full address, for example https://${text.replace(/^\/+/, '')}.`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InvalidOriginError(`"${text}" is not a web address. Type it as https://host or https://host:port.`);
  }
  if (!BINDABLE_PROTOCOLS.has(url.protocol)) {
    throw new InvalidOriginError(`Only http:// and https:// sites can be bound, not ${url.protocol}// addresses.`);
  }
  if (url.hostname === '' || url.hostname.includes('*')) {
    throw new InvalidOriginError(`"${text}" has no usable host name. Type one site, without wildcards, for example https://console.example.com.`);
  }
  if (url.username !== '' || url.password !== '') {
    throw new InvalidOriginError('Leave the user name and password out of the site address: type only https://host or https://host:port.');
  }
  return url.origin;
}

/**
 * The match pattern that covers an origin's pages. It also covers the host's other ports: the
 * run-time checks, which compare full origins, are what keep a binding exact.
 */
export function matchPatternFor(origin: string): string {
  const url = new URL(toBindableOrigin(origin));
  return `${url.protocol}//${url.hostname}/*`;
}
