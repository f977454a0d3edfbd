import { NEVER_EXPIRES, humanizeDuration, parseExpiresIn } from '../lib/expires-in';
import { useDurationWords } from '../hooks/use-duration-words';
import { useT } from '../hooks/use-t';
import { expiresInProblemText } from '../utils/parse-problem-text';

interface Props {
  id: string;
  value: string;
  onInput: (value: string) => void;
}

/** Checked as the person types, with the duration read back in words, so "10" (10 ms) is caught before Kuzzle refuses it. */
export function ExpiresInField({ id, value, onInput }: Props) {
  const t = useT();
  const words = useDurationWords();
  const parsed = parseExpiresIn(value);
  const reading = !parsed.ok
    ? expiresInProblemText(t, parsed)
    : parsed.ms === undefined
      ? t('expiresInDefault')
      : parsed.ms === NEVER_EXPIRES
        ? t('expiresInNever')
        : t('expiresInReading', { duration: humanizeDuration(parsed.ms, words) });
  return (
    <div class="field">
      <label for={id}>{t('expiresIn')}</label>
      <input
        id={id}
        name="expiresIn"
        value={value}
        placeholder="1h"
        autoComplete="off"
        spellcheck={false}
        aria-invalid={parsed.ok ? undefined : 'true'}
        aria-describedby={`${id}-note`}
        onInput={(e) => onInput(e.currentTarget.value)}
      />
      <p id={`${id}-note`} class={parsed.ok ? 'note' : 'note note--error'} aria-live="polite">
        {reading}
      </p>
    </div>
  );
}
