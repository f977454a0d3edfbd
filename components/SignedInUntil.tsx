import type { AccountView } from '../lib/model';
import { useT } from '../hooks/use-t';

/** Until when the account stays signed in through its "Stay signed in" key; nothing without one. */
export function SignedInUntil({ account }: { account: AccountView }) {
  const t = useT();
  const key = account.staySignedIn;
  if (!key) return null;
  return (
    <>
      <dt>{t('staySignedIn')}</dt>
      <dd>{key.until === -1 ? t('signedInNoEnd') : t('signedInUntil', { date: new Date(key.until).toLocaleDateString(undefined, { dateStyle: 'medium' }) })}</dd>
    </>
  );
}
