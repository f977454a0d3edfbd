import { describe, expect, it } from 'vitest';
import { KuzzleError } from './errors';
import { JwtSigner, parseDuration, resolveTtl, TokenStore } from './tokens';

function errorOf(run: () => unknown): KuzzleError {
  try {
    run();
  } catch (error) {
    return error as KuzzleError;
  }
  throw new Error('expected an error');
}

describe('resolveTtl (Kuzzle parseTimespan + generateToken checks)', () => {
  it('reads numbers as ms and strings with ms', () => {
    expect(resolveTtl(1500, -1)).toBe(1500);
    expect(resolveTtl('1h', -1)).toBe(3_600_000);
    expect(resolveTtl('3600000', -1)).toBe(3_600_000);
    expect(resolveTtl('-1', -1)).toBe(-1);
    expect(resolveTtl(-1, -1)).toBe(-1);
  });

  it('calls what parses to 0 or not at all an invalid argument', () => {
    for (const value of ['0', 'abc', ' 5m', 0, true, '-5m']) {
      const error = errorOf(() => resolveTtl(value, -1));
      expect(error.id).toBe('api.assert.invalid_argument');
      expect(error.message).toBe('Invalid argument "expiresIn". Expected: a number of milliseconds, or a parsable timespan string');
    }
  });

  it('enforces maxTTL, infinite tokens included', () => {
    expect(resolveTtl('1h', 3_600_000)).toBe(3_600_000);
    expect(errorOf(() => resolveTtl('2h', 3_600_000)).toJSON()).toEqual({
      code: 117506052,
      id: 'security.token.ttl_exceeded',
      message: 'expiresIn value exceeds maximum allowed value',
      props: [],
      status: 400,
    });
    expect(errorOf(() => resolveTtl(-1, 0)).id).toBe('security.token.ttl_exceeded');
  });
});

describe('parseDuration (flags)', () => {
  it('accepts ms numbers and ms strings, and explains a bad one', () => {
    expect(parseDuration('40s', '--expires-in')).toBe(40_000);
    expect(parseDuration('-1', '--max-ttl')).toBe(-1);
    expect(parseDuration(250, '--grace-period')).toBe(250);
    expect(() => parseDuration('soon', '--expires-in')).toThrow('--expires-in: "soon" is not a duration. Give milliseconds (3600000) or an ms string ("1h", "40s").');
  });
});

describe('JwtSigner', () => {
  it('signs HS256 JWTs it can verify, and rejects tampering and other secrets', () => {
    const signer = new JwtSigner(Buffer.from('secret'));
    const jwt = signer.sign({ _id: 'alice', iat: 1, exp: 2 });
    expect(signer.verify(jwt)).toEqual({ _id: 'alice', iat: 1, exp: 2 });
    const [head, , signature] = jwt.split('.');
    const forgedBody = Buffer.from(JSON.stringify({ _id: 'admin', iat: 1, exp: 2 })).toString('base64url');
    expect(signer.verify(`${head}.${forgedBody}.${signature}`)).toBeNull();
    expect(new JwtSigner(Buffer.from('other')).verify(jwt)).toBeNull();
    expect(signer.verify('not-a-jwt')).toBeNull();
  });

  it('encodes the header and claims exactly as the example token of Kuzzle (docs/kuzzle.md §12.1, signed with jsonwebtoken) does', () => {
    const signer = new JwtSigner(Buffer.from('dummy'));
    const jwt = signer.sign({ _id: 'alice', iat: 1_700_000_000, exp: 1_700_003_600 });
    expect(jwt.split('.').slice(0, 2).join('.')).toBe('eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJfaWQiOiJhbGljZSIsImlhdCI6MTcwMDAwMDAwMCwiZXhwIjoxNzAwMDAzNjAwfQ');
  });
});

describe('TokenStore', () => {
  function store() {
    let now = 1_700_000_000_000;
    const tokens = new TokenStore(new JwtSigner(), () => now);
    return { tokens, advance: (ms: number) => (now += ms) };
  }

  it('verifies stored tokens until they expire, then sweeps them', () => {
    const { tokens, advance } = store();
    const token = tokens.createAuthToken('alice', 60_000);
    expect(tokens.verify(token.jwt).kuid).toBe('alice');
    expect(token.exp).toBe(1_700_000_060);
    advance(60_000);
    expect(errorOf(() => tokens.verify(token.jwt)).id).toBe('security.token.invalid');
    const other = tokens.createAuthToken('bob', 1000);
    advance(1000);
    expect(tokens.sweepExpired().map((t) => t.jwt)).toEqual([token.jwt, other.jwt]);
    expect(tokens.sweepExpired()).toEqual([]);
  });

  it('keeps a refreshed token for the grace period only', () => {
    const { tokens, advance } = store();
    const token = tokens.createAuthToken('alice', 60_000);
    tokens.markRefreshed(token, 1000);
    advance(999);
    expect(tokens.verify(token.jwt).refreshed).toBe(true);
    advance(1);
    expect(errorOf(() => tokens.verify(token.jwt)).id).toBe('security.token.invalid');
  });

  it('never hands out the same token twice, even within one second', () => {
    const { tokens } = store();
    const first = tokens.createAuthToken('alice', 60_000);
    const second = tokens.createAuthToken('alice', 60_000);
    expect(second.jwt).not.toBe(first.jwt);
    expect(second.exp).toBe(first.exp);
    expect(tokens.verify(first.jwt).kuid).toBe('alice');
    expect(tokens.verify(second.jwt).kuid).toBe('alice');
  });

  it('revokes one token, or all of a user\'s auth tokens but not their API keys', () => {
    const { tokens } = store();
    const a = tokens.createAuthToken('alice', 60_000);
    const b = tokens.createAuthToken('alice', 120_000);
    const key = tokens.createApiKey('alice', -1, 'ci', 'k1');
    tokens.revoke(a.jwt);
    expect(errorOf(() => tokens.verify(a.jwt)).id).toBe('security.token.invalid');
    expect(tokens.revokeAllOf('alice').map((t) => t.jwt)).toEqual([b.jwt]);
    expect(tokens.verify(key.token.jwt).type).toBe('apiKey');
    expect(key.token.jwt.startsWith('kapikey-')).toBe(true);
    expect(tokens.deleteApiKey('bob', 'k1')).toBe(false);
    expect(tokens.deleteApiKey('alice', 'k1')).toBe(true);
    expect(errorOf(() => tokens.verify(key.token.jwt)).id).toBe('security.token.invalid');
  });

  it('refuses tokens without the kauth-/kapikey- prefix', () => {
    const { tokens } = store();
    const token = tokens.createAuthToken('alice', 60_000);
    expect(errorOf(() => tokens.verify(token.jwt.slice('kauth-'.length))).id).toBe('security.token.invalid');
  });
});
