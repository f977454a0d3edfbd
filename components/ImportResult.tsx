import type { ImportOutcome } from '../lib/transfer/plan';
import { useT } from '../hooks/use-t';

interface Props {
  outcome: ImportOutcome;
  busy: boolean;
  /** Absent in the popup, which names the sites but leaves allowing them to the options page. */
  onAllowSite?: (origin: string) => void;
}

/** What an import did; sites restored without the extension's permission wait for the person to allow them. */
export function ImportResult({ outcome, busy, onAllowSite }: Props) {
  const t = useT();
  return (
    <div class="stack" role="status">
      <p>{t('importDone', { added: outcome.added.length, skipped: outcome.skipped.length + outcome.refused })}</p>
      {outcome.sitesAwaitingPermission.length > 0 && (
        <>
          <p class="note">{t('importSitesAwaitPermission')}</p>
          <ul>
            {outcome.sitesAwaitingPermission.map((origin) => (
              <li key={origin}>
                <code>{origin}</code>{' '}
                {onAllowSite && (
                  <button type="button" disabled={busy} onClick={() => onAllowSite(origin)}>
                    {t('importAllowSite', { origin })}
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
