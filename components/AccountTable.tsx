import type { ServerView } from '../lib/model';
import { useDurationWords } from '../hooks/use-duration-words';
import { sessionStatus } from '../utils/session-status';
import { useT } from '../hooks/use-t';
import { ForgetButton } from './ForgetButton';

interface Props {
  server: ServerView;
  now: number;
  busy: boolean;
  onSwitch: (accountId: string) => void;
  onLogout: (accountId: string) => void;
  onForget: (accountId: string) => void;
  onRemove: (accountId: string) => void;
}

/** A server's accounts at full size, each with every action; the row is named by the account for assistive tech. */
export function AccountTable({ server, now, busy, onSwitch, onLogout, onForget, onRemove }: Props) {
  const t = useT();
  const words = useDurationWords();
  if (server.accounts.length === 0) return <p class="note">{t('noAccounts')}</p>;
  return (
    <ul class="account-rows">
      {server.accounts.map((account) => {
        const status = sessionStatus(account, now, words);
        return (
          <li key={account.id} aria-label={account.displayName} aria-current={account.active ? 'true' : undefined} class="account-row">
            <span class="account__name">{account.displayName}</span>
            <span class="muted">
              {account.kuid} · {account.strategy}
            </span>
            <span class={status.usable ? 'ok' : 'warn'}>{status.timeLeft ?? t(status.key)}</span>
            {account.active && <span class="tag">{t('activeMark')}</span>}
            <span class="row">
              {!account.active && (
                <button type="button" disabled={busy} onClick={() => onSwitch(account.id)}>
                  {t('switchAccount')}
                </button>
              )}
              {account.session && (
                <button type="button" disabled={busy} onClick={() => onLogout(account.id)}>
                  {t('logOut')}
                </button>
              )}
              {account.session && (
                <ForgetButton busy={busy} live={status.usable} onForget={() => onForget(account.id)} onLogout={() => onLogout(account.id)} />
              )}
              <button type="button" class="danger" disabled={busy} onClick={() => onRemove(account.id)}>
                {t('removeAccount')}
              </button>
            </span>
          </li>
        );
      })}
    </ul>
  );
}
