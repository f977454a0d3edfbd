import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { InvalidOriginError, matchPatternFor, originOf, toBindableOrigin } from './origins';

/** How every run-time check compares a page with a binding: the same origin, after normalisation (an invalid one is never the same). */
function isSameOrigin(a: string | undefined, b: string | undefined): boolean {
  const left = originOf(a);
  return left !== null && left === originOf(b);
}

// Labels that start with xn-- must be valid punycode: keep the generator to plain ASCII names.
const hostLabel = fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/).filter((label) => !label.startsWith('xn--'));
const hostName = fc.array(hostLabel, { minLength: 1, maxLength: 3 }).map((labels) => labels.join('.'));
const scheme = fc.constantFrom('http', 'https');
const port = fc.integer({ min: 1, max: 65535 });

describe('toBindableOrigin', () => {
  it('keeps scheme, host and a non-default port, and drops the rest', () => {
    expect(toBindableOrigin('https://console.example.com/#/data')).toBe('https://console.example.com');
    expect(toBindableOrigin('  http://127.0.0.1:3000/admin?x=1 ')).toBe('http://127.0.0.1:3000');
  });

  it('normalises default ports, case and international names', () => {
    expect(toBindableOrigin('HTTP://LocalHost:80/')).toBe('http://localhost');
    expect(toBindableOrigin('https://Console.Example.COM:443')).toBe('https://console.example.com');
    expect(toBindableOrigin('https://bücher.example')).toBe('https://xn--bcher-kva.example');
  });

  it.each([
    ['', /Type the address/],
    ['console.example.com', /no http:\/\/ or https:\/\/ in front.*https:\/\/console\.example\.com/],
    ['ftp://files.example.com', /Only http:\/\/ and https:\/\//],
    ['file:///etc/passwd', /Only http:\/\/ and https:\/\//],
    ['https://user:secret@example.com', /Leave the user name and password out/],
    ['https://*.example.com', /without wildcards/],
    ['http://exa mple.com', /not a web address/],
  ])('refuses %j with a message that says what to type', (input, message) => {
    expect(() => toBindableOrigin(input)).toThrow(InvalidOriginError);
    expect(() => toBindableOrigin(input)).toThrow(message);
  });

  it('is idempotent and keeps exactly scheme://host[:port]', () => {
    fc.assert(
      fc.property(scheme, hostName, fc.option(port, { nil: undefined }), fc.webPath(), (s, h, p, path) => {
        const origin = toBindableOrigin(`${s}://${h}${p === undefined ? '' : `:${p}`}${path}`);
        expect(toBindableOrigin(origin)).toBe(origin);
        const isDefault = p === undefined || (s === 'http' && p === 80) || (s === 'https' && p === 443);
        expect(origin).toBe(`${s}://${h}${isDefault ? '' : `:${p}`}`);
      }),
    );
  });
});

describe('originOf and isSameOrigin', () => {
  it('gives null for what is not an http(s) page', () => {
    expect(originOf('about:blank')).toBeNull();
    expect(originOf('chrome://extensions')).toBeNull();
    expect(originOf('not a url')).toBeNull();
    expect(originOf(undefined)).toBeNull();
    expect(originOf('https://a.example/path#x')).toBe('https://a.example');
  });

  it('tells apart another scheme, another port and another host', () => {
    expect(isSameOrigin('https://a.example', 'http://a.example')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3000', 'http://127.0.0.1:3001')).toBe(false);
    expect(isSameOrigin('http://127.0.0.1:3000', 'http://localhost:3000')).toBe(false);
    expect(isSameOrigin('http://a.example.evil.com', 'http://a.example')).toBe(false);
    expect(isSameOrigin('https://a.example:443/x', 'https://A.example/')).toBe(true);
    expect(isSameOrigin('about:blank', 'about:blank')).toBe(false);
  });

  it('says two URLs are the same origin exactly when scheme, host and port agree', () => {
    fc.assert(
      fc.property(scheme, hostName, port, scheme, hostName, port, (s1, h1, p1, s2, h2, p2) => {
        const same = isSameOrigin(`${s1}://${h1}:${p1}/a`, `${s2}://${h2}:${p2}/b`);
        const effective = (s: string, p: number) => (s === 'http' && p === 80) || (s === 'https' && p === 443) ? 0 : p;
        expect(same).toBe(s1 === s2 && h1 === h2 && effective(s1, p1) === effective(s2, p2));
      }),
    );
  });
});

describe('matchPatternFor', () => {
  it('gives a pattern of the same scheme and host, without the port that patterns cannot hold', () => {
    expect(matchPatternFor('http://127.0.0.1:3000')).toBe('http://127.0.0.1/*');
    expect(matchPatternFor('https://console.example.com')).toBe('https://console.example.com/*');
  });

  it('covers the origin it was made for, and only that scheme and host', () => {
    fc.assert(
      fc.property(scheme, hostName, port, (s, h, p) => {
        const pattern = matchPatternFor(`${s}://${h}:${p}`);
        expect(pattern).toBe(`${s}://${h}/*`);
      }),
    );
  });
});
