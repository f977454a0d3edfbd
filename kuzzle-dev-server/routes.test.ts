import { describe, expect, it } from 'vitest';
import { buildPublicApi, matchRoute, type HttpRoute } from './routes';

describe('matchRoute', () => {
  it('prefers a static path part over a placeholder, as Kuzzle\'s route tree does', () => {
    expect(matchRoute('GET', '/users/_me')?.route.action).toBe('getCurrentUser');
    expect(matchRoute('GET', '/users/_mapping')?.route.action).toBe('getUserMapping');
    expect(matchRoute('GET', '/myindex/_list')).toMatchObject({ route: { controller: 'collection', action: 'list' }, params: { index: 'myindex' } });
  });

  it('fills placeholders, decoded, and strips one trailing slash', () => {
    expect(matchRoute('DELETE', '/api-keys/key%201')?.params).toEqual({ _id: 'key 1' });
    expect(matchRoute('POST', '/_login/local/')?.params).toEqual({ strategy: 'local' });
    expect(matchRoute('POST', '/_login/local//')).toBeNull();
  });

  it('is case-sensitive and verb-specific', () => {
    expect(matchRoute('GET', '/_ME')).toBeNull();
    expect(matchRoute('GET', '/_logout')).toBeNull();
    expect(matchRoute('POST', '/_logout')?.route.action).toBe('logout');
    expect(matchRoute('GET', '/')?.route.action).toBe('info');
  });
});

describe('buildPublicApi', () => {
  it('lists every action, with the HTTP routes of those that have some', () => {
    const routes: HttpRoute[] = [
      { verb: 'GET', path: '/_now', controller: 'server', action: 'now' },
      { verb: 'GET', path: '/orphan', controller: 'ghost', action: 'boo' },
    ];
    expect(buildPublicApi({ server: ['now', 'secret'] }, routes)).toEqual({
      server: {
        now: { action: 'now', controller: 'server', http: [{ path: '/_now', url: '/_now', verb: 'GET' }] },
        secret: { action: 'secret', controller: 'server' },
      },
    });
  });
});
