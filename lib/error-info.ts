/**
 * Turns anything thrown in the worker into an `ErrorInfo` that crosses the message boundary:
 * a kind, and a sentence a person understands with what to try. Kuzzle's own id, code, status
 * and message are kept beside the sentence, for support and for code that branches on them.
 */
import { KuzzleClientError, KuzzleError } from './kuzzle/errors';
import type { ErrorInfo, ErrorKind } from './messages';

export interface ErrorInfoContext {
  /** `chrome-extension://<id>`: named in the advice when a server refuses the extension's origin. */
  extensionOrigin?: string;
}

const ERROR_KINDS: ReadonlySet<ErrorKind> = new Set<ErrorKind>([
  'kuzzle',
  'unreachable',
  'timeout',
  'not-kuzzle',
  'invalid-input',
  'not-found',
  'forbidden',
  'storage',
  'internal',
]);

/** IndexedDB's refusals (quota, private mode, a blocked or closing database). */
const STORAGE_ERROR_NAMES: ReadonlySet<string> = new Set(['QuotaExceededError', 'InvalidStateError', 'UnknownError', 'VersionError']);

const STORAGE_MESSAGE =
  'The browser refused to save (storage is full or blocked). Nothing was lost; free some disk space or allow site data for extensions, then try again.';

type KuzzleAdvice = (error: KuzzleError, context: ErrorInfoContext) => string;

function quoted(value: unknown): string {
  return typeof value === 'string' ? `"${value}"` : '';
}

/** `controller:action` from the props of Kuzzle's rights errors (`["auth","refreshToken","alice"]`). */
function actionOf(error: KuzzleError): string {
  const [controller, action] = error.props;
  return typeof controller === 'string' && typeof action === 'string' ? ` (${controller}:${action})` : '';
}

function refusedOrigin(error: KuzzleError, context: ErrorInfoContext): string {
  const fromProps = error.props.find((prop): prop is string => typeof prop === 'string' && prop.includes('://'));
  const fromMessage = /origin "([^"]+)"/i.exec(error.message)?.[1];
  return fromProps ?? fromMessage ?? context.extensionOrigin ?? "the extension's origin (chrome-extension://<id>)";
}

const BY_ID: Record<string, KuzzleAdvice> = {
  'plugin.strategy.missing_user': (error) =>
    /missing credentials/i.test(error.message)
      ? 'Enter both the username and the password.'
      : /wrong username or password/i.test(error.message)
        ? 'Wrong username or password. Check them and try again.'
        : `The server refused the sign-in: ${error.message}. Check your credentials and try again.`,
  'plugin.kuzzle-plugin-auth-passport-local.expired_password': () =>
    'Your password has expired. Change it (for example in the Kuzzle Admin Console), then log in again.',
  'plugin.kuzzle-plugin-auth-passport-local.must_change_password': () =>
    'The server requires you to change your password first. Change it (for example in the Kuzzle Admin Console), then log in again.',
  'security.token.invalid': () => 'The session is no longer valid (expired or revoked). Log in again.',
  'security.token.expired': () => 'The session has expired. Log in again.',
  'security.token.refresh_forbidden': () =>
    'This token cannot be refreshed (it is an API key or never expires). Nothing needs doing until it is revoked; log in again for a refreshable session.',
  'security.token.ttl_exceeded': () =>
    'The server does not allow tokens that long; try a shorter Expires in (or a duration instead of "never expires").',
  'security.token.verification_error': () =>
    'The server could not check the token (a problem on the server side). Try again in a moment; if it persists, tell the server\'s admin.',
  'security.rights.forbidden': (error) =>
    `Your account is not allowed to do this on this server${actionOf(error)}. Ask the server's admin for the right, or use another account.`,
  'security.rights.unauthorized': (error) =>
    `You must be logged in to do this${actionOf(error)}. Log in again.`,
  'security.credentials.unknown_strategy': (error) =>
    `The server does not offer the sign-in method ${quoted(error.props[0]) || 'you chose'}. Pick one of the methods the server lists.`,
  'api.assert.invalid_argument': (error) =>
    error.props[0] === 'expiresIn'
      ? 'The server refused that Expires in value. Enter a duration such as "10h" or "6d", a number of milliseconds, or leave it empty.'
      : `The server refused a value: ${error.message}`,
  'api.process.too_many_requests': () => 'Too many requests to this server: wait a moment and try again.',
  'api.process.too_many_logins_requests': () => 'Too many login attempts: wait a moment and try again.',
  'api.process.overloaded': () => 'The server is overloaded; try again in a moment.',
  'api.process.unauthorized_origin': (error, context) =>
    `The server refuses this extension's origin: its admin must add ${refusedOrigin(error, context)} to http.accessControlAllowOrigin.`,
  'network.http.url_not_found': () =>
    'The server does not know this address. Check the server URL: a wrong path after the host gives this error.',
};

function adviceForKuzzleError(error: KuzzleError, context: ErrorInfoContext): string {
  const advice = BY_ID[error.id];
  if (advice) return advice(error, context);
  if (error.status === 429) return 'Too many requests to this server: wait a moment and try again.';
  if (error.status === 503) return 'The server is unavailable for now (overloaded, starting or shutting down); try again in a moment.';
  if (error.status >= 500) return `The server failed: ${error.message}. Try again later; if it persists, tell the server's admin.`;
  if (error.status === 401) return `The server refused: ${error.message}. Log in again.`;
  if (error.status === 403) return `The server does not allow this: ${error.message}. Ask the server's admin, or use another account.`;
  return `The server refused the request: ${error.message}`;
}

function hasName(error: unknown): error is { name: string; message?: unknown } {
  return typeof error === 'object' && error !== null && typeof (error as { name?: unknown }).name === 'string';
}

/** Errors of other parts of the extension that carry their own `kind` (a not-found, a refused sender). */
function ownKind(error: unknown): ErrorKind | undefined {
  if (!(error instanceof Error)) return undefined;
  const kind = (error as { kind?: unknown }).kind;
  return typeof kind === 'string' && ERROR_KINDS.has(kind as ErrorKind) ? (kind as ErrorKind) : undefined;
}

function describeUnknown(error: unknown): string {
  if (error instanceof Error) return error.message || error.name;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}

/** Never throws, whatever it is given. */
export function toErrorInfo(error: unknown, context: ErrorInfoContext = {}): ErrorInfo {
  try {
    if (error instanceof KuzzleError) {
      return {
        kind: 'kuzzle',
        message: adviceForKuzzleError(error, context),
        kuzzleId: error.id,
        code: error.code,
        status: error.status,
        kuzzleMessage: error.message,
      };
    }
    if (error instanceof KuzzleClientError) return { kind: error.kind, message: error.message };
    if (hasName(error) && STORAGE_ERROR_NAMES.has(error.name)) return { kind: 'storage', message: STORAGE_MESSAGE };
    const kind = ownKind(error);
    if (kind && kind !== 'internal') return { kind, message: (error as Error).message };
    return {
      kind: 'internal',
      message: `Something went wrong inside the extension (${describeUnknown(error)}). Try again; if it keeps happening, reload the extension.`,
    };
  } catch {
    return { kind: 'internal', message: 'Something went wrong inside the extension. Try again; if it keeps happening, reload the extension.' };
  }
}
