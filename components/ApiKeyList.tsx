import { useState } from 'preact/hooks';
import type { ApiKeyView } from '../lib/messages';
import type { AccountView } from '../lib/model';
import { useT } from '../hooks/use-t';

interface Props {
  account: AccountView;
  busy: boolean;
  /** The account's keys made by the extension, as its server lists them; null when they could not be read. */
  onLoad: () => Promise<ApiKeyView[] | null>;
  /** True once the server deleted it. */
  onRevoke: (keyId: string) => Promise<boolean>;
}

const dateOf = (expiresAt: number, never: string) => (expiresAt === -1 ? never : new Date(expiresAt).toLocaleDateString(undefined, { dateStyle: 'medium' }));

/** An account's "Stay signed in" keys on its server, each with Revoke: the one held here, and any a Forget left behind. */
export function ApiKeyList({ account, busy, onLoad, onRevoke }: Props) {
  const t = useT();
  const [keys, setKeys] = useState<ApiKeyView[] | null>(null);
  const load = async () => setKeys(await onLoad());
  const revoke = async (keyId: string) => {
    if (await onRevoke(keyId)) setKeys((current) => current?.filter((key) => key._id !== keyId) ?? null);
  };
  const titleId = `api-keys-${account.id}`;
  return (
    <section class="stack" aria-labelledby={titleId}>
      <h5 id={titleId}>{t('apiKeysOf', { account: account.displayName })}</h5>
      {account.staySignedIn && <p class="note">{t('apiKeyHeldNote', { description: account.staySignedIn.description })}</p>}
      {keys === null ? (
        <button type="button" disabled={busy} onClick={() => void load()}>
          {t('apiKeysShow')}
        </button>
      ) : keys.length === 0 ? (
        <p class="note">{t('apiKeysNone')}</p>
      ) : (
        <ul class="stack">
          {keys.map((key) => (
            <li key={key._id} class="row">
              <span class="grow">
                {key.description} <span class="muted">— {t('apiKeyExpires', { date: dateOf(key.expiresAt, t('apiKeyNeverExpires')) })}</span>
                {key.held && <span class="muted"> ({t('apiKeyHeld')})</span>}
              </span>
              <button type="button" disabled={busy} aria-label={t('apiKeyRevokeNamed', { description: key.description })} onClick={() => void revoke(key._id)}>
                {t('apiKeyRevoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
