import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toErrorInfo } from './error-info';
import { InvalidInputError, KuzzleError, NotKuzzleServerError, ServerUnreachableError, TimeoutError } from './kuzzle/errors';

/** Kuzzle errors as docs/kuzzle.md (§8, §12) gives them: message, id, code, status, props. */
const wrongPassword = new KuzzleError('wrong username or password', 'plugin.strategy.missing_user', 67305492, 401, [
  'wrong username or password',
]);
const forbiddenRefresh = new KuzzleError(
  'Insufficient permissions to execute the action "auth:refreshToken" (User "alice").',
  'security.rights.forbidden',
  117637122,
  403,
  ['auth', 'refreshToken', 'alice'],
);

describe('toErrorInfo: Kuzzle errors keep their id, code, status and message beside the advice', () => {
  it('wrong username or password', () => {
    expect(toErrorInfo(wrongPassword)).toEqual({
      kind: 'kuzzle',
      message: 'Wrong username or password. Check them and try again.',
      kuzzleId: 'plugin.strategy.missing_user',
      code: 67305492,
      status: 401,
      kuzzleMessage: 'wrong username or password',
    });
  });

  it.each([
    [new KuzzleError('Missing credentials', 'plugin.strategy.missing_user', 67305492, 401, ['Missing credentials']), /^Enter both the username and the password/],
    [new KuzzleError('Unable to log in using the strategy "oauth"', 'plugin.strategy.missing_user', 67305492, 401), /refused the sign-in: Unable to log in using the strategy "oauth"/],
    [new KuzzleError('Invalid token.', 'security.token.invalid', 117506049, 401), /^The session is no longer valid \(expired or revoked\)\. Log in again\.$/],
    [new KuzzleError('Token expired', 'security.token.expired', 117506054, 401), /expired\. Log in again/],
    [forbiddenRefresh, /not allowed to do this on this server \(auth:refreshToken\)\. Ask the server's admin/],
    [new KuzzleError('Unauthorized: authentication required to execute the action "auth:logout". -1', 'security.rights.unauthorized', 117637121, 401, ['auth', 'logout', '-1']), /must be logged in to do this \(auth:logout\)/],
    [new KuzzleError('Unknown authentication strategy "foo"', 'security.credentials.unknown_strategy', 117571585, 400, ['foo']), /does not offer the sign-in method "foo"\. Pick one/],
    [new KuzzleError('Invalid argument "expiresIn". Expected: a number of milliseconds, or a parsable timespan string', 'api.assert.invalid_argument', 33619970, 400, ['expiresIn', 'a number of milliseconds, or a parsable timespan string']), /refused that Expires in value\. Enter a duration/],
    [new KuzzleError('Invalid argument "from". Expected: a number', 'api.assert.invalid_argument', 33619970, 400, ['from', 'a number']), /refused a value: Invalid argument "from"/],
    [new KuzzleError('expiresIn value exceeds maximum allowed value', 'security.token.ttl_exceeded', 117506052, 400), /does not allow tokens that long; try a shorter Expires in/],
    [new KuzzleError('API Key cannot be refreshed.', 'security.token.refresh_forbidden', 117506056, 401), /cannot be refreshed/],
    [new KuzzleError('Rejected: requests rate limit exceeded for this user.', 'api.process.too_many_requests', 33685512, 429), /Too many requests.*wait a moment/],
    [new KuzzleError('Rejected: Too many login attempts per second', 'api.process.too_many_logins_requests', 33685517, 429), /Too many login attempts.*wait a moment/],
    [new KuzzleError('Some future rate limit', 'api.process.something_new', 1, 429), /Too many requests.*wait a moment/],
    [new KuzzleError('Request discarded: Kuzzle Server is temporarily overloaded.', 'api.process.overloaded', 33685506, 503), /overloaded; try again in a moment/],
    [new KuzzleError('Node is shutting down', 'api.process.shutting_down', 33685511, 503), /unavailable for now.*try again in a moment/],
    [new KuzzleError('API URL not found: /nope/_login/local.', 'network.http.url_not_found', 50397191, 404), /Check the server URL/],
    [new KuzzleError('Error verifying token: boom', 'security.token.verification_error', 117506055, 500), /could not check the token/],
    [new KuzzleError('Caught an unexpected plugin error: boom', 'plugin.runtime.unexpected_error', 67239938, 500), /server failed: Caught an unexpected plugin error: boom\. Try again later/],
    [new KuzzleError('Something odd', 'some.new.thing', 1, 400), /refused the request: Something odd/],
  ])('%s', (error, advice) => {
    const info = toErrorInfo(error);
    expect(info.kind).toBe('kuzzle');
    expect(info.message).toMatch(advice);
    expect(info.kuzzleId).toBe(error.id);
    expect(info.code).toBe(error.code);
    expect(info.status).toBe(error.status);
    expect(info.kuzzleMessage).toBe(error.message);
  });

  it('names the refused origin so the admin knows what to add', () => {
    const refused = new KuzzleError(
      'The origin "chrome-extension://abcdefghijklmnopabcdefghijklmnop" is not authorized.',
      'api.process.unauthorized_origin',
      33685516,
      401,
      ['chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
    );
    expect(toErrorInfo(refused).message).toBe(
      "The server refuses this extension's origin: its admin must add chrome-extension://abcdefghijklmnopabcdefghijklmnop to http.accessControlAllowOrigin.",
    );
  });

  it('reads the refused origin from the message when props are empty, or from the context', () => {
    const fromMessage = new KuzzleError('The origin "chrome-extension://xyz" is not authorized.', 'api.process.unauthorized_origin', 33685516, 401, []);
    expect(toErrorInfo(fromMessage).message).toContain('add chrome-extension://xyz to http.accessControlAllowOrigin');
    const bare = new KuzzleError('Not authorized.', 'api.process.unauthorized_origin', 33685516, 401, []);
    expect(toErrorInfo(bare, { extensionOrigin: 'chrome-extension://ctx' }).message).toContain('add chrome-extension://ctx to');
  });
});

describe('toErrorInfo: the client errors keep their kind and clear message', () => {
  it.each([
    [new ServerUnreachableError('http://localhost:7512'), 'unreachable', /cannot be reached\. Check the URL/],
    [new TimeoutError('http://localhost:7512', 10_000), 'timeout', /did not answer within 10 s/],
    [new NotKuzzleServerError('http://localhost:8080', 502, 'an HTML page'), 'not-kuzzle', /not as a Kuzzle server does \(an HTML page\)/],
    [new InvalidInputError('The strategy name cannot be empty.', 'strategy'), 'invalid-input', /^The strategy name cannot be empty\.$/],
  ])('%s', (error, kind, message) => {
    const info = toErrorInfo(error);
    expect(info.kind).toBe(kind);
    expect(info.message).toMatch(message);
    expect(info.kuzzleId).toBeUndefined();
  });
});

describe('toErrorInfo: storage and everything else', () => {
  it.each(['QuotaExceededError', 'InvalidStateError', 'UnknownError', 'VersionError'])('IndexedDB %s is a storage error that says nothing was lost', (name) => {
    const info = toErrorInfo(new DOMException('The quota has been exceeded.', name));
    expect(info.kind).toBe('storage');
    expect(info.message).toMatch(/^The browser refused to save \(storage is full or blocked\)\. Nothing was lost; free some/);
  });

  it('keeps the kind of the extension\'s own errors', () => {
    class NotFound extends Error {
      readonly kind = 'not-found' as const;
    }
    expect(toErrorInfo(new NotFound('No server with id s1. Reload the page.'))).toEqual({
      kind: 'not-found',
      message: 'No server with id s1. Reload the page.',
    });
  });

  it('turns anything else into an internal error that still says what went wrong', () => {
    expect(toErrorInfo(new TypeError('x is undefined'))).toEqual({
      kind: 'internal',
      message: 'Something went wrong inside the extension (x is undefined). Try again; if it keeps happening, reload the extension.',
    });
    expect(toErrorInfo('plain text').message).toContain('(plain text)');
    expect(toErrorInfo({ odd: true }).message).toContain('{"odd":true}');
    expect(toErrorInfo(new Error('x', { cause: 1 })).kind).toBe('internal');
  });

  it('never throws, whatever it is given', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(toErrorInfo(circular).kind).toBe('internal');
    const hostile = new Proxy({}, { get: () => { throw new Error('no'); }, has: () => { throw new Error('no'); } });
    expect(toErrorInfo(hostile).kind).toBe('internal');
    fc.assert(
      fc.property(fc.anything(), (value) => {
        const info = toErrorInfo(value);
        expect(info.message.length).toBeGreaterThan(0);
      }),
    );
  });
});
