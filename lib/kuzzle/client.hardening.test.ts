// Issue 7, item 3: bad input through the client. Credentials of any size and any characters go
// out intact in the body and nowhere else; a strategy name can never reach another route; a token
// or an expiresIn that cannot be sent is refused before any request.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createKuzzleClient, MAX_STRATEGY_LENGTH } from './client';
import { InvalidInputError, RedirectRefusedError } from './errors';
import { LOGIN_OK, REFRESH_OK, ROUTED_HEADERS } from '../../test-support/kuzzle-answers';

const BASE = 'http://kuzzle.test:7512';

interface Request {
  url: URL;
  init: RequestInit;
}

/** A server that answers every request with the same Kuzzle reply, and remembers what it got. */
function recordingClient(reply = LOGIN_OK) {
  const requests: Request[] = [];
  const client = createKuzzleClient({
    baseUrl: BASE,
    fetch: async (input, init = {}) => {
      // As fetch does: a URL that cannot be parsed, or a header value that cannot be sent, throws.
      requests.push({ url: new URL(String(input)), init });
      new Headers(init.headers);
      return new Response(reply, { status: 200, headers: ROUTED_HEADERS });
    },
  });
  return { client, requests };
}

const anyText = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' }), fc.string({ unit: fc.integer({ min: 0, max: 0x1f }).map((code) => String.fromCharCode(code)) }));

describe('login credentials: huge, Unicode, control characters', () => {
  it('sends any credentials object intact, as the JSON body, and nowhere else', async () => {
    await fc.assert(
      fc.asyncProperty(fc.dictionary(anyText, fc.oneof(anyText, fc.jsonValue()), { maxKeys: 6 }), async (credentials) => {
        const { client, requests } = recordingClient();
        const outcome = await client.login('local', credentials);
        expect(outcome.kind).toBe('token');
        expect(requests).toHaveLength(1);
        const [{ url, init }] = requests as [Request];
        expect(JSON.parse(init.body as string)).toEqual(JSON.parse(JSON.stringify(credentials)));
        expect(url.pathname).toBe('/_login/local');
        expect(url.search).toBe('');
        expect(new Headers(init.headers).get('authorization')).toBeNull();
      }),
      { numRuns: 200 },
    );
  });

  it('sends a 5 MB password whole', async () => {
    const password = 'p\u00e4\u00df\u{1f511}\u0000\n'.repeat(800_000);
    const { client, requests } = recordingClient();
    await client.login('local', { username: 'alice', password });
    expect(JSON.parse(requests[0]!.init.body as string).password).toBe(password);
  });

  it('refuses credentials that cannot be JSON before sending, with a sentence and without echoing them', async () => {
    const circular: Record<string, unknown> = { password: 'hunter2' };
    circular.self = circular;
    for (const credentials of [circular, { password: 'hunter2', n: 10n }]) {
      const { client, requests } = recordingClient();
      const error = await client.login('local', credentials).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(InvalidInputError);
      expect((error as Error).message).toMatch(/^The data for auth:login cannot be sent as JSON/);
      expect((error as Error).message).not.toContain('hunter2');
      expect(requests).toHaveLength(0);
    }
  });
});

describe('strategy names', () => {
  const pathy = fc
    .tuple(anyText, fc.constantFrom('/', '?', '#', '..', ' ', '\t', '\n', '\u0000', '\u007f', '\u00a0', '\u2028'), anyText)
    .map(([before, bad, after]) => `${before}${bad}${after}`);

  it('refuses any name with a path, query or fragment character, a dot segment, a space or a control character, before sending', async () => {
    await fc.assert(
      fc.asyncProperty(pathy, async (strategy) => {
        const { client, requests } = recordingClient();
        const error = await client.login(strategy, {}).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as InvalidInputError).field).toBe('strategy');
        expect((error as Error).message).toContain('such as "local"');
        expect(requests).toHaveLength(0);
      }),
    );
  });

  it('puts any accepted name into exactly one path segment after /_login/, which decodes back to it', async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(anyText, fc.constantFrom('.', '%2e', '%2F', '.%2e', 'local%00', '\\', 'a\\..\\b', '\u202e', '\u200b')), async (strategy) => {
        const { client, requests } = recordingClient();
        const outcome = await client.login(strategy, {}).catch((caught: unknown) => caught);
        if (outcome instanceof InvalidInputError) {
          expect(requests).toHaveLength(0);
          return;
        }
        expect(requests).toHaveLength(1);
        const segments = requests[0]!.url.pathname.split('/');
        expect(segments.slice(0, 2)).toEqual(['', '_login']);
        expect(segments).toHaveLength(3);
        expect(decodeURIComponent(segments[2]!)).toBe(strategy);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a lone "." which the URL parser would drop, sending the login to /_login/', async () => {
    const { client, requests } = recordingClient();
    await expect(client.login('.', {})).rejects.toBeInstanceOf(InvalidInputError);
    expect(requests).toHaveLength(0);
  });

  it(`refuses more than ${MAX_STRATEGY_LENGTH} characters`, async () => {
    const { client } = recordingClient();
    await expect(client.login('a'.repeat(MAX_STRATEGY_LENGTH + 1), {})).rejects.toThrow(/too long/);
    await expect(client.login('a'.repeat(MAX_STRATEGY_LENGTH), {})).resolves.toMatchObject({ kind: 'token' });
  });
});

