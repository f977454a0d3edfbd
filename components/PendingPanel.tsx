import type { PendingLoginView } from '../lib/model';
import { PasteTokenForm } from './PasteTokenForm';
import { useT } from '../hooks/use-t';

interface Props {
  pending: PendingLoginView;
  busy: boolean;
  idPrefix?: string;
  onContinueInTab: () => void;
  onPasteToken: (token: string | Record<string, unknown>) => void;
  onCancel: () => void;
}

/** A two-step login (OAuth and the like) waits for its token: finish it in a tab, or paste the token. */
export function PendingPanel({ pending, busy, idPrefix = 'pending', onContinueInTab, onPasteToken, onCancel }: Props) {
  const t = useT();
  return (
    <section class="card" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`} class="card__title">
        {t('pendingTitle', { strategy: pending.strategy })}
      </h2>
      <p class="note">{t('pendingHelp')}</p>
      <div class="row">
        <button type="button" class="primary" disabled={busy} onClick={onContinueInTab}>
          {t('continueInTab')}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
      <details>
        <summary>{t('pasteToken')}</summary>
        <PasteTokenForm id={`${idPrefix}-token`} busy={busy} onSubmit={onPasteToken} />
      </details>
    </section>
  );
}
