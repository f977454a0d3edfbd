import type { ImportPreview as Preview } from '../hooks/use-transfer';
import type { ImportOutcome } from '../lib/transfer/plan';
import { useT } from '../hooks/use-t';
import { ImportPreview } from './ImportPreview';
import { ImportResult } from './ImportResult';

interface Props {
  busy: boolean;
  hasServers: boolean;
  preview: Preview | null;
  outcome: ImportOutcome | null;
  fileError: string | null;
  onChooseFile: (file: File) => void;
  onConfirm: () => void;
  onCancel: () => void;
  onExport: () => void;
  onExportForConsole: () => void;
  onAllowSite: (origin: string) => void;
}

/** Import a connections file (the console's or the extension's), and export the servers both ways. */
export function ImportExport(props: Props) {
  const t = useT();
  return (
    <section class="stack" aria-labelledby="transfer-title">
      <h2 id="transfer-title">{t('transferTitle')}</h2>
      <p class="note">{t('transferIntro')}</p>
      <div class="field">
        <label for="import-file">{t('importLabel')}</label>
        <input
          id="import-file"
          type="file"
          accept=".json,application/json"
          disabled={props.busy}
          onChange={(event) => {
            const input = event.currentTarget;
            const file = input.files?.[0];
            // Cleared, so that choosing the same file again (fixed meanwhile) reads it again.
            input.value = '';
            if (file) props.onChooseFile(file);
          }}
        />
      </div>
      {props.fileError && (
        <p class="note warn" role="status">
          {props.fileError} {t('importNothingChanged')}
        </p>
      )}
      {props.preview && <ImportPreview preview={props.preview} busy={props.busy} onConfirm={props.onConfirm} onCancel={props.onCancel} />}
      {props.outcome && <ImportResult outcome={props.outcome} busy={props.busy} onAllowSite={props.onAllowSite} />}
      <div class="row">
        <button type="button" disabled={props.busy || !props.hasServers} onClick={props.onExport}>
          {t('exportButton')}
        </button>
        <button type="button" disabled={props.busy || !props.hasServers} onClick={props.onExportForConsole}>
          {t('exportConsoleButton')}
        </button>
      </div>
    </section>
  );
}