describe('tokens and lifetimes that cannot be sent', () => {
  it('refuses any token with a space, a control or a non-ASCII character before sending, and never echoes it', async () => {
    const badToken = fc
      .tuple(fc.string(), fc.oneof(fc.constantFrom(' ', '\r\n', '\u0000', '\u00e9', '\u{1f511}'), fc.string({ unit: 'binary', minLength: 1 }).filter((text) => /[^\x21-\x7e]/.test(text))), fc.string())
      .map(([before, bad, after]) => `${before}${bad}${after}`);
    await fc.assert(
      fc.asyncProperty(badToken, async (token) => {
        const { client, requests } = recordingClient(REFRESH_OK);
        const error = await client.refreshToken(token).catch((caught: unknown) => caught);
        expect(error).toBeInstanceOf(InvalidInputError);
        expect((error as Error).message).toMatch(/Log in again/);
        if (token.trim().length > 3) expect((error as Error).message).not.toContain(token);
        expect(requests).toHaveLength(0);
      }),
    );
  });

  it('never sends an expiresIn that the parser refuses, whatever its shape', async () => {
    await fc.assert(
      fc.asyncProperty(fc.anything(), async (expiresIn) => {
        const { client, requests } = recordingClient();
        const outcome = await client.login('local', {}, expiresIn as never).catch((caught: unknown) => caught);
        if (outcome instanceof InvalidInputError) {
          expect(outcome.field).toBe('expiresIn');
          expect(requests).toHaveLength(0);
        } else {
          expect(outcome).toMatchObject({ kind: 'token' });
          const sent = requests[0]!.url.searchParams.get('expiresIn');
          if (sent !== null) expect(sent).toMatch(/^(-1|\d+|\d+(\.\d+)? ?[a-z]+)$/i);
        }
      }),
    );
  });
});

// Issue 12, item 5: a server that answers with a redirect to another host must not have that
// host's answer kept as its own. No call follows a redirect; only a two-step login reads one.
describe('redirects are never followed', () => {
  const redirectTo = (location: string, status = 307) => new Response(null, { status, headers: { Location: location } });
  const opaque = () => ({ type: 'opaqueredirect', status: 0, headers: new Headers(), text: async () => '' }) as unknown as Response;

  function answering(response: () => Response) {
    const inits: RequestInit[] = [];
    const client = createKuzzleClient({
      baseUrl: BASE,
      fetch: async (_input, init = {}) => {
        inits.push(init);
        return response();
      },
    });
    return { client, inits };
  }

  const calls = {
    refreshToken: (client: ReturnType<typeof createKuzzleClient>) => client.refreshToken('kauth-token'),
    checkToken: (client: ReturnType<typeof createKuzzleClient>) => client.checkToken('kauth-token'),
    logout: (client: ReturnType<typeof createKuzzleClient>) => client.logout('kauth-token', { global: false }),
    getStrategies: (client: ReturnType<typeof createKuzzleClient>) => client.getStrategies(),
    serverInfo: (client: ReturnType<typeof createKuzzleClient>) => client.serverInfo(),
  };

  it.each(Object.keys(calls) as (keyof typeof calls)[])('%s asks fetch not to follow, and refuses a redirect with a sentence naming where it went', async (name) => {
    const { client, inits } = answering(() => redirectTo('https://elsewhere.example/_refreshToken'));
    const error = await calls[name](client).then(
      () => null,
      (reason: unknown) => reason,
    );
    expect(inits.every((init) => init.redirect === 'manual')).toBe(true);
    expect(error).toBeInstanceOf(RedirectRefusedError);
    expect((error as Error).message).toContain('https://elsewhere.example/_refreshToken');
    expect((error as Error).message).toContain('does not follow');
  });

  it('refuses an opaque redirect (what the browser gives) the same way, without a place to name', async () => {
    const { client } = answering(opaque);
    await expect(client.refreshToken('kauth-token')).rejects.toBeInstanceOf(RedirectRefusedError);
  });

  it('a login still reads a redirect as a two-step strategy\'s answer', async () => {
    const { client, inits } = answering(() => redirectTo('https://provider.example/authorize', 302));
    expect(await client.login('oauth', {})).toMatchObject({ kind: 'two-step', location: 'https://provider.example/authorize' });
    expect(inits[0]!.redirect).toBe('manual');
  });
});
