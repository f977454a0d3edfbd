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

/**
 * Kinds where the trouble is the network or the machine, not what the person typed: the worker's
 * sentence says what failed, and the hint adds the usual things to check.
 */
const HINTED_KINDS: ReadonlySet<ErrorInfo['kind']> = new Set(['unreachable', 'timeout', 'not-kuzzle', 'storage', 'internal']);

export interface ErrorText {
  title: string;
  /** The worker's sentence: what happened, with what to try. */
  message: string;
  /** Kuzzle's own words, verbatim, when they add to the sentence above. */
  kuzzleMessage?: string;
  /** What to check, for network and system failures. */
  hint?: string;
  /** "security.token.invalid (401)": for a person to search or report. */
  reference?: string;
}

export function describeError(error: ErrorInfo, t: Translate): ErrorText {
  const kind = error.kind in TITLE_KEYS ? error.kind : 'internal';
  const referenceParts = [error.kuzzleId, error.status !== undefined ? `(${error.status})` : undefined].filter(Boolean);
  return {
    title: t(TITLE_KEYS[kind]),
    message: error.message,
    kuzzleMessage: error.kuzzleMessage && error.kuzzleMessage !== error.message ? error.kuzzleMessage : undefined,
    hint: HINTED_KINDS.has(kind) ? t(HINT_KEYS[kind]) : undefined,
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
