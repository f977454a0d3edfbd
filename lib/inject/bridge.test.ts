import { describe, expect, it } from 'vitest';
import type { PageSession } from '../model';
import { BRIDGE_TYPES, bridgeMessageFor, parseBridgeRequest } from './bridge';
import { isBridgeOutgoing } from '../../test-support/bridge';

const ownWindow = { name: 'own' };
const own = { window: ownWindow, origin: 'https://console.example.com' };
const session: PageSession = {
  kuid: 'alice',
  jwt: 'h.p.s',
  expiresAt: 1_900_000_000_000,
  server: { url: 'https://k.example.com', name: 'Prod', color: 'red', host: 'k.example.com', port: 443, ssl: true },
};

describe('parseBridgeRequest', () => {
  it('accepts a get-session from the page itself, echoing its request id', () => {
    expect(parseBridgeRequest({ source: ownWindow, origin: own.origin, data: { type: BRIDGE_TYPES.getSession } }, own)).toEqual({
      type: BRIDGE_TYPES.getSession,
    });
    expect(
      parseBridgeRequest({ source: ownWindow, origin: own.origin, data: { type: BRIDGE_TYPES.getSession, requestId: 'r1' } }, own),
    ).toEqual({ type: BRIDGE_TYPES.getSession, requestId: 'r1' });
  });

  it.each([
    ['a frame of another origin', { source: { name: 'frame' }, origin: 'https://evil.example', data: { type: BRIDGE_TYPES.getSession } }],
    ['a frame of the same origin', { source: { name: 'frame' }, origin: own.origin, data: { type: BRIDGE_TYPES.getSession } }],
    ['its own window with a forged origin', { source: ownWindow, origin: 'https://evil.example', data: { type: BRIDGE_TYPES.getSession } }],
    ['the http: twin of an https: page', { source: ownWindow, origin: 'http://console.example.com', data: { type: BRIDGE_TYPES.getSession } }],
    ['an opaque origin', { source: ownWindow, origin: 'null', data: { type: BRIDGE_TYPES.getSession } }],
  ])('ignores a request from %s', (_label, event) => {
    expect(parseBridgeRequest(event, own)).toBeNull();
  });

  it.each([
    ['a string', 'kuzzle-session-manager:get-session'],
    ['null', null],
    ['another type', { type: 'kuzzle-session-manager:session' }],
    ['a look-alike type', { type: 'kuzzle-session-manager:get-session ' }],
    ['a non-string request id', { type: BRIDGE_TYPES.getSession, requestId: { toString: (): string => 'x' } }],
    ['an overlong request id', { type: BRIDGE_TYPES.getSession, requestId: 'x'.repeat(129) }],
  ])('ignores a malformed message: %s', (_label, data) => {
    expect(parseBridgeRequest({ source: ownWindow, origin: own.origin, data }, own)).toBeNull();
  });
});

describe('bridgeMessageFor', () => {
  it('carries kuid, jwt, expiresAt and server, and nothing else of the session', () => {
    const message = bridgeMessageFor({ ...session, extra: 'secret' } as PageSession, 'refresh', 'r1');
    expect(message).toEqual({
      type: BRIDGE_TYPES.session,
      session: { kuid: 'alice', jwt: 'h.p.s', expiresAt: 1_900_000_000_000, server: session.server },
      reason: 'refresh',
      requestId: 'r1',
    });
    expect(isBridgeOutgoing(message)).toBe(true);
  });

  it('says signed-out when there is no session', () => {
    const message = bridgeMessageFor(null, 'logout');
    expect(message).toEqual({ type: BRIDGE_TYPES.signedOut, reason: 'logout' });
    expect(isBridgeOutgoing(message)).toBe(true);
  });
});

describe('isBridgeOutgoing', () => {
  it.each([
    ['a request', { type: BRIDGE_TYPES.getSession }],
    ['a session without a jwt', { type: BRIDGE_TYPES.session, reason: 'login', session: { kuid: 'a', expiresAt: 1, server: {} } }],
    ['a session without a reason', { type: BRIDGE_TYPES.session, session: { kuid: 'a', jwt: 'j', expiresAt: 1, server: {} } }],
    ['a signed-out with a numeric request id', { type: BRIDGE_TYPES.signedOut, reason: 'logout', requestId: 3 }],
    ['nothing', undefined],
  ])('refuses %s', (_label, data) => {
    expect(isBridgeOutgoing(data)).toBe(false);
  });
});
