import { describe, expect, it } from 'vitest';
import { orderStrategies, parseCredentialsJson, parsePastedToken } from './login-input';

describe('orderStrategies', () => {
  it('puts local first and keeps the server order otherwise', () => {
    expect(orderStrategies(['oauth-dev', 'github', 'local'])).toEqual(['local', 'oauth-dev', 'github']);
  });
  it('drops duplicates and empty names, and works without local', () => {
    expect(orderStrategies(['oauth-dev', '', 'oauth-dev', 'ldap'])).toEqual(['oauth-dev', 'ldap']);
  });
});

describe('parseCredentialsJson', () => {
  it('reads empty text as no credentials', () => {
    expect(parseCredentialsJson('  ')).toEqual({ ok: true, value: {} });
  });
  it('reads a JSON object', () => {
    expect(parseCredentialsJson('{"code": "abc", "n": 1}')).toEqual({ ok: true, value: { code: 'abc', n: 1 } });
  });
  it('refuses broken JSON and JSON that is not an object, with different messages', () => {
    expect(parseCredentialsJson('{code: 1}')).toEqual({ ok: false, messageKey: 'credentialsNotJson' });
    expect(parseCredentialsJson('[1]')).toEqual({ ok: false, messageKey: 'credentialsNotObject' });
    expect(parseCredentialsJson('"text"')).toEqual({ ok: false, messageKey: 'credentialsNotObject' });
    expect(parseCredentialsJson('null')).toEqual({ ok: false, messageKey: 'credentialsNotObject' });
  });
});

describe('parsePastedToken', () => {
  it('takes a bare token, trimmed, and unquotes a token copied from JSON', () => {
    expect(parsePastedToken('  kauth-abc.def.ghi \n')).toEqual({ ok: true, value: 'kauth-abc.def.ghi' });
    expect(parsePastedToken('"kauth-abc.def"')).toEqual({ ok: true, value: 'kauth-abc.def' });
  });
  it('passes a whole Kuzzle response through as an object for the worker to unwrap', () => {
    const response = { status: 200, result: { _id: 'alice', jwt: 'kauth-x', expiresAt: 1, ttl: 1 } };
    expect(parsePastedToken(JSON.stringify(response, null, 2))).toEqual({ ok: true, value: response });
  });
  it('says what is wrong with empty text, broken JSON, or text with spaces', () => {
    expect(parsePastedToken('')).toEqual({ ok: false, messageKey: 'tokenEmpty' });
    expect(parsePastedToken('{"result": ')).toEqual({ ok: false, messageKey: 'tokenBadJson' });
    expect(parsePastedToken('{}x')).toEqual({ ok: false, messageKey: 'tokenBadJson' });
    expect(parsePastedToken('Bearer kauth-abc')).toEqual({ ok: false, messageKey: 'tokenHasSpaces' });
  });
});
