import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SERVER_URL_LENGTH, isLoopbackHost, originOf, parseServerUrl, type ServerUrlProblemCode } from './server-url';

/** Every code, once: the type makes this list complete and keeps out codes the parser does not have. */
const PROBLEM_CODES: Record<ServerUrlProblemCode, true> = {
  'url-empty': true,
  'url-too-long': true,
  'url-invisible-characters': true,
  'url-lookalike-character': true,
  'url-backslash': true,
  'url-websocket-scheme': true,
  'url-unsupported-scheme': true,
  'url-scheme-without-slashes': true,
  'url-path-only': true,
  'url-credentials': true,
  'url-no-host': true,
  'url-invalid': true,
  'url-port-not-a-number': true,
  'url-port-out-of-range': true,
  'url-query-or-fragment': true,
};

function accepted(input: string) {
  const result = parseServerUrl(input);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(input)} to be accepted, got: ${result.message}`);
  return result;
}

function refusal(input: string): string {
  const result = parseServerUrl(input);
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused, got ${result.url}`);
  return result.message;
}

describe('parseServerUrl: accepted addresses', () => {
  it('normalises a full local address', () => {
    expect(parseServerUrl('http://localhost:7512')).toEqual({
      ok: true,
      url: 'http://localhost:7512',
      origin: 'http://localhost:7512',
      host: 'localhost',
      port: 7512,
      ssl: false,
      insecure: false,
      permissionPattern: 'http://localhost/*',
    });
  });

  it('gives a bare loopback host http:// and says it assumed it', () => {
    const result = accepted('localhost:7512');
    expect(result.url).toBe('http://localhost:7512');
    expect(result.assumedScheme).toBe('http');
    expect(accepted('127.0.0.1:7512').url).toBe('http://127.0.0.1:7512');
    expect(accepted('[::1]:7512').url).toBe('http://[::1]:7512');
  });

  it('gives any other bare host https://', () => {
    const result = accepted('kuzzle.example.com');
    expect(result).toMatchObject({ url: 'https://kuzzle.example.com', port: 443, ssl: true, insecure: false, assumedScheme: 'https' });
    expect(accepted('kuzzle.example.com:7512').url).toBe('https://kuzzle.example.com:7512');
  });

  it('lowercases the scheme and host, drops the default port and the trailing slashes, keeps a path', () => {
    expect(accepted('HTTP://LocalHost:80/').url).toBe('http://localhost');
    expect(accepted('https://Kuzzle.Example.com:443/api/v2//').url).toBe('https://kuzzle.example.com/api/v2');
    expect(accepted('https://kuzzle.example.com:443/').port).toBe(443);
  });

  it('trims surrounding spaces', () => {
    expect(accepted('  http://localhost:7512  ').url).toBe('http://localhost:7512');
  });

  it('flags plain http to a non-loopback host as insecure', () => {
    const result = accepted('http://kuzzle.example.com:7512');
    expect(result.insecure).toBe(true);
    expect(result.ssl).toBe(false);
    expect(result.permissionPattern).toBe('http://kuzzle.example.com/*');
    expect(accepted('http://127.0.0.5:7512').insecure).toBe(false);
  });

  it('accepts an internationalised host in punycode and keeps the typed form for display', () => {
    const result = accepted('https://bücher.example/');
    expect(result.url).toBe('https://xn--bcher-kva.example');
    expect(result.host).toBe('xn--bcher-kva.example');
    expect(result.displayHost).toBe('bücher.example');
  });

  it('gives IPv6 hosts in brackets, in the permission pattern too', () => {
    const result = accepted('http://[::1]:7512');
    expect(result).toMatchObject({ host: '[::1]', origin: 'http://[::1]:7512', permissionPattern: 'http://[::1]/*', insecure: false });
  });
});

