import { describe, expect, it } from 'vitest';
import { apiKeyQuery, words, type ApiKeyDocument } from './api-key-query';
import { KuzzleError } from './errors';

const KEYS: ApiKeyDocument[] = [
  { _id: 'ksm', userId: 'alice', description: 'Kuzzle Session Manager, Chromium, 2026-12-03', expiresAt: 2_000, ttl: 1_000 },
  { _id: 'lora', userId: 'alice', description: 'LoRa permanent API key', expiresAt: -1, ttl: -1 },
  { _id: 'sigfox', userId: 'alice', description: "sigfox's 6 month key", expiresAt: 9_000, ttl: 8_000 },
];

function select(body: unknown, lang?: unknown): string[] {
  const test = apiKeyQuery(body, lang);
  return KEYS.filter(test).map((key) => key._id);
}

function refusal(body: unknown, lang?: unknown): [string, number, string] {
  try {
    apiKeyQuery(body, lang);
  } catch (error) {
    if (error instanceof KuzzleError) return [error.id, error.status, error.message];
    throw error;
  }
  throw new Error('the query was accepted');
}

describe('apiKeyQuery (Elasticsearch)', () => {
  it('selects every key for an empty body, {} or match_all', () => {
    expect(select(undefined)).toEqual(['ksm', 'lora', 'sigfox']);
    expect(select({})).toEqual(['ksm', 'lora', 'sigfox']);
    expect(select({ match_all: {} })).toEqual(['ksm', 'lora', 'sigfox']);
  });

  it('matches any analysed word of the description, case-insensitively, or all of them with operator "and"', () => {
    expect(select({ match: { description: 'LORA' } })).toEqual(['lora']);
    expect(select({ match: { description: 'session lora' } })).toEqual(['ksm', 'lora']);
    expect(select({ match: { description: { query: 'kuzzle session manager', operator: 'and' } } })).toEqual(['ksm']);
    expect(select({ match: { description: { query: 'kuzzle lora', operator: 'and' } } })).toEqual([]);
    expect(select({ match: { description: 'key' } })).toEqual(['lora', 'sigfox']);
    expect(select({ match: { description: '' } })).toEqual([]);
  });

  it('compares term on a text field with one indexed word, unanalysed', () => {
    expect(select({ term: { description: 'kuzzle' } })).toEqual(['ksm']);
    expect(select({ term: { description: 'Kuzzle' } })).toEqual([]);
    expect(select({ term: { description: 'Kuzzle Session Manager' } })).toEqual([]);
  });

  it('compares keyword and long fields whole, and matches nothing on a field outside the mapping', () => {
    expect(select({ term: { ttl: '-1' } })).toEqual(['lora']);
    expect(select({ terms: { expiresAt: [2_000, 9_000] } })).toEqual(['ksm', 'sigfox']);
    expect(select({ range: { expiresAt: { gt: 0, lte: 2_000 } } })).toEqual(['ksm']);
    expect(select({ ids: { values: ['sigfox'] } })).toEqual(['sigfox']);
    expect(select({ term: { fingerprint: 'anything' } })).toEqual([]);
    expect(select({ exists: { field: 'fingerprint' } })).toEqual([]);
    expect(select({ exists: { field: 'description' } })).toEqual(['ksm', 'lora', 'sigfox']);
  });

  it('combines with bool: must, filter, should and must_not', () => {
    expect(select({ bool: { must: { match: { description: 'key' } }, must_not: [{ term: { ttl: '-1' } }] } })).toEqual(['sigfox']);
    expect(select({ bool: { should: [{ term: { description: 'LoRa' } }, { term: { description: 'sigfox' } }] } })).toEqual([]);
    expect(select({ bool: { should: [{ term: { description: 'lora' } }, { term: { description: "sigfox's" } }] } })).toEqual(['lora', 'sigfox']);
    expect(select({ bool: { filter: [{ match: { description: 'key' } }], should: [{ term: { description: 'lora' } }] } })).toEqual(['lora', 'sigfox']);
  });

  it('refuses a keyword Elasticsearch does not know, and a lang other than the two', () => {
    expect(refusal({ equals: { description: 'lora' } })).toEqual([
      'services.storage.unknown_query_keyword',
      400,
      'The keyword "equals" is not part of Elasticsearch Query DSL. Are you trying to use a Koncorde query?',
    ]);
    expect(refusal({}, 'sql')).toEqual(['api.assert.invalid_argument', 400, 'Invalid argument "lang". Expected: "elasticsearch" or "koncorde"']);
    expect(refusal([1], 'elasticsearch')[0]).toBe('api.assert.invalid_type');
  });
});

describe('apiKeyQuery (Koncorde)', () => {
  it('translates equals to a term, so only one lower-case word of a description equals', () => {
    expect(select({ equals: { description: 'lora' } }, 'koncorde')).toEqual(['lora']);
    expect(select({ equals: { description: 'LoRa permanent API key' } }, 'koncorde')).toEqual([]);
    expect(select({ equals: { userId: 'alice' } }, 'koncorde')).toEqual(['ksm', 'lora', 'sigfox']);
    expect(select({}, 'koncorde')).toEqual(['ksm', 'lora', 'sigfox']);
  });

  it('translates in, range, exists, missing, and, or and not', () => {
    expect(select({ in: { description: ['kuzzle', 'lora'] } }, 'koncorde')).toEqual(['ksm', 'lora']);
    expect(select({ range: { expiresAt: { gte: 5_000 } } }, 'koncorde')).toEqual(['sigfox']);
    expect(select({ exists: 'description' }, 'koncorde')).toEqual(['ksm', 'lora', 'sigfox']);
    expect(select({ missing: 'description' }, 'koncorde')).toEqual([]);
    expect(select({ and: [{ equals: { description: 'key' } }, { not: { equals: { ttl: '-1' } } }] }, 'koncorde')).toEqual(['sigfox']);
    expect(select({ or: [{ equals: { description: 'kuzzle' } }, { equals: { description: 'lora' } }] }, 'koncorde')).toEqual(['ksm', 'lora']);
  });

  it('refuses the bool operator as Kuzzle does', () => {
    expect(refusal({ bool: { must: [] } }, 'koncorde')).toEqual([
      'api.assert.koncorde_restricted_keyword',
      400,
      'The operator "bool" of Koncorde DSL is not supported for search queries.',
    ]);
  });
});

describe('words', () => {
  it('splits like the standard analyser: lower case, punctuation out, inner dots and apostrophes kept', () => {
    expect(words('Kuzzle Session Manager, Chromium 131 (2026-12-03) on kuzzle.example.com')).toEqual([
      'kuzzle', 'session', 'manager', 'chromium', '131', '2026', '12', '03', 'on', 'kuzzle.example.com',
    ]);
    expect(words("sigfox's key_1")).toEqual(["sigfox's", 'key_1']);
  });
});
