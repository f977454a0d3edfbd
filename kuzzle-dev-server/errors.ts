// Kuzzle's error catalogue (lib/kerror/codes/*.json of kuzzleio/kuzzle 2.56), limited to the
// errors this server can raise. Codes are computed the way kerror does, so a typo in a number
// cannot drift from the id: code = (domain << 24) | (subdomain << 16) | error.
import { format } from 'node:util';

type ErrorClass =
  | 'BadRequest'
  | 'Unauthorized'
  | 'Forbidden'
  | 'NotFound'
  | 'Precondition'
  | 'SizeLimit'
  | 'TooManyRequests'
  | 'Internal'
  | 'ServiceUnavailable';

const STATUS_OF_CLASS: Record<ErrorClass, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  Precondition: 412,
  SizeLimit: 413,
  TooManyRequests: 429,
  Internal: 500,
  ServiceUnavailable: 503,
};

// [domain, subdomain, error, class, message template]
const CATALOGUE = {
  'services.storage.unknown_index': [1, 1, 1, 'Precondition', 'The index "%s" does not exist.'],
  'services.storage.not_found': [1, 1, 11, 'NotFound', 'Document "%s" not found in "%s":"%s".'],
  'services.storage.unknown_query_keyword': [1, 1, 45, 'BadRequest', 'The keyword "%s" is not part of Elasticsearch Query DSL. Are you trying to use a Koncorde query?'],
  'api.assert.invalid_type': [2, 1, 1, 'BadRequest', 'Wrong type for argument "%s" (expected: %s)'],
  'api.assert.invalid_argument': [2, 1, 2, 'BadRequest', 'Invalid argument "%s". Expected: %s'],
  'api.assert.missing_argument': [2, 1, 3, 'BadRequest', 'Missing argument "%s".'],
  'api.assert.body_required': [2, 1, 8, 'BadRequest', 'The request must specify a body.'],
  'api.assert.koncorde_restricted_keyword': [2, 1, 13, 'BadRequest', 'The %s "%s" of Koncorde DSL is not supported for search queries.'],
  'api.process.overloaded': [2, 2, 2, 'ServiceUnavailable', 'Request discarded: Kuzzle Server is temporarily overloaded.'],
  'api.process.controller_not_found': [2, 2, 4, 'NotFound', 'API controller "%s" not found.'],
  'api.process.action_not_found': [2, 2, 5, 'NotFound', 'API action "%s":"%s" not found'],
  'api.process.unauthorized_origin': [2, 2, 12, 'Unauthorized', 'The origin "%s" is not authorized.'],
  'api.process.too_many_requests': [2, 2, 8, 'TooManyRequests', 'Rejected: requests rate limit exceeded for this user.'],
  'api.process.too_many_logins_requests': [2, 2, 13, 'TooManyRequests', 'Rejected: Too many login attempts per second'],
  'network.http.request_too_large': [3, 1, 1, 'SizeLimit', 'Maximum HTTP request size exceeded.'],
  'network.http.unexpected_error': [3, 1, 2, 'BadRequest', 'Caught an unexpected HTTP error: %s'],
  'network.http.unsupported_verb': [3, 1, 6, 'BadRequest', 'Unsupported HTTP verb "%s".'],
  'network.http.url_not_found': [3, 1, 7, 'NotFound', 'API URL not found: %s.'],
  'network.http.unsupported_content': [3, 1, 8, 'BadRequest', 'Invalid request content-type. Expected "application/json", got: "%s".'],
  'network.http.unsupported_charset': [3, 1, 9, 'BadRequest', 'Unsupported request charset. Expected "utf-8", got: "%s".'],
  'network.http.volatile_parse_failed': [3, 1, 11, 'BadRequest', 'Unable to convert the "x-kuzzle-volatile" HTTP header to JSON: %s'],
  'network.http.body_parse_failed': [3, 1, 12, 'BadRequest', 'Unable to convert the HTTP body to JSON: %s'],
  'network.websocket.unexpected_error': [3, 3, 1, 'BadRequest', 'Caught an unexpected WebSocket error: %s'],
  'plugin.strategy.missing_user': [4, 3, 20, 'Unauthorized', '%s'],
  'security.token.invalid': [7, 1, 1, 'Unauthorized', 'Invalid token.'],
  'security.token.ttl_exceeded': [7, 1, 4, 'BadRequest', 'expiresIn value exceeds maximum allowed value'],
  'security.token.verification_error': [7, 1, 7, 'Internal', 'Error verifying token: %s'],
  'security.token.refresh_forbidden': [7, 1, 8, 'Unauthorized', '%s cannot be refreshed.'],
  'security.token.invalid_expiration': [7, 1, 9, 'BadRequest', 'Token can not be created with this expiration time: %s %s'],
  'security.credentials.unknown_strategy': [7, 2, 1, 'BadRequest', 'Unknown authentication strategy "%s"'],
  'security.rights.unauthorized': [7, 3, 1, 'Unauthorized', 'Unauthorized: authentication required to execute the action "%s:%s".'],
  'security.rights.forbidden': [7, 3, 2, 'Forbidden', 'Insufficient permissions to execute the action "%s:%s" (User "%s").'],
} as const satisfies Record<string, readonly [number, number, number, ErrorClass, string]>;

export type KuzzleErrorId = keyof typeof CATALOGUE;

export interface KuzzleErrorJson {
  code: number;
  id: string;
  message: string;
  props: string[];
  status: number;
}

export class KuzzleError extends Error {
  readonly code: number;
  readonly id: KuzzleErrorId;
  readonly props: string[];
  readonly status: number;

  constructor(id: KuzzleErrorId, props: string[]) {
    const [domain, subdomain, error, errorClass, template] = CATALOGUE[id];
    // util.format appends surplus props after a space, exactly as kerror does: that is where the
    // trailing " -1" of the funnel's "unauthorized" message comes from.
    super(format(template, ...props));
    this.code = (domain << 24) | (subdomain << 16) | error;
    this.id = id;
    this.props = props;
    this.status = STATUS_OF_CLASS[errorClass];
  }

  toJSON(): KuzzleErrorJson {
    return { code: this.code, id: this.id, message: this.message, props: this.props, status: this.status };
  }
}

export function kerror(id: KuzzleErrorId, ...props: Array<string | number>): KuzzleError {
  return new KuzzleError(id, props.map(String));
}

/** The message of `api.assert.invalid_argument` for a bad `expiresIn`, shared by login, refresh and API keys. */
export const EXPIRES_IN_EXPECTATION = 'a number of milliseconds, or a parsable timespan string';
