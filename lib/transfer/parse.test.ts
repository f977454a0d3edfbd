import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CONSOLE_EXPORT_SAMPLE, consoleConnections } from '../../test-support/transfer';
import { CONSOLE_COLORS } from '../inject/admin-console';
import { SERVER_COLORS } from '../model';
import { parseServerUrl } from '../server-url';
import { MAX_IMPORT_BYTES, MAX_IMPORT_ENTRIES, parseConsoleEnvironments, parseImportText, serverColorFor } from './parse';

function parsed(text: string) {
  const result = parseImportText(text);
  if (!result.ok) throw new Error(`refused: ${result.message}`);
  return result.value;
}

describe('parseImportText: the Admin Console\'s connections.json', () => {
  it('makes each connection a server: name, colour mapped, URL from host, port and TLS', () => {
    const value = parsed(CONSOLE_EXPORT_SAMPLE);
    expect(value.format).toBe('admin-console');
    expect(value.refused).toEqual([]);
    expect(value.candidates).toEqual([
      { url: 'http://localhost:7512', name: 'local', color: 'green', boundOrigins: [], accounts: [] },
      { url: 'https://staging.kuzzle.example.com', name: 'staging', color: 'teal', boundOrigins: [], accounts: [] },
      { url: 'https://kuzzle.example.com:7443', name: 'prod', color: 'red', boundOrigins: [], accounts: [] },
    ]);
  });

  it('maps the console\'s eight colours one to one onto the extension\'s', () => {
    const mapped = CONSOLE_COLORS.map(serverColorFor);
    expect(new Set(mapped).size).toBe(8);
    expect([...mapped].sort()).toEqual([...SERVER_COLORS].sort());
    expect(serverColorFor('#002835')).toBe('blue');
  });

  it('fills what old entries lack as the console does (port 7512, no TLS), and refuses Kuzzle 1 connections', () => {
    const value = parsed(JSON.stringify({ old: { name: 'old', host: 'kuzzle.example.com', color: '#002835' }, v1: { name: 'v1', host: 'k1.example.com', port: 7512, ssl: false, backendMajorVersion: 1 } }));
    expect(value.candidates).toEqual([{ url: 'http://kuzzle.example.com:7512', name: 'old', color: 'blue', boundOrigins: [], accounts: [] }]);
    expect(value.refused).toEqual([{ label: 'v1', problem: { code: 'entry-kuzzle-1' } }]);
  });

  it('never carries a token, even when the file has one', () => {
    const value = parsed(consoleConnections({ a: { token: 'kauth-secret' } }));
    expect(JSON.stringify(value)).not.toContain('kauth-secret');
  });

  it('refuses hostile entries one by one, with their reason, and keeps the good ones', () => {
    const file = JSON.parse(
      consoleConnections({
        good: { host: 'kuzzle.example.com' },
        script: { name: '<script>alert(1)</script>', host: 'javascript:alert(1)' },
        path: { host: 'kuzzle.example.com/evil' },
        credentials: { host: 'user@kuzzle.example.com' },
        control: { name: 'bell\u0007', host: 'b.example.com' },
        bidi: { name: 'admin\u202egnp.exe', host: 'c.example.com' },
        lookalike: { host: 'kuzzle.example.com\u2215evil.com' },
        port: { host: 'd.example.com', port: '7512' },
        bigPort: { host: 'd.example.com', port: 70000 },
        ssl: { host: 'd.example.com', ssl: 'yes' },
        twice: { host: 'kuzzle.example.com' },
      }),
    ) as Record<string, unknown>;
    file.notObject = 'a string';
    const value = parsed(JSON.stringify(file));
    expect(value.candidates.map((candidate) => candidate.name)).toEqual(['good']);
    const reasons = Object.fromEntries(value.refused.map((entry) => [entry.label, entry.problem.code]));
    expect(reasons).toMatchObject({
      '<script>alert(1)</script>': 'entry-bad-host',
      path: 'entry-bad-host',
      credentials: 'entry-bad-host',
      lookalike: 'entry-bad-url',
      port: 'entry-bad-port',
      bigPort: 'entry-bad-port',
      ssl: 'entry-bad-ssl',
      notObject: 'entry-not-object',
      twice: 'entry-duplicate',
    });
    // Labels are shown: invisible characters are replaced, never passed on.
    expect(value.refused.map((entry) => entry.label)).toEqual(expect.arrayContaining(['bell�', 'admin�gnp.exe']));
  });

  it('stores an internationalised (lookalike) host in punycode, and says how it was written', () => {
    const [candidate] = parsed(consoleConnections({ apple: { host: 'аpple.com', port: 443, ssl: true } })).candidates;
    expect(candidate).toMatchObject({ url: 'https://xn--pple-43d.com', displayHost: 'аpple.com' });
  });
});

