import type { ErrorInfo } from '../lib/messages';
import type { Translate } from '../lib/i18n';

/** What to try, per kind: the worker's message says what happened, this says what a person can do. */
const HINT_KEYS: Record<ErrorInfo['kind'], string> = {
  kuzzle: 'errorHintKuzzle',
  unreachable: 'errorHintUnreachable',
  timeout: 'errorHintTimeout',
  'not-kuzzle': 'errorHintNotKuzzle',
  'invalid-input': 'errorHintInvalidInput',
  'not-found': 'errorHintNotFound',
  forbidden: 'errorHintForbidden',
  storage: 'errorHintStorage',
  internal: 'errorHintInternal',
};

const TITLE_KEYS: Record<ErrorInfo['kind'], string> = {
  kuzzle: 'errorTitleKuzzle',
  unreachable: 'errorTitleUnreachable',
  timeout: 'errorTitleTimeout',
  'not-kuzzle': 'errorTitleNotKuzzle',
  'invalid-input': 'errorTitleInvalidInput',
  'not-found': 'errorTitleNotFound',
  forbidden: 'errorTitleForbidden',
  storage: 'errorTitleStorage',
  internal: 'errorTitleInternal',
};

/** Kuzzle error ids a person meets at login, said in plain words. */
const KUZZLE_ID_KEYS: Record<string, string> = {
  'plugin.strategy.missing_user': 'kuzzleWrongCredentials',
  'security.credentials.unknown_strategy': 'kuzzleUnknownStrategy',
  'api.assert.invalid_argument': 'kuzzleInvalidArgument',
  'security.token.ttl_exceeded': 'kuzzleTtlExceeded',
  'security.token.invalid': 'kuzzleTokenInvalid',
  'security.token.expired': 'kuzzleTokenExpired',
  'security.rights.forbidden': 'kuzzleForbidden',
};

export interface ErrorText {
  title: string;
  /** Kuzzle's or the worker's own sentence, kept verbatim: it is the most precise. */
  message: string;
  /** A plain reading of Kuzzle's error id, when it is one people meet. */
  explanation?: string;
  hint: string;
  /** "security.token.invalid (401)": for a person to search or report. */
  reference?: string;
}

export function describeError(error: ErrorInfo, t: Translate): ErrorText {
  const kind = error.kind in TITLE_KEYS ? error.kind : 'internal';
  const explanationKey = error.kuzzleId ? KUZZLE_ID_KEYS[error.kuzzleId] : undefined;
  const referenceParts = [error.kuzzleId, error.status !== undefined ? `(${error.status})` : undefined].filter(Boolean);
  return {
    title: t(TITLE_KEYS[kind]),
    message: error.message,
    explanation: explanationKey ? t(explanationKey) : undefined,
    hint: t(HINT_KEYS[kind]),
    reference: error.kuzzleId ? referenceParts.join(' ') : undefined,
  };
}

/** Anything thrown by a request, as an ErrorInfo: the requester throws RequestError, but a bug may throw anything. */
export function toErrorInfo(error: unknown): ErrorInfo {
  if (typeof error === 'object' && error !== null && 'info' in error) {
    const info = (error as { info: unknown }).info;
    if (typeof info === 'object' && info !== null && typeof (info as ErrorInfo).message === 'string') return info as ErrorInfo;
  }
  return { kind: 'internal', message: error instanceof Error ? error.message : String(error) };
}