describe('parseServerUrl: refused addresses say what to do', () => {
  it.each([
    ['', /Enter the server's address/],
    ['   ', /Enter the server's address/],
    ['ws://localhost:7512', /Use http:\/\/ instead of ws:\/\//],
    ['wss://kuzzle.example.com', /Use https:\/\/ instead of wss:\/\//],
    ['ftp://kuzzle.example.com', /"ftp:" addresses are not supported/],
    ['javascript:alert(1)', /"javascript:" addresses are not supported/],
    ['file:///etc/passwd', /"file:" addresses are not supported/],
    ['chrome-extension://abcdefghijklmnop/popup.html', /"chrome-extension:" addresses are not supported/],
    ['data:text/html,hi', /"data:" addresses are not supported/],
    ['http:localhost:7512', /two slashes/],
    ['http://admin:secret@localhost:7512', /Remove the user name and password from the URL: sign in with the form/],
    ['http://admin@localhost:7512', /Remove the user name and password/],
    ['http://local host:7512', /spaces/],
    ['http://localhost:7512/\tx', /spaces or invisible characters/],
    ['http://localhost:0', /ports go from 1 to 65535/],
    ['http://localhost:65536', /ports go from 1 to 65535/],
    ['localhost:99999', /ports go from 1 to 65535/],
    ['localhost:abc', /"abc" is not a number/],
    ['http://localhost:7512/?pretty', /no query or fragment/],
    ['http://localhost:7512/#/login', /no query or fragment/],
    ['http://localhost:7512?', /no query or fragment/],
    ['http://', /no host name/],
    ['/just/a/path', /full address with the host name/],
    ['http://exa mple.com', /spaces/],
    ['http://[::1', /not a valid address/],
  ])('%j', (input, reason) => {
    expect(refusal(input)).toMatch(reason);
  });

  it.each([
    ['', 'url-empty'],
    ['ws://localhost:7512', 'url-websocket-scheme', { scheme: 'ws', http: 'http' }],
    ['WSS://kuzzle.example.com', 'url-websocket-scheme', { scheme: 'wss', http: 'https' }],
    ['Ftp://kuzzle.example.com', 'url-unsupported-scheme', { scheme: 'Ftp' }],
    ['HTTPS:kuzzle.example.com', 'url-scheme-without-slashes', { scheme: 'https' }],
    ['/just/a/path', 'url-path-only'],
    ['http://', 'url-no-host'],
    [' http://[::1 ', 'url-invalid', { address: 'http://[::1' }],
    ['localhost:7x', 'url-port-not-a-number', { port: '7x' }],
    ['localhost:0', 'url-port-out-of-range', { port: '0' }],
    ['http://localhost\\x', 'url-backslash'],
    ['https://localhost\uff1a7512', 'url-lookalike-character'],
    ['http://local host', 'url-invisible-characters'],
    ['user:pw@localhost', 'url-credentials'],
    ['localhost#x', 'url-query-or-fragment'],
  ])('%j is refused as %s', (input, code, params?: Record<string, string>) => {
    expect(parseServerUrl(input)).toMatchObject({ ok: false, problem: params ? { code, params } : { code } });
  });

  it('refuses an address longer than 2048 characters', () => {
    expect(parseServerUrl('x'.repeat(MAX_SERVER_URL_LENGTH + 1))).toMatchObject({ problem: { code: 'url-too-long', params: { max: 2048 } } });
    expect(refusal(`https://kuzzle.example.com/${'a'.repeat(MAX_SERVER_URL_LENGTH)}`)).toMatch(/longer than 2048/);
  });

  it('refuses 10,000 characters, whether in the host or in the path', () => {
    expect(refusal(`https://${'a'.repeat(10_000)}.example.com`)).toMatch(/longer than 2048/);
    expect(refusal(`http://localhost:7512/${'p/'.repeat(5_000)}`)).toMatch(/longer than 2048/);
  });

  it.each([
    ['a zero-width space', 'https://exa\u200bmple.com'],
    ['a soft hyphen', 'https://ex\u00adample.com'],
    ['a zero-width joiner', 'https://kuzzle\u200d.example.com'],
    ['a right-to-left override', 'https://\u202emoc.elpmaxe'],
    ['a byte order mark', 'https://\ufeffexample.com'],
    ['a no-break space', 'https://exa\u00a0mple.com'],
    ['an ideographic space inside', 'https://exa\u3000mple.com'],
    ['a C1 control', 'https://exa\u0085mple.com'],
  ])('refuses %s, which the URL parser would drop or hide', (_what, input) => {
    expect(refusal(input)).toMatch(/spaces or invisible characters/);
  });

  it.each(['https://example.com\u2215evil.com', 'https://example.com\u2044evil.com', 'https://example.com\uff0fx', 'https://localhost\uff1a7512', 'https://example.com\uff1fq', 'https://user\uff20example.com'])(
    'refuses %j, whose character only looks like URL syntax',
    (input) => {
      expect(refusal(input)).toMatch(/looks like "\/", ":", "\?", "#" or "@" but is not one/);
    },
  );

  it('refuses credentials however they are written', () => {
    for (const input of ['https://:secret@example.com', 'https://user:@example.com', 'https://example.com%2F@evil.com', 'user:pw@localhost:7512']) {
      expect(refusal(input), input).toMatch(/Remove the user name and password/);
    }
  });

  it('refuses backslashes, which browsers read as slashes and which can hide where a URL goes', () => {
    expect(refusal('http://localhost\\@evil.example.com')).toMatch(/backslash.*use \/ instead/);
  });
});

describe('parseServerUrl: properties', () => {
  const hostLike = fc.oneof(
    fc.domain(),
    fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'bücher.example', 'EXAMPLE.com'),
    fc.ipV4(),
    fc.ipV6().map((ip) => `[${ip}]`),
  );
  const typed = fc
    .tuple(
      fc.constantFrom('', 'http://', 'https://', 'HTTPS://', 'ws://', 'ftp://', 'javascript:'),
      hostLike,
      fc.oneof(fc.constant(''), fc.integer({ min: -1, max: 70000 }).map((port) => `:${port}`)),
      fc.oneof(fc.constant(''), fc.webPath(), fc.constantFrom('/', '//', '/a/../b/', '/%7e/x', '?q=1', '#/x')),
    )
    .map((parts) => parts.join(''));
  const anyInput = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.webUrl({ withQueryParameters: true, withFragments: true }), typed);

  it('never throws', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        expect(typeof parseServerUrl(input).ok).toBe('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('every refusal carries a known code, and its params are what its message quotes', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseServerUrl(input);
        if (result.ok) return;
        expect(Object.keys(PROBLEM_CODES)).toContain(result.problem.code);
        for (const value of Object.values('params' in result.problem ? result.problem.params : {})) {
          expect(result.message).toContain(String(value));
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips: the normalised url of an accepted address parses to itself', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const first = parseServerUrl(input);
        if (!first.ok) return;
        const second = accepted(first.url);
        expect(second.url).toBe(first.url);
        expect(second.origin).toBe(first.origin);
        expect(second.insecure).toBe(first.insecure);
      }),
      { numRuns: 3000 },
    );
  });

  it('an accepted address is http(s), has no trailing slash, query, fragment or credentials, and a port-free pattern', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseServerUrl(input);
        if (!result.ok) return;
        expect(result.url).toMatch(/^https?:\/\/[^/?#@]+(\/[^?#]*[^/?#])?$/);
        expect(result.url.startsWith(result.origin)).toBe(true);
        expect(result.port).toBeGreaterThanOrEqual(1);
        expect(result.port).toBeLessThanOrEqual(65535);
        expect(result.permissionPattern).toBe(`${result.ssl ? 'https' : 'http'}://${result.host}/*`);
        expect(result.insecure).toBe(!result.ssl && !isLoopbackHost(result.host));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('isLoopbackHost', () => {
  it.each(['localhost', 'LOCALHOST', 'app.localhost', '127.0.0.1', '127.255.0.9', '[::1]', '::1'])('%s is loopback', (host) => {
    expect(isLoopbackHost(host)).toBe(true);
  });
  it.each(['example.com', '128.0.0.1', '127.0.0.256', '10.0.0.1', 'localhost.example.com', '[::2]', '127.0.0.1.example.com'])(
    '%s is not loopback',
    (host) => {
      expect(isLoopbackHost(host)).toBe(false);
    },
  );
});

describe('originOf', () => {
  it('gives scheme://host[:port] of an http(s) URL', () => {
    expect(originOf('http://localhost:7512/a/b?c#d')).toBe('http://localhost:7512');
    expect(originOf('https://kuzzle.example.com:443/')).toBe('https://kuzzle.example.com');
  });
  it('gives null for anything else', () => {
    expect(originOf('not a url')).toBeNull();
    expect(originOf('chrome-extension://abc/popup.html')).toBeNull();
    expect(originOf('')).toBeNull();
  });
});
