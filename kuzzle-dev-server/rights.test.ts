import { describe, expect, it } from 'vitest';
import { isAllowed, rightsOf } from './rights';

describe('open roles (default)', () => {
  it('lets anonymous sign in and read server basics only', () => {
    for (const action of ['login', 'checkToken', 'logout', 'refreshToken', 'getStrategies']) expect(isAllowed('open', null, 'auth', action)).toBe(true);
    expect(isAllowed('open', null, 'server', 'publicApi')).toBe(true);
    expect(isAllowed('open', null, 'index', 'list')).toBe(false);
    expect(isAllowed('open', null, 'server', 'getConfig')).toBe(false);
  });

  it('keeps default users out of the security controller only, and lets admins do anything', () => {
    expect(isAllowed('open', ['default'], 'index', 'list')).toBe(true);
    expect(isAllowed('open', ['default'], 'auth', 'refreshToken')).toBe(true);
    expect(isAllowed('open', ['default'], 'security', 'searchUsers')).toBe(false);
    expect(isAllowed('open', ['admin'], 'security', 'searchUsers')).toBe(true);
    expect(isAllowed('open', ['default', 'admin'], 'security', 'searchUsers')).toBe(true);
  });

  it('applies extra denials (the forbid-refresh fault) to everyone', () => {
    expect(isAllowed('open', ['admin'], 'auth', 'refreshToken', ['auth:refreshToken'])).toBe(false);
    expect(rightsOf('open', ['admin'], ['auth:refreshToken'])).toContainEqual({ controller: 'auth', action: 'refreshToken', index: '*', collection: '*', value: 'denied' });
  });
});

describe('standard roles (Kuzzle after createFirstAdmin with reset)', () => {
  it('matches the list of Kuzzle for anonymous and default users (docs/kuzzle.md §3)', () => {
    expect(['checkToken', 'getCurrentUser', 'getMyRights', 'login'].every((a) => isAllowed('standard', null, 'auth', a))).toBe(true);
    expect(isAllowed('standard', null, 'auth', 'getStrategies')).toBe(false);
    expect(isAllowed('standard', null, 'server', 'now')).toBe(false);
    expect(['checkToken', 'getCurrentUser', 'getMyRights', 'logout', 'updateSelf'].every((a) => isAllowed('standard', ['default'], 'auth', a))).toBe(true);
    expect(isAllowed('standard', ['default'], 'auth', 'refreshToken')).toBe(false);
    expect(isAllowed('standard', ['default'], 'server', 'publicApi')).toBe(true);
    expect(isAllowed('standard', ['default'], 'server', 'info')).toBe(false);
    expect(isAllowed('standard', ['admin'], 'auth', 'refreshToken')).toBe(true);
  });

  it('lists the rights getMyRights returns', () => {
    expect(rightsOf('standard', null)).toEqual(
      ['checkToken', 'getCurrentUser', 'getMyRights', 'login']
        .map((action) => ({ controller: 'auth', action, index: '*', collection: '*', value: 'allowed' }))
        .concat(['openapi', 'publicApi'].map((action) => ({ controller: 'server', action, index: '*', collection: '*', value: 'allowed' }))),
    );
  });
});
