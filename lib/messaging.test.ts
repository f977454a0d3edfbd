import { describe, expect, it } from 'vitest';
import { createRequester, RequestError } from './messaging';

describe('createRequester', () => {
  it('sends the type with the payload and returns the reply value', async () => {
    const sent: unknown[] = [];
    const request = createRequester(async (message) => {
      sent.push(message);
      return { ok: true, value: { accountId: 'a1' } };
    });
    await expect(request('switchAccount', { accountId: 'a1' })).resolves.toEqual({ accountId: 'a1' });
    expect(sent).toEqual([{ type: 'switchAccount', accountId: 'a1' }]);
  });

  it('throws a RequestError carrying the worker\'s ErrorInfo', async () => {
    const request = createRequester(async () => ({
      ok: false,
      error: { kind: 'kuzzle', message: 'wrong username or password', kuzzleId: 'plugin.strategy.missing_user', status: 401 },
    }));
    const error = await request('getState', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).info.kuzzleId).toBe('plugin.strategy.missing_user');
  });

  it('turns a dead transport and a malformed reply into readable errors', async () => {
    const dead = createRequester(async () => {
      throw new Error('Could not establish connection. Receiving end does not exist.');
    });
    await expect(dead('getState', {})).rejects.toThrow(/did not answer/);
    const odd = createRequester(async () => undefined);
    await expect(odd('getState', {})).rejects.toThrow(/unexpected answer/);
  });

  it('tries a failed send again when asked to, but never a reply, not even an error', async () => {
    let calls = 0;
    const flaky = createRequester(
      async () => {
        calls += 1;
        if (calls < 3) throw new Error('Receiving end does not exist.');
        return { ok: true, value: null };
      },
      { retries: 3, delayMs: 10, sleep: async () => {} },
    );
    await expect(flaky('getPageSession', {})).resolves.toBeNull();
    expect(calls).toBe(3);

    let refusals = 0;
    const refusing = createRequester(
      async () => {
        refusals += 1;
        return { ok: false, error: { kind: 'forbidden', message: 'not a bound page' } };
      },
      { retries: 3, delayMs: 10, sleep: async () => {} },
    );
    await expect(refusing('getPageSession', {})).rejects.toThrow('not a bound page');
    expect(refusals).toBe(1);
  });
});
