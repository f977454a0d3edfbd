import { ENGLISH_DURATION_WORDS, humanizeTimeLeft, type DurationWords } from '../lib/expires-in';
import type { AccountView, ServerView } from '../lib/model';
import { useDurationWords } from './duration-words';
import { useT } from './i18n';

interface Props {
  account: AccountView;
  server: ServerView;
  now: number;
  busy: boolean;
  onRefresh: () => void;
  onLogout: () => void;
  onForget: () => void;
}

/** Says whether a session can be used: the only place where its state is put into words. */
export function sessionStatus(
  account: AccountView,
  now: number,
  words: DurationWords = ENGLISH_DURATION_WORDS,
): { key: string; timeLeft?: string; usable: boolean } {
  const session = account.session;
  if (!session) return { key: 'sessionNone', usable: false };
  if (session.state === 'revoked') return { key: 'sessionRevoked', usable: false };
  if (session.state === 'expired' || (session.expiresAt !== -1 && session.expiresAt <= now)) {
    return { key: 'sessionExpired', usable: false };
  }
  return { key: 'sessionActive', timeLeft: humanizeTimeLeft(session.expiresAt, now, words), usable: true };
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
        <button type="button" disabled={busy} onClick={onForget} title={t('forgetHelp')}>
          {t('forget')}
        </button>
      </div>
    </section>
  );
}
