import { describe, expect, it } from 'vitest';
import { describeError, toErrorInfo } from './error-text';
import { RequestError } from '../lib/messaging';
import { englishTranslate } from '../test-support/render';

describe('describeError', () => {
  it('keeps the worker\'s sentence and shows Kuzzle\'s error id with the status, with no generic hint', () => {
    const text = describeError(
      { kind: 'kuzzle', message: 'Wrong username or password.', kuzzleId: 'plugin.strategy.missing_user', status: 401 },
      englishTranslate,
    );
    expect(text.title).toBe('Kuzzle refused the request');
    expect(text.message).toBe('Wrong username or password.');
    expect(text.reference).toBe('plugin.strategy.missing_user (401)');
    expect(text.hint).toBeUndefined();
  });

  it('adds Kuzzle\'s own words when they differ from the advice, and not twice', () => {
    const info = { kind: 'kuzzle' as const, message: 'The server refused the lifetime.', kuzzleMessage: 'Invalid argument "expiresIn".' };
    expect(describeError(info, englishTranslate).kuzzleMessage).toBe('Invalid argument "expiresIn".');
    expect(describeError({ ...info, kuzzleMessage: info.message }, englishTranslate).kuzzleMessage).toBeUndefined();
  });

  it('says plainly that a server is unreachable or is not Kuzzle, with what to try', () => {
    const unreachable = describeError({ kind: 'unreachable', message: 'connection refused' }, englishTranslate);
    expect(unreachable.title).toBe('The server is unreachable');
    expect(unreachable.hint).toMatch(/address and the port/);
    expect(unreachable.reference).toBeUndefined();
    const notKuzzle = describeError({ kind: 'not-kuzzle', message: 'answered with HTML' }, englishTranslate);
    expect(notKuzzle.title).toBe('This is not a Kuzzle server');
    expect(notKuzzle.hint).toMatch(/port 7512/);
  });

  it('shows the id alone when Kuzzle gave no status', () => {
    const text = describeError({ kind: 'kuzzle', message: 'boom', kuzzleId: 'core.fatal.unknown' }, englishTranslate);
    expect(text.reference).toBe('core.fatal.unknown');
  });

  it('treats an unknown kind as internal rather than failing', () => {
    const text = describeError({ kind: 'weird' as never, message: 'x' }, englishTranslate);
    expect(text.title).toBe('Something went wrong in the extension');
  });
});

describe('toErrorInfo', () => {
  it('unwraps a RequestError, and turns anything else into an internal error', () => {
    expect(toErrorInfo(new RequestError({ kind: 'timeout', message: 'slow' }))).toEqual({ kind: 'timeout', message: 'slow' });
    expect(toErrorInfo(new Error('bug'))).toEqual({ kind: 'internal', message: 'bug' });
    expect(toErrorInfo('text')).toEqual({ kind: 'internal', message: 'text' });
  });
});