describe('parseImportText: the extension\'s own export', () => {
  const own = (servers: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ format: 'kuzzle-session-manager', version: 1, servers, ...extra });

  it('reads servers, colours, bound sites and accounts', () => {
    const value = parsed(
      own([{ url: 'https://kuzzle.example.com', name: 'Prod', color: 'red', boundOrigins: ['https://console.example.com', 'not a site'], accounts: [{ name: 'alice', kuid: 'k-alice', strategy: 'local' }, { kuid: '', strategy: 'local' }] }]),
    );
    expect(value.format).toBe('session-manager');
    expect(value.candidates).toEqual([
      { url: 'https://kuzzle.example.com', name: 'Prod', color: 'red', boundOrigins: ['https://console.example.com'], accounts: [{ displayName: 'alice', kuid: 'k-alice', strategy: 'local' }] },
    ]);
    expect(value.droppedSites).toBe(1);
  });

  it('refuses an export of a newer version whole', () => {
    const result = parseImportText(own([], { version: 2 }));
    expect(result).toMatchObject({ ok: false, problem: { code: 'file-newer-version', params: { version: '2' } } });
  });
});

describe('parseImportText: files that are not lists of connections', () => {
  it.each([
    ['not JSON', 'hello', 'file-not-json'],
    ['an array', '[1,2]', 'file-wrong-shape'],
    ['a number', '42', 'file-wrong-shape'],
    ['null', 'null', 'file-wrong-shape'],
    ['an object of strings', '{"a":"b"}', 'file-wrong-shape'],
    ['an export without servers', '{"format":"kuzzle-session-manager","version":1}', 'file-wrong-shape'],
    ['nothing in it', '{}', 'file-empty'],
  ])('refuses %s', (_what, text, code) => {
    const result = parseImportText(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem.code).toBe(code);
      expect(result.message).toMatch(/\.$/);
    }
  });

  it('refuses a huge file before parsing it, and a file of 10,000 entries whole', () => {
    expect(parseImportText(' '.repeat(MAX_IMPORT_BYTES + 1))).toMatchObject({ ok: false, problem: { code: 'file-too-large' } });
    const many: Record<string, unknown> = {};
    for (let i = 0; i < 10_000; i++) many[`c${i}`] = { name: `c${i}`, host: `h${i}.example.com`, port: 7512, ssl: true };
    const text = JSON.stringify(many);
    expect(text.length).toBeLessThan(MAX_IMPORT_BYTES);
    expect(parseImportText(text)).toMatchObject({ ok: false, problem: { code: 'file-too-many', params: { count: 10_000, max: MAX_IMPORT_ENTRIES } } });
  });
});

describe('parseImportText: properties', () => {
  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string(), (text) => void parseImportText(text)));
    fc.assert(fc.property(fc.json(), (text) => void parseImportText(text)));
  });

  it('never throws on any shape of console entries; every accepted server has an address addServer accepts as is, and a visible name', () => {
    const entry = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constant(undefined), fc.integer()),
        color: fc.oneof(fc.constantFrom(...CONSOLE_COLORS), fc.string()),
        host: fc.oneof(fc.domain(), fc.string(), fc.constantFrom('localhost', '127.0.0.1', '[::1]', 'аpple.com', 'a/b', 'x@y', 'e\u200bvil.com')),
        port: fc.oneof(fc.integer({ min: -10, max: 70_000 }), fc.string(), fc.double()),
        ssl: fc.oneof(fc.boolean(), fc.string(), fc.constant(null)),
        backendMajorVersion: fc.constantFrom(1, 2, undefined),
        token: fc.string(),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(fc.dictionary(fc.string(), entry, { maxKeys: 20 }), (file) => {
        const result = parseImportText(JSON.stringify(file));
        if (!result.ok) return;
        const { candidates, refused } = result.value;
        expect(candidates.length + refused.length).toBe(Object.keys(file).length);
        expect(new Set(candidates.map((candidate) => candidate.url)).size).toBe(candidates.length);
        for (const candidate of candidates) {
          const again = parseServerUrl(candidate.url);
          expect(again.ok && again.url).toBe(candidate.url);
          expect(candidate.name.trim()).toBe(candidate.name);
          expect(candidate.name).not.toMatch(/[\p{Cc}\p{Cf}]/u);
          expect(SERVER_COLORS).toContain(candidate.color);
        }
        for (const entry of refused) expect(entry.label).not.toMatch(/[\p{Cc}\p{Cf}]/u);
      }),
    );
  });

  it('reads back what the console would write for any well-formed connection', () => {
    fc.assert(
      fc.property(fc.domain(), fc.integer({ min: 1, max: 65535 }), fc.boolean(), fc.constantFrom(...CONSOLE_COLORS), (host, port, ssl, color) => {
        const [candidate] = parsed(consoleConnections({ conn: { host, port, ssl, color } })).candidates;
        const url = new URL(candidate!.url);
        expect(url.protocol).toBe(ssl ? 'https:' : 'http:');
        expect(url.hostname).toBe(new URL(`http://${host}`).hostname);
        expect(Number(url.port || (ssl ? 443 : 80))).toBe(port);
        expect(candidate!.color).toBe(serverColorFor(color));
      }),
    );
  });
});

describe('parseConsoleEnvironments', () => {
  it('reads an open console\'s environments as its file, leaving out what cannot be a server', () => {
    const environments = JSON.parse(CONSOLE_EXPORT_SAMPLE) as Record<string, unknown>;
    environments.broken = { host: 'a b' };
    expect(parseConsoleEnvironments(environments).map((candidate) => candidate.name)).toEqual(['local', 'staging', 'prod']);
    expect(parseConsoleEnvironments(null)).toEqual([]);
    expect(parseConsoleEnvironments('x')).toEqual([]);
  });
});
