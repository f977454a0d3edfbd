import type { ImportPreview as Preview } from '../hooks/use-transfer';
import { useT } from '../hooks/use-t';
import { countedText, entryProblemText } from '../utils/transfer-text';

interface Props {
  preview: Preview;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** What an import will add, skip and refuse, shown before anything is saved. Names are shown as text, whatever they hold. */
export function ImportPreview({ preview, busy, onConfirm, onCancel }: Props) {
  const t = useT();
  const { plan, parsed } = preview;
  return (
    <div class="stack" role="region" aria-label={t('importPreviewTitle')}>
      <h3>{t('importPreviewOf', { file: preview.fileName })}</h3>
      {plan.add.length > 0 && (
        <>
          <h4>{t('importWillAdd', { count: plan.add.length })}</h4>
          <ul aria-label={t('importWillAddList')}>
            {plan.add.map((candidate) => (
              <li key={candidate.url}>
                <strong>{candidate.name}</strong> <code>{candidate.url}</code>
                {candidate.displayHost && <span class="note warn"> {t('importWrittenAs', { host: candidate.displayHost })}</span>}
                {candidate.boundOrigins.length > 0 && <span> {t('importWithSites', { sites: candidate.boundOrigins.join(', ') })}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
      {(plan.skipped.length > 0 || parsed.refused.length > 0 || plan.droppedSites.length > 0) && (
        <>
          <h4>{t('importWillSkip', { count: plan.skipped.length + parsed.refused.length })}</h4>
          <ul aria-label={t('importWillSkipList')}>
            {plan.skipped.map(({ candidate, knownAs }) => (
              <li key={`known:${candidate.url}`}>
                <strong>{candidate.name}</strong> <code>{candidate.url}</code>: {t('importSkipKnown', { name: knownAs })}
              </li>
            ))}
            {parsed.refused.map((entry, index) => (
              <li key={`refused:${index}`}>
                <strong>{entry.label}</strong>: {entryProblemText(t, entry.problem)}
              </li>
            ))}
            {plan.droppedSites.map((site) => (
              <li key={`site:${site.origin}`}>
                <code>{site.origin}</code>: {t('importSiteBoundElsewhere', { server: site.boundTo })}
              </li>
            ))}
          </ul>
        </>
      )}
      {plan.add.length === 0 && <p class="note">{t('importNothingToAdd')}</p>}
      <div class="row">
        <button type="button" disabled={busy || plan.add.length === 0} onClick={onConfirm}>
          {countedText(t, 'importConfirm', plan.add.length)}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </div>
  );
}
