import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SERVER_COLORS, type ServerColor } from '../model';
import { buildConsoleExport, buildExport, terminalEnvText, type ExportedServer } from './export';
import { parseImportText } from './parse';
import { planImport } from './plan';

const PROD: ExportedServer = {
  url: 'https://kuzzle.example.com',
  name: 'Prod',
  color: 'red',
  boundOrigins: ['https://console.example.com'],
  accounts: [{ displayName: 'alice', kuid: 'k-alice', strategy: 'local' }],
};
const LOCAL: ExportedServer = { url: 'http://localhost:7512', name: 'Local', color: 'blue', boundOrigins: [], accounts: [] };

describe('buildExport', () => {
  it('is versioned and reads back as the same servers, sites and accounts', () => {
    const text = buildExport([PROD, LOCAL], Date.UTC(2026, 11, 3));
    const data = JSON.parse(text);
    expect(data).toMatchObject({ format: 'kuzzle-session-manager', version: 1, exportedAt: '2026-12-03T00:00:00.000Z' });
    expect(data.servers[0].accounts).toEqual([{ name: 'alice', kuid: 'k-alice', strategy: 'local' }]);
    const back = parseImportText(text);
    expect(back.ok && back.value.candidates).toEqual([
      { url: PROD.url, name: 'Prod', color: 'red', boundOrigins: PROD.boundOrigins, accounts: PROD.accounts },
      { url: LOCAL.url, name: 'Local', color: 'blue', boundOrigins: [], accounts: [] },
    ]);
  });

  it('round-trips any list of servers, and planning it against an empty profile adds them all', () => {
    const server = fc.record({
      host: fc.domain(),
      port: fc.integer({ min: 1, max: 65535 }),
      name: fc.string({ minLength: 1, maxLength: 40 }).filter((name) => name.trim() === name && name !== '' && !/[\p{Cc}\p{Cf}\u2028\u2029]/u.test(name)),
      color: fc.constantFrom<ServerColor>(...SERVER_COLORS),
    });
    fc.assert(
      fc.property(fc.uniqueArray(server, { selector: (s) => s.host, minLength: 1, maxLength: 10 }), (servers) => {
        const exported = servers.map((s): ExportedServer => ({ url: new URL(`https://${s.host}:${s.port}`).origin, name: s.name, color: s.color, boundOrigins: [], accounts: [] }));
        const back = parseImportText(buildExport(exported, 0));
        if (!back.ok) throw new Error(back.message);
        expect(back.value.candidates.map(({ url, name, color }) => ({ url, name, color }))).toEqual(exported.map(({ url, name, color }) => ({ url, name, color })));
        expect(planImport(back.value.candidates, []).add).toHaveLength(exported.length);
      }),
    );
  });
});

describe('buildConsoleExport', () => {
  it('writes the console\'s own connections.json, which reads back to the same servers', () => {
    const { text, count, leftOut } = buildConsoleExport([PROD, LOCAL, { ...LOCAL, url: 'https://kuzzle.example.com/behind/a/path', name: 'Pathed' }, { ...LOCAL, url: 'http://127.0.0.1:7600' }]);
    expect(leftOut).toEqual(['Pathed']);
    expect(count).toBe(3);
    const connections = JSON.parse(text);
    expect(connections.Prod).toEqual({ name: 'Prod', color: 'red', host: 'kuzzle.example.com', port: 443, ssl: true, backendMajorVersion: 2, hideAdminWarning: false });
    expect(connections['Local (2)']).toMatchObject({ name: 'Local (2)', host: '127.0.0.1', port: 7600, hideAdminWarning: true });
    expect(JSON.stringify(connections)).not.toMatch(/token/);
    const back = parseImportText(text);
    expect(back.ok && back.value.candidates.map((candidate) => [candidate.url, candidate.color])).toEqual([
      ['https://kuzzle.example.com', 'red'],
      ['http://localhost:7512', 'blue'],
      ['http://127.0.0.1:7600', 'blue'],
    ]);
  });
});

describe('terminalEnvText', () => {
  it('gives kourou its host, port, TLS and token; without TLS KUZZLE_SSL is unset, since kourou reads any value as true', () => {
    expect(terminalEnvText('https://kuzzle.example.com', 'kauth-abc.def')).toBe(
      'export KUZZLE_HOST=kuzzle.example.com\nexport KUZZLE_PORT=443\nexport KUZZLE_SSL=true\nexport KUZZLE_API_KEY=kauth-abc.def\n',
    );
    expect(terminalEnvText('http://127.0.0.1:7512', 'kauth-x')).toBe('export KUZZLE_HOST=127.0.0.1\nexport KUZZLE_PORT=7512\nunset KUZZLE_SSL\nexport KUZZLE_API_KEY=kauth-x\n');
  });

  it('quotes what a shell would read otherwise, and refuses a server behind a path', () => {
    expect(terminalEnvText('http://127.0.0.1:7512', "it's $(rm -rf)")).toContain(`export KUZZLE_API_KEY='it'\\''s $(rm -rf)'`);
    expect(() => terminalEnvText('https://kuzzle.example.com/api', 'kauth-x')).toThrow(/path/);
  });
});

describe('planImport', () => {
  it('skips a known server (same URL) with the name it has, and keeps a site with the server already holding it', () => {
    const known = [{ url: 'https://kuzzle.example.com', name: 'Production', boundOrigins: ['https://console.example.com'] }];
    const plan = planImport(
      [
        { url: 'https://kuzzle.example.com', name: 'Prod', color: 'red', boundOrigins: [], accounts: [] },
        { url: 'https://staging.example.com', name: 'Staging', color: 'teal', boundOrigins: ['https://console.example.com', 'https://staging-console.example.com'], accounts: [] },
      ],
      known,
    );
    expect(plan.skipped).toEqual([{ candidate: expect.objectContaining({ name: 'Prod' }), knownAs: 'Production' }]);
    expect(plan.add).toEqual([expect.objectContaining({ name: 'Staging', boundOrigins: ['https://staging-console.example.com'] })]);
    expect(plan.droppedSites).toEqual([{ origin: 'https://console.example.com', boundTo: 'Production' }]);
  });
});
