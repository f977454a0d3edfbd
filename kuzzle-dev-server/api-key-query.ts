// Which of a user's API keys an `auth:searchApiKeys` query selects, the way Kuzzle 2.56 asks
// Elasticsearch: the body is an Elasticsearch query (or, with `lang=koncorde`, a Koncorde filter
// that Kuzzle translates into one first), run against the `api-keys` collection, whose mapping
// is `userId` keyword, `description` text, `expiresAt` long, `ttl` keyword. `fingerprint` is
// stored but not mapped (the mapping is `dynamic: false`), so no query can select on it.
//
// Only the part of the Query DSL worth a stand-in is evaluated: match_all, match_none, match,
// term, terms, ids, exists, range and bool. Any other keyword is refused the way Kuzzle words
// Elasticsearch's refusal of a keyword it does not know.
import { kerror } from './errors';

export interface ApiKeyDocument {
  _id: string;
  userId: string;
  description: string;
  expiresAt: number;
  ttl: number;
}

type Predicate = (doc: ApiKeyDocument) => boolean;
type FieldKind = 'keyword' | 'text' | 'long';

const MAPPING: Record<string, FieldKind> = { userId: 'keyword', description: 'text', expiresAt: 'long', ttl: 'keyword' };

/** The predicate a searchApiKeys body selects with; `lang` as the request gave it. */
export function apiKeyQuery(body: unknown, lang: unknown): Predicate {
  const language = lang === undefined || lang === null ? 'elasticsearch' : lang;
  if (typeof language !== 'string') throw kerror('api.assert.invalid_type', 'lang', 'string');
  if (language !== 'elasticsearch' && language !== 'koncorde') throw kerror('api.assert.invalid_argument', 'lang', '"elasticsearch" or "koncorde"');
  const given = body === undefined || body === null ? {} : body;
  if (!isObject(given)) throw kerror('api.assert.invalid_type', 'body', 'object');
  const query = language === 'koncorde' ? translateKoncorde(given) : given;
  return Object.keys(query).length === 0 ? () => true : compile(query);
}

// ── Koncorde → Elasticsearch, as Kuzzle's QueryTranslator does it ─────────────────────────────

const KONCORDE_CLAUSES: Record<string, (content: unknown) => Record<string, unknown>> = {
  equals: (content) => ({ term: { ...asObject(content) } }),
  in: (content) => ({ terms: { ...asObject(content) } }),
  ids: (content) => ({ ids: { ...asObject(content) } }),
  range: (content) => ({ range: { ...asObject(content) } }),
  exists: (content) => ({ exists: { field: isObject(content) ? content.field : content } }),
  missing: (field) => ({ bool: { must_not: [{ exists: { field } }] } }),
};

function translateKoncorde(filter: Record<string, unknown>): Record<string, unknown> {
  const [name, value] = Object.entries(filter)[0] ?? [];
  if (name === undefined) return {};
  if (name === 'bool') throw kerror('api.assert.koncorde_restricted_keyword', 'operator', 'bool');
  if (name === 'and' || name === 'or') {
    const operands = (Array.isArray(value) ? value : []).map((operand) => translateKoncorde(asObject(operand)));
    return { bool: name === 'and' ? { filter: operands } : { should: operands } };
  }
  if (name === 'not') return { bool: { must_not: [translateKoncorde(asObject(value))] } };
  const clause = KONCORDE_CLAUSES[name];
  // Kuzzle passes a clause it has no translation for through as is, for Elasticsearch to judge.
  return clause ? clause(value) : { [name]: value };
}

// ── Elasticsearch's Query DSL, on the api-keys mapping ────────────────────────────────────────

