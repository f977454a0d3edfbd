import { ForgetButton } from './ForgetButton';
import type { AccountView, ServerView } from '../lib/model';
import { useDurationWords } from '../hooks/use-duration-words';
import { useT } from '../hooks/use-t';
import { sessionStatus } from '../utils/session-status';
import { SignedInUntil } from './SignedInUntil';

interface Props {
  account: AccountView;
  server: ServerView;
  now: number;
  busy: boolean;
  onRefresh: () => void;
  onLogout: () => void;
  onForget: () => void;
}

export function SessionCard({ account, server, now, busy, onRefresh, onLogout, onForget }: Props) {
  const t = useT();
  const status = sessionStatus(account, now, useDurationWords());
  return (
    <section class={`card card--${server.color}`} aria-labelledby={`session-${account.id}`}>
      <h2 id={`session-${account.id}`} class="card__title">
        {account.displayName}
      </h2>
      <dl class="facts">
        <dt>{t('kuid')}</dt>
        <dd>
          <code>{account.kuid}</code>
        </dd>
        <dt>{t('server')}</dt>
        <dd>
          {server.name} <span class="muted">{server.url}</span>
        </dd>
        <dt>{t('session')}</dt>
        <dd class={status.usable ? 'ok' : 'warn'}>
          {status.timeLeft ?? t(status.key)}
          {!status.usable && account.session?.lastError && <span class="muted"> — {account.session.lastError}</span>}
        </dd>
        <SignedInUntil account={account} />
      </dl>
      {!status.usable && <p class="note">{t('sessionLogInAgain')}</p>}
      <div class="row">
        {status.usable && (
          <button type="button" disabled={busy} onClick={onRefresh}>
            {t('refreshNow')}
          </button>
        )}
        <button type="button" disabled={busy} onClick={onLogout}>
          {t('logOut')}
        </button>
        <ForgetButton busy={busy} live={status.usable} onForget={onForget} onLogout={onLogout} title={t('forgetHelp')} />
      </div>
    </section>
  );
}
