import { translationOf, type Substitutions, type Translate } from '../lib/i18n';
import type { ExpiresInProblem, ExpiresInProblemCode } from '../lib/expires-in';
import type { ServerUrlProblem, ServerUrlProblemCode } from '../lib/server-url';

/** A parser's refusal: the English sentence, and the problem to say in the person's language. */
export interface ParseRefusal<Problem> {
  message: string;
  problem: Problem;
}

/** Written out rather than derived from the codes, so that each key can be found by searching for it. */
const URL_PROBLEM_KEYS: Record<ServerUrlProblemCode, string> = {
  'url-empty': 'urlProblemEmpty',
  'url-too-long': 'urlProblemTooLong',
  'url-invisible-characters': 'urlProblemInvisibleCharacters',
  'url-lookalike-character': 'urlProblemLookalikeCharacter',
  'url-backslash': 'urlProblemBackslash',
  'url-websocket-scheme': 'urlProblemWebsocketScheme',
  'url-unsupported-scheme': 'urlProblemUnsupportedScheme',
  'url-scheme-without-slashes': 'urlProblemSchemeWithoutSlashes',
  'url-path-only': 'urlProblemPathOnly',
  'url-credentials': 'urlProblemCredentials',
  'url-no-host': 'urlProblemNoHost',
  'url-invalid': 'urlProblemInvalid',
  'url-port-not-a-number': 'urlProblemPortNotANumber',
  'url-port-out-of-range': 'urlProblemPortOutOfRange',
  'url-query-or-fragment': 'urlProblemQueryOrFragment',
};

const EXPIRES_IN_PROBLEM_KEYS: Record<ExpiresInProblemCode, string> = {
  'expires-in-wrong-type': 'expiresInProblemWrongType',
  'expires-in-not-a-number': 'expiresInProblemNotANumber',
  'expires-in-not-finite': 'expiresInProblemNotFinite',
  'expires-in-zero': 'expiresInProblemZero',
  'expires-in-negative': 'expiresInProblemNegative',
  'expires-in-under-a-second': 'expiresInProblemUnderASecond',
  'expires-in-fraction': 'expiresInProblemFraction',
  'expires-in-over-100-years': 'expiresInProblemOver100Years',
  'expires-in-too-long': 'expiresInProblemTooLong',
  'expires-in-not-a-duration': 'expiresInProblemNotADuration',
  'expires-in-negative-text': 'expiresInProblemNegativeText',
};

/** The sentence every expiresIn refusal ends with, kept apart so that it is translated once. */
const EXPIRES_IN_ACCEPTED_KEY = 'expiresInProblemAccepted';

function paramsOf(problem: ServerUrlProblem | ExpiresInProblem): Substitutions | undefined {
  return 'params' in problem ? problem.params : undefined;
}

/** A refused server address in the person's language; the parser's English when the catalog lacks it. */
export function urlProblemText(t: Translate, refusal: ParseRefusal<ServerUrlProblem>): string {
  return translationOf(t, URL_PROBLEM_KEYS[refusal.problem.code], paramsOf(refusal.problem)) ?? refusal.message;
}

/** A refused expiresIn in the person's language: the reason, then what is accepted; the parser's English when either is missing. */
export function expiresInProblemText(t: Translate, refusal: ParseRefusal<ExpiresInProblem>): string {
  const reason = translationOf(t, EXPIRES_IN_PROBLEM_KEYS[refusal.problem.code], paramsOf(refusal.problem));
  const accepted = translationOf(t, EXPIRES_IN_ACCEPTED_KEY);
  // Half English, half translated would read worse than all English.
  return reason !== undefined && accepted !== undefined ? `${reason} ${accepted}` : refusal.message;
}
