import { afterEach, describe, expect, it, vi } from 'vitest';
import { PLANTED_ENV_KEY } from './admin-console';
import { readConsoleConnections } from './console-connections';

function pageWith(origin: string, items: Record<string, string>) {
  vi.stubGlobal('location', { origin });
  vi.stubGlobal('localStorage', { getItem: (key: string) => items[key] ?? null });
}

afterEach(() => vi.unstubAllGlobals());

describe('readConsoleConnections (runs in the console\'s page)', () => {
  it('gives back each connection\'s fields but never its token, and leaves out the entry the extension planted', () => {
    pageWith('http://127.0.0.1:8080', {
      environments: JSON.stringify({
        mine: { name: 'mine', color: 'green', host: 'kuzzle.example.com', port: 443, ssl: true, backendMajorVersion: 2, token: 'kauth-secret', hideAdminWarning: true },
        'Local (Session Manager)': { name: 'x', host: '127.0.0.1', port: 7512, ssl: false, token: 'kauth-planted' },
      }),
      [PLANTED_ENV_KEY]: 'Local (Session Manager)',
    });
    const read = readConsoleConnections('http://127.0.0.1:8080', PLANTED_ENV_KEY);
    expect(read).toEqual({ mine: { name: 'mine', color: 'green', host: 'kuzzle.example.com', port: 443, ssl: true, backendMajorVersion: 2 } });
    expect(JSON.stringify(read)).not.toContain('kauth-');
  });

  it('reads nothing on another origin, or when the storage is not the console\'s', () => {
    pageWith('http://127.0.0.1:8080', { environments: '{"a":{"host":"h"}}' });
    expect(readConsoleConnections('http://127.0.0.1:9999', PLANTED_ENV_KEY)).toBeNull();
    pageWith('http://127.0.0.1:8080', { environments: 'not json' });
    expect(readConsoleConnections('http://127.0.0.1:8080', PLANTED_ENV_KEY)).toBeNull();
    pageWith('http://127.0.0.1:8080', { environments: '[1]' });
    expect(readConsoleConnections('http://127.0.0.1:8080', PLANTED_ENV_KEY)).toBeNull();
  });
});
