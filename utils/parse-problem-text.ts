import { translationOf, type Substitutions, type Translate } from '../lib/i18n';
import type { ExpiresInProblem, ExpiresInProblemCode } from '../lib/expires-in';
import type { ServerUrlProblem, ServerUrlProblemCode } from '../lib/server-url';

/** A parser's refusal: the English sentence, and the problem to say in the person's language. */
export interface ParseRefusal<Problem> {
  message: string;
  problem: Problem;
}

/**
 * The catalog key of a problem code: "url-port-not-a-number" → "urlProblemPortNotANumber",
 * "expires-in-over-100-years" → "expiresInProblemOver100Years". Derived rather than listed: the
 * lists cost the popup a third of a kilobyte, and a test renders every code through both catalogs.
 */
function problemKey(code: ServerUrlProblemCode | ExpiresInProblemCode): string {
  const [prefix, rest] = code.startsWith('url-') ? ['urlProblem', code.slice(4)] : ['expiresInProblem', code.slice('expires-in-'.length)];
  return prefix + rest.split('-').map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
}

/** The sentence every expiresIn refusal ends with, kept apart so that it is translated once. */
const EXPIRES_IN_ACCEPTED_KEY = 'expiresInProblemAccepted';

function paramsOf(problem: ServerUrlProblem | ExpiresInProblem): Substitutions | undefined {
  return 'params' in problem ? problem.params : undefined;
}

/** A refused server address in the person's language; the parser's English when the catalog lacks it. */
export function urlProblemText(t: Translate, refusal: ParseRefusal<ServerUrlProblem>): string {
  return translationOf(t, problemKey(refusal.problem.code), paramsOf(refusal.problem)) ?? refusal.message;
}

/** A refused expiresIn in the person's language: the reason, then what is accepted; the parser's English when either is missing. */
export function expiresInProblemText(t: Translate, refusal: ParseRefusal<ExpiresInProblem>): string {
  const reason = translationOf(t, problemKey(refusal.problem.code), paramsOf(refusal.problem));
  const accepted = translationOf(t, EXPIRES_IN_ACCEPTED_KEY);
  // Half English, half translated would read worse than all English.
  return reason !== undefined && accepted !== undefined ? `${reason} ${accepted}` : refusal.message;
}
