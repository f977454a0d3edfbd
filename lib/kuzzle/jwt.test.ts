import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase64Segment, decodeToken, sdkCanReadToken } from './jwt';

/** The login token of reference §12.1: payload {"_id":"alice","iat":1700000000,"exp":1700003600}. */
const ALICE_TOKEN =
  'kauth-eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ.B33ATT-55MSnE4z_UijGWC8lw9FFtRBlYYirsB183ZY';
const HEADER = 'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9';

function base64(text: string, alphabet: 'standard' | 'url', padding: boolean): string {
  const bytes = new TextEncoder().encode(text);
  let encoded = btoa(String.fromCharCode(...bytes));
  if (alphabet === 'url') encoded = encoded.replace(/\+/g, '-').replace(/\//g, '_');
  return padding ? encoded : encoded.replace(/=+$/, '');
}

function tokenWith(payload: unknown, { prefix = 'kauth-', alphabet = 'url', padding = false } = {} as {
  prefix?: string;
  alphabet?: 'standard' | 'url';
  padding?: boolean;
}): string {
  return `${prefix}${HEADER}.${base64(JSON.stringify(payload), alphabet, padding)}.c2lnbmF0dXJl`;
}

describe('decodeToken', () => {
  it('reads the reference login token, times in ms', () => {
    expect(decodeToken(ALICE_TOKEN)).toEqual({ kuid: 'alice', issuedAt: 1_700_000_000_000, expiresAt: 1_700_003_600_000 });
  });

  it('reads API keys and bare JWTs (Kuzzle before 2.14) too', () => {
    expect(decodeToken(tokenWith({ _id: 'bot', iat: 1 }, { prefix: 'kapikey-' }))).toEqual({ kuid: 'bot', issuedAt: 1000 });
    expect(decodeToken(ALICE_TOKEN.slice('kauth-'.length))?.kuid).toBe('alice');
  });

  it('leaves out expiresAt for a token that never expires', () => {
    const decoded = decodeToken(tokenWith({ _id: 'alice', iat: 1_700_000_000 }));
    expect(decoded).toEqual({ kuid: 'alice', issuedAt: 1_700_000_000_000 });
    expect(decoded).not.toHaveProperty('expiresAt');
  });

  it('reads Unicode kuids as UTF-8, from either alphabet, padded or not', () => {
    const kuid = 'zoë-日本-🦊?>>';
    for (const alphabet of ['standard', 'url'] as const) {
      for (const padding of [true, false]) {
        expect(decodeToken(tokenWith({ _id: kuid, exp: 2 }, { alphabet, padding }))).toEqual({ kuid, expiresAt: 2000 });
      }
    }
  });

  it('ignores surrounding spaces from a paste', () => {
    expect(decodeToken(`  ${ALICE_TOKEN}\n`)?.kuid).toBe('alice');
  });

  it.each([
    ['', 'empty'],
    ['kauth-', 'a prefix alone'],
    ['not a token', 'no dots'],
    ['kauth-a.b', 'two segments'],
    ['kauth-a.b.c.d', 'four segments'],
    [`kauth-.${base64('{"_id":"a"}', 'url', false)}.sig`, 'an empty header'],
    [`kauth-${HEADER}..sig`, 'an empty payload'],
    [`kauth-${HEADER}.eyJfaWQiOiJhIn0!.sig`, 'a character outside base64'],
    [`kauth-${HEADER}.a.sig`, 'a payload of impossible length'],
    [`kauth-${HEADER}.${base64('not json', 'url', false)}.sig`, 'a payload that is not JSON'],
    [`kauth-${HEADER}.${base64('[1]', 'url', false)}.sig`, 'a payload that is an array'],
    [`kauth-${HEADER}.${btoa('{"_id":"\xff"}')}.sig`, 'a payload that is not UTF-8'],
    [tokenWith({ iat: 1 }), 'no _id'],
    [tokenWith({ _id: '' }), 'an empty _id'],
    [tokenWith({ _id: 42 }), 'a numeric _id'],
    [tokenWith({ _id: 'a', exp: '1700000000' }), 'a string exp'],
    [tokenWith({ _id: 'a', iat: -5 }), 'a negative iat'],
  ])('says null for %j (%s)', (token) => {
    expect(decodeToken(token)).toBeNull();
  });

  it('says null for what is not a string', () => {
    expect(decodeToken(undefined)).toBeNull();
    expect(decodeToken({ jwt: ALICE_TOKEN })).toBeNull();
  });

  it('never throws on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.stringMatching(/^kauth-[A-Za-z0-9_=+/-]*\.[A-Za-z0-9_=+/-]*\.[a-z]*$/)), (input) => {
        const decoded = decodeToken(input);
        expect(decoded === null || typeof decoded.kuid === 'string').toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('round-trips any kuid and times, in both alphabets', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme', minLength: 1 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.option(fc.integer({ min: 0, max: 4_000_000_000 }), { nil: undefined }),
        fc.constantFrom('standard', 'url'),
        fc.boolean(),
        (kuid, iat, exp, alphabet, padding) => {
          const decoded = decodeToken(tokenWith({ _id: kuid, iat, exp }, { alphabet, padding }));
          expect(decoded).toEqual({ kuid, issuedAt: iat * 1000, ...(exp === undefined ? {} : { expiresAt: exp * 1000 }) });
        },
      ),
    );
  });
});

describe('decodeBase64Segment', () => {
  it('decodes both alphabets with or without padding', () => {
    expect(decodeBase64Segment('Pz8-')).toBe('??>');
    expect(decodeBase64Segment('Pz8+')).toBe('??>');
    expect(decodeBase64Segment('YQ')).toBe('a');
    expect(decodeBase64Segment('YQ==')).toBe('a');
  });
  it('says null for what cannot be base64', () => {
    expect(decodeBase64Segment('Y')).toBeNull();
    expect(decodeBase64Segment('Y Q')).toBeNull();
    expect(decodeBase64Segment('')).toBeNull();
  });
});

describe('sdkCanReadToken', () => {
  it('accepts a payload in the standard alphabet', () => {
    expect(sdkCanReadToken(ALICE_TOKEN)).toBe(true);
  });
  it('refuses a payload with - or _, which the Kuzzle SDK cannot decode', () => {
    // "??>" encodes to "Pz8-" in base64url: the SDK would throw "Invalid JSON payload for JWT".
    const token = tokenWith({ _id: '??>', exp: 1 }, { alphabet: 'url' });
    expect(token.split('.')[1]).toMatch(/[-_]/);
    expect(decodeToken(token)?.kuid).toBe('??>');
    expect(sdkCanReadToken(token)).toBe(false);
  });
  it('refuses a malformed token', () => {
    expect(sdkCanReadToken('kauth-nope')).toBe(false);
  });
});
