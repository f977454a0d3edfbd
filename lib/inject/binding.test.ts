import { describe, expect, it } from 'vitest';
import type { ServerRecord } from '../model';
import { permissionPatternsToRelease } from './binding';
import { matchPatternFor } from './origins';

const MANIFEST = ['http://127.0.0.1/*', 'http://localhost/*'];

function server(url: string, boundOrigins: string[]): ServerRecord {
  return { id: url, url, name: url, color: 'blue', boundOrigins, activeAccountId: null, createdAt: 0 };
}

describe('the pattern asked for when binding', () => {
  it('asks for the host of the origin, every port', () => {
    expect(matchPatternFor('https://console.example.com:8443')).toBe('https://console.example.com/*');
  });
});

describe('permissionPatternsToRelease', () => {
  it('gives back the pattern of an unbound origin that nothing else needs', () => {
    const servers = [server('https://kuzzle.example.com', [])];
    expect(permissionPatternsToRelease(servers, ['https://console.example.com'], MANIFEST)).toEqual(['https://console.example.com/*']);
  });

  it('keeps a pattern another bound origin on the same host still uses (patterns have no port)', () => {
    const servers = [server('https://kuzzle.example.com', ['https://console.example.com:8443'])];
    expect(permissionPatternsToRelease(servers, ['https://console.example.com'], MANIFEST)).toEqual([]);
  });

  it('keeps the pattern of a host where a server\'s Kuzzle lives', () => {
    const servers = [server('https://kuzzle.example.com:7512', [])];
    expect(permissionPatternsToRelease(servers, ['https://kuzzle.example.com'], MANIFEST)).toEqual([]);
  });

  it('never gives back what the manifest grants, nor what never parsed', () => {
    expect(permissionPatternsToRelease([], ['http://127.0.0.1:3000', 'not an origin'], MANIFEST)).toEqual([]);
  });

  it('tells http and https apart', () => {
    const servers = [server('https://kuzzle.example.com', ['https://console.example.com'])];
    expect(permissionPatternsToRelease(servers, ['http://console.example.com'], MANIFEST)).toEqual(['http://console.example.com/*']);
  });
});
