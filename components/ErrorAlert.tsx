import type { ErrorInfo } from '../lib/messages';
import { describeError } from '../utils/error-text';
import { useT } from '../hooks/use-t';

interface Props {
  error: ErrorInfo | null;
  onDismiss?: () => void;
}

/**
 * The alert region stays in the page even when empty: screen readers announce what is
 * inserted into an existing live region more reliably than a region that appears with its text.
 */
export function ErrorAlert({ error, onDismiss }: Props) {
  const t = useT();
  const text = error ? describeError(error, t) : null;
  return (
    <div role="alert" class={text ? 'alert' : 'alert alert--empty'}>
      {text && (
        <>
          <p class="alert__title">{text.title}</p>
          <p>{text.message}</p>
          {text.kuzzleMessage && (
            <p>
              {t('kuzzleSaid')} <q>{text.kuzzleMessage}</q>
            </p>
          )}
          {text.hint && <p class="alert__hint">{text.hint}</p>}
          {text.reference && (
            <p class="alert__ref">
              {t('errorReference')} <code>{text.reference}</code>
            </p>
          )}
          {onDismiss && (
            <button type="button" class="link" onClick={onDismiss}>
              {t('dismiss')}
            </button>
          )}
        </>
      )}
    </div>
  );
}

/** The outcome of the last action: an error in the alert region, or a short notice. */
export function Feedback({ error, notice, onDismiss }: Props & { notice: string | null }) {
  return (
    <>
      <ErrorAlert error={error} onDismiss={onDismiss} />
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
    </>
  );
}
