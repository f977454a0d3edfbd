import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseExpiresIn, type ExpiresInProblemCode } from '../lib/expires-in';
import type { Translate } from '../lib/i18n';
import { parseServerUrl, type ServerUrlProblemCode } from '../lib/server-url';
import { expiresInProblemText, urlProblemText, type ParseRefusal } from './parse-problem-text';
import { englishTranslate, frenchTranslate } from '../test-support/render';

/** One input per code; the type makes the list complete. */
const URL_EXAMPLES: Record<ServerUrlProblemCode, string> = {
  'url-empty': '',
  'url-too-long': `https://kuzzle.example.com/${'a'.repeat(2048)}`,
  'url-invisible-characters': 'https://exa\u200bmple.com',
  'url-lookalike-character': 'https://example.com\u2215evil.com',
  'url-backslash': 'http://localhost\\@evil.example.com',
  'url-websocket-scheme': 'wss://kuzzle.example.com',
  'url-unsupported-scheme': 'ftp://kuzzle.example.com',
  'url-scheme-without-slashes': 'http:localhost:7512',
  'url-path-only': '/just/a/path',
  'url-credentials': 'http://admin:secret@localhost:7512',
  'url-no-host': 'http://',
  'url-invalid': 'http://[::1',
  'url-port-not-a-number': 'localhost:abc',
  'url-port-out-of-range': 'localhost:99999',
  'url-query-or-fragment': 'http://localhost:7512/#/login',
};

const EXPIRES_IN_EXAMPLES: Record<ExpiresInProblemCode, unknown> = {
  'expires-in-wrong-type': {},
  'expires-in-not-a-number': Number.NaN,
  'expires-in-not-finite': Number.POSITIVE_INFINITY,
  'expires-in-zero': '0h',
  'expires-in-negative': '-5m',
  'expires-in-under-a-second': '999ms',
  'expires-in-fraction': '1.0005s',
  'expires-in-over-100-years': '101y',
  'expires-in-too-long': '9'.repeat(101),
  'expires-in-not-a-duration': '5 parsecs',
  'expires-in-negative-text': '-1ms',
};

type Refusal = ParseRefusal<{ code: string }>;

function refused<Result extends { ok: boolean }>(result: Result, input: unknown): Exclude<Result, { ok: true }> {
  if (result.ok) throw new Error(`expected ${JSON.stringify(input)} to be refused`);
  return result as Exclude<Result, { ok: true }>;
}
const urlRefusal = (input: string) => refused(parseServerUrl(input), input);
const expiresInRefusal = (input: unknown) => refused(parseExpiresIn(input as string), input);

/** For each code's example: English reads exactly as the parser's message, French differently and with every placeholder filled. */
function itSaysEveryCode<R extends Refusal>(examples: Record<string, unknown>, refusalOf: (input: unknown) => R, say: (t: Translate, refusal: R) => string) {
  it.each(Object.entries(examples))("%s: the English catalog gives the parser's own text, the French one another", (code, input) => {
    const refusal = refusalOf(input);
    expect(refusal.problem.code).toBe(code);
    expect(say(englishTranslate, refusal)).toBe(refusal.message);
    const french = say(frenchTranslate, refusal);
    expect(french).not.toBe(refusal.message);
    expect(french).not.toMatch(/\{\w+\}/);
  });
}

/** A translator that knows only `known`, and answers any other key with the key, as the pages' translator does. */
function fakeTranslate(known: Record<string, string>): Translate {
  return (key, substitutions) =>
    (known[key] ?? key).replace(/\{(\w+)\}/g, (whole, name: string) => String(substitutions?.[name] ?? whole));
}

describe('urlProblemText', () => {
  it("says the problem with the catalog's sentence and the problem's params", () => {
    const t = fakeTranslate({ urlProblemPortOutOfRange: 'port {port} hors limites' });
    expect(urlProblemText(t, urlRefusal('localhost:0'))).toBe('port 0 hors limites');
  });

  it("falls back to the parser's English when the catalog has no sentence for the code", () => {
    const refusal = urlRefusal('localhost:0');
    expect(urlProblemText(fakeTranslate({}), refusal)).toBe(refusal.message);
    expect(urlProblemText(() => '', refusal)).toBe(refusal.message);
  });

  itSaysEveryCode(URL_EXAMPLES, (input) => urlRefusal(input as string), urlProblemText);

  it('reads every refusal in English exactly as the parser wrote it', () => {
    const input = fc.oneof(
      fc.string(),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.tuple(fc.constantFrom('', 'http://', 'ws://', 'mailto:', 'HTTP:', '/'), fc.string(), fc.constantFrom('', ':', ':0', ':x7', '?', '#')).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (text) => {
        const result = parseServerUrl(text);
        if (!result.ok) expect(urlProblemText(englishTranslate, result)).toBe(result.message);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('expiresInProblemText', () => {
  it('says the reason, then what is accepted, with the problem\'s params', () => {
    const t = fakeTranslate({ expiresInProblemNotADuration: '« {text} » ?', expiresInProblemAccepted: 'Essayez 1h.' });
    expect(expiresInProblemText(t, expiresInRefusal(' abc '))).toBe('« abc » ? Essayez 1h.');
  });

  it("falls back to the parser's English when either sentence is missing, rather than mixing languages", () => {
    const refusal = expiresInRefusal('abc');
    expect(expiresInProblemText(fakeTranslate({ expiresInProblemAccepted: 'Essayez 1h.' }), refusal)).toBe(refusal.message);
    expect(expiresInProblemText(fakeTranslate({ expiresInProblemNotADuration: '« {text} » ?' }), refusal)).toBe(refusal.message);
  });

  itSaysEveryCode(EXPIRES_IN_EXAMPLES, expiresInRefusal, expiresInProblemText);

  it('reads every refusal in English exactly as the parser wrote it', () => {
    const input = fc.oneof(
      fc.string(),
      fc.double(),
      fc.tuple(fc.oneof(fc.integer({ min: -5, max: 2000 }).map(String), fc.double({ min: -2, max: 2000, noNaN: true }).map(String)), fc.constantFrom('', 'ms', 's', 'm', 'h', 'd', 'y', ' parsecs')).map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(input, (value) => {
        const result = parseExpiresIn(value);
        if (!result.ok) expect(expiresInProblemText(englishTranslate, result)).toBe(result.message);
      }),
      { numRuns: 2000 },
    );
  });
});
