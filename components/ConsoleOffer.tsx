import type { ImportCandidate } from '../lib/transfer/parse';
import type { ImportOutcome } from '../lib/transfer/plan';
import { useT } from '../hooks/use-t';
import { ImportResult } from './ImportResult';
import { countedText } from '../utils/transfer-text';

interface Props {
  candidates: ImportCandidate[];
  outcome: ImportOutcome | null;
  busy: boolean;
  onImport: () => void;
}

/** On a bound Admin Console: the connections it keeps that the extension does not know yet, imported in one click. */
export function ConsoleOffer({ candidates, outcome, busy, onImport }: Props) {
  const t = useT();
  if (outcome) return <ImportResult outcome={outcome} busy={busy} />;
  if (candidates.length === 0) return null;
  return (
    <section class="stack" aria-labelledby="console-offer-title">
      <h2 id="console-offer-title">{t('consoleOfferTitle')}</h2>
      <p>{t('consoleOfferIntro', { names: candidates.map((candidate) => candidate.name).join(', ') })}</p>
      <button type="button" disabled={busy} onClick={onImport}>
        {countedText(t, 'consoleOfferImport', candidates.length)}
      </button>
    </section>
  );
}
