import type { DurationWords } from '../lib/expires-in';
import { durationWords } from '../utils/duration-words';
import { useT } from './use-t';

/** The durations' words in the page's language. */
export function useDurationWords(): DurationWords {
  return durationWords(useT());
}
