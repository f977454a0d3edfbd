import { translationOf, type Translate } from '../lib/i18n';
import type { EntryProblem, FileProblem } from '../lib/transfer/parse';
import { urlProblemText } from './parse-problem-text';

/** "file-too-large" → "importFileTooLarge": the catalog key of an import problem, derived as the address problems' are. */
function keyOf(code: string): string {
  return `import${code
    .split('-')
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join('')}`;
}

/** Why a file was refused, in the person's language; the parser's English when the catalog lacks it. */
export function problemText(t: Translate, problem: FileProblem, english: string): string {
  return translationOf(t, keyOf(problem.code), 'params' in problem ? problem.params : undefined) ?? english;
}

/** Why one entry of a file was refused. */
export function entryProblemText(t: Translate, problem: EntryProblem): string {
  if (problem.code === 'entry-bad-url') return urlProblemText(t, { message: problem.message, problem: problem.url });
  return translationOf(t, keyOf(problem.code)) ?? problem.code;
}

/** A sentence with a count: the key's "One" form for exactly one (when the catalog has it), else the key. */
export function countedText(t: Translate, key: string, count: number, params: Record<string, string | number> = {}): string {
  const substitutions = { ...params, count };
  return (count === 1 ? translationOf(t, `${key}One`, substitutions) : undefined) ?? t(key, substitutions);
}