function compile(query: Record<string, unknown>): Predicate {
  const entries = Object.entries(query);
  if (entries.length !== 1) throw kerror('services.storage.unknown_query_keyword', entries.map(([key]) => key).join(','));
  const [keyword, content] = entries[0] as [string, unknown];
  switch (keyword) {
    case 'match_all':
      return () => true;
    case 'match_none':
      return () => false;
    case 'match':
      return fieldQuery(content, (kind, doc, field, spec) => matches(kind, doc[field as keyof ApiKeyDocument], spec));
    case 'term':
      return fieldQuery(content, (kind, doc, field, spec) => termMatches(kind, doc[field as keyof ApiKeyDocument], isObject(spec) ? spec.value : spec));
    case 'terms':
      return fieldQuery(content, (kind, doc, field, spec) => Array.isArray(spec) && spec.some((value) => termMatches(kind, doc[field as keyof ApiKeyDocument], value)));
    case 'range':
      return fieldQuery(content, (kind, doc, field, spec) => inRange(kind, doc[field as keyof ApiKeyDocument], asObject(spec)));
    case 'ids': {
      const values = asObject(content).values;
      return (doc) => Array.isArray(values) && values.includes(doc._id);
    }
    case 'exists': {
      const field = asObject(content).field;
      return () => typeof field === 'string' && field in MAPPING;
    }
    case 'bool':
      return boolQuery(asObject(content));
    default:
      throw kerror('services.storage.unknown_query_keyword', keyword);
  }
}

type FieldTest = (kind: FieldKind, doc: ApiKeyDocument, field: string, spec: unknown) => boolean;

/** A `{field: spec}` query; a field outside the mapping matches nothing, as in Elasticsearch. */
function fieldQuery(content: unknown, test: FieldTest): Predicate {
  const [field, spec] = Object.entries(asObject(content))[0] ?? [];
  const kind = field === undefined ? undefined : MAPPING[field];
  if (field === undefined || kind === undefined) return () => false;
  return (doc) => test(kind, doc, field, spec);
}

function boolQuery(bool: Record<string, unknown>): Predicate {
  const clauses = (name: string) => {
    const value = bool[name];
    if (value === undefined) return [];
    return (Array.isArray(value) ? value : [value]).map((clause) => compile(asObject(clause)));
  };
  const required = [...clauses('must'), ...clauses('filter')];
  const excluded = clauses('must_not');
  const optional = clauses('should');
  // With no must or filter, at least one should clause has to match (minimum_should_match 1).
  const minimumShould = typeof bool.minimum_should_match === 'number' ? bool.minimum_should_match : required.length === 0 && optional.length > 0 ? 1 : 0;
  return (doc) =>
    required.every((test) => test(doc)) &&
    !excluded.some((test) => test(doc)) &&
    optional.filter((test) => test(doc)).length >= minimumShould;
}

/** `match`: the query analysed like the field; on text, any of its words (or all with operator "and"). */
function matches(kind: FieldKind, value: unknown, spec: unknown): boolean {
  const options = isObject(spec) ? spec : { query: spec };
  if (kind !== 'text') return termMatches(kind, value, options.query);
  const wanted = words(String(options.query ?? ''));
  const present = new Set(words(String(value)));
  if (wanted.length === 0) return false;
  return String(options.operator).toLowerCase() === 'and' ? wanted.every((word) => present.has(word)) : wanted.some((word) => present.has(word));
}

/** `term`: the value as given, unanalysed; on a text field it must equal one indexed word. */
function termMatches(kind: FieldKind, value: unknown, wanted: unknown): boolean {
  if (wanted === undefined || wanted === null) return false;
  if (kind === 'long') return Number(wanted) === value;
  if (kind === 'text') return words(String(value)).includes(String(wanted));
  return String(value) === String(wanted);
}

function inRange(kind: FieldKind, value: unknown, bounds: Record<string, unknown>): boolean {
  const read = (bound: unknown) => (kind === 'long' ? Number(bound) : String(bound));
  const current = kind === 'long' ? Number(value) : String(value);
  if (bounds.gt !== undefined && !(current > read(bounds.gt))) return false;
  if (bounds.gte !== undefined && !(current >= read(bounds.gte))) return false;
  if (bounds.lt !== undefined && !(current < read(bounds.lt))) return false;
  if (bounds.lte !== undefined && !(current <= read(bounds.lte))) return false;
  return true;
}

/**
 * The standard analyser, closely enough for descriptions: lower-cased runs of letters and digits,
 * with a `.` or `'` between two of them kept inside the word (Unicode's word-boundary rules).
 */
export function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{M}\p{N}_]+(?:[.'’][\p{L}\p{M}\p{N}_]+)*/gu) ?? [];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function asObject(value: unknown): Record<string, unknown> {
  return isObject(value) ? value : {};
}
