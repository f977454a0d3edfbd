/**
 * The popup's offer on a bound Admin Console: the connections that console keeps and the
 * extension does not know, read in the page by the worker (tokens stay there), imported on a click.
 */
import { useEffect, useState } from 'preact/hooks';
import type { ErrorInfo } from '../lib/messages';
import type { ServerView } from '../lib/model';
import type { ImportCandidate } from '../lib/transfer/parse';
import type { ImportOutcome } from '../lib/transfer/plan';
import { toErrorInfo } from '../utils/error-text';
import type { Platform } from './use-extension';

export function useConsoleOffer(platform: Platform, origin: string | null, servers: readonly ServerView[] | null) {
  const [candidates, setCandidates] = useState<ImportCandidate[]>([]);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [busy, setBusy] = useState(false);
  const bound = origin !== null && servers !== null && servers.some((server) => server.boundOrigins.includes(origin));
  const known = servers?.map((server) => server.url).join('\n') ?? '';

  useEffect(() => {
    if (!bound || origin === null) {
      setCandidates([]);
      return;
    }
    let current = true;
    // A page that cannot be read (still loading, not a console) simply offers nothing.
    platform.request('consoleOffer', { origin }).then(
      (offer) => current && setCandidates(offer.candidates),
      () => current && setCandidates([]),
    );
    return () => {
      current = false;
    };
  }, [platform, origin, bound, known]);

  const importAll = async () => {
    if (origin === null) return;
    setBusy(true);
    setError(null);
    try {
      setOutcome(await platform.request('importFromConsole', { origin }));
      setCandidates([]);
    } catch (failure) {
      setError(toErrorInfo(failure));
    } finally {
      setBusy(false);
    }
  };

  return { candidates, outcome, error, busy, importAll, dismissError: () => setError(null) };
}
