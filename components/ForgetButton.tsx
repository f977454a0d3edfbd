import { useState } from 'preact/hooks';
import { useT } from '../hooks/use-t';

interface Props {
  busy: boolean;
  /** The token is still valid on the server: forgetting it here would leave it so, which is said first. */
  live: boolean;
  onForget: () => void;
  onLogout: () => void;
  title?: string;
}

/**
 * "Forget" drops the token here without telling the server. For a live token it first says that
 * the token stays valid on the server until it expires, and offers "Log out" instead.
 */
export function ForgetButton({ busy, live, onForget, onLogout, title }: Props) {
  const t = useT();
  const [asking, setAsking] = useState(false);
  if (!asking) {
    return (
      <button type="button" disabled={busy} title={title} onClick={() => (live ? setAsking(true) : onForget())}>
        {t('forget')}
      </button>
    );
  }
  return (
    <span class="confirm" role="group" aria-label={t('forget')}>
      <span class="note warn">{t('forgetWarning')}</span>
      <button type="button" disabled={busy} onClick={() => (setAsking(false), onLogout())}>
        {t('logOut')}
      </button>
      <button type="button" class="danger" disabled={busy} onClick={() => (setAsking(false), onForget())}>
        {t('forgetAnyway')}
      </button>
      <button type="button" disabled={busy} onClick={() => setAsking(false)}>
        {t('keepIt')}
      </button>
    </span>
  );
}
