import type { ServerView } from '../lib/model';
import { useT } from '../hooks/use-t';

interface Props {
  server: ServerView;
  now: number;
  busy: boolean;
  onCopy: (accountId: string) => void;
}

/** "Copy for the terminal" for each signed-in account of a server: kourou's environment, with a token made for it. */
export function TerminalCopy({ server, now, busy, onCopy }: Props) {
  const t = useT();
  const signedIn = server.accounts.filter((account) => account.session?.state === 'active' && (account.session.expiresAt === -1 || account.session.expiresAt > now));
  if (signedIn.length === 0) return null;
  return (
    <div class="row">
      {signedIn.map((account) => (
        <button key={account.id} type="button" disabled={busy} title={t('terminalHint')} onClick={() => onCopy(account.id)}>
          {t('terminalCopy', { name: account.displayName })}
        </button>
      ))}
    </div>
  );
}
