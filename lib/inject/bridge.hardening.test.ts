// Issue 7, item 4, as properties of the page bridge: nothing but the page's own window at its own
// origin is ever answered, and an answer carries only the documented fields of the session.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PageSession } from '../model';
import { BRIDGE_TYPES, bridgeMessageFor, parseBridgeRequest } from './bridge';

const ownWindow = { name: 'own' };
const own = { window: ownWindow, origin: 'https://console.example.com' };

describe('page bridge: properties', () => {
  it('answers no message from another window or another origin, whatever it carries', () => {
    const otherOrigin = fc.oneof(fc.webUrl().map((url) => new URL(url).origin), fc.constantFrom('null', 'http://console.example.com', 'https://console.example.com:444', 'https://console.example.com.', ''));
    fc.assert(
      fc.property(
        fc.oneof(fc.constant<unknown>(ownWindow), fc.anything()),
        otherOrigin,
        fc.oneof(fc.anything(), fc.record({ type: fc.constant(BRIDGE_TYPES.getSession), requestId: fc.string() })),
        (source, origin, data) => {
          fc.pre(source !== ownWindow || origin !== own.origin);
          expect(parseBridgeRequest({ source, origin, data }, own)).toBeNull();
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('an answer holds the session\'s documented fields only, whatever else the session object carries', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }), fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 5 }), (extra, extraServer) => {
        const session = {
          ...extra,
          kuid: 'alice',
          jwt: 'h.p.s',
          expiresAt: 1,
          server: { ...extraServer, url: 'https://k.example.com', name: 'Prod', color: 'red', host: 'k.example.com', port: 443, ssl: true },
        } as PageSession;
        const message = bridgeMessageFor(session, 'request');
        expect(message.type).toBe(BRIDGE_TYPES.session);
        if (message.type !== BRIDGE_TYPES.session) return;
        expect(Object.keys(message.session).sort()).toEqual(['expiresAt', 'jwt', 'kuid', 'server']);
        expect(Object.keys(message.session.server).sort()).toEqual(['color', 'host', 'name', 'port', 'ssl', 'url']);
      }),
    );
  });
});
