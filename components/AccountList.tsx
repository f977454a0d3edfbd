import { useState } from 'preact/hooks';
import type { ServerView } from '../lib/model';
import { countAccounts, filterAccounts, FILTER_THRESHOLD } from './account-filter';
import { sessionStatus } from './SessionCard';
import { useT } from './i18n';

interface Props {
  servers: ServerView[];
  now: number;
  busy: boolean;
  idPrefix?: string;
  onSwitch: (accountId: string) => void;
}

/** Every account, grouped by server; one click on an account makes it the active one of its server. */
export function AccountList({ servers, now, busy, idPrefix = 'accounts', onSwitch }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const total = countAccounts(servers);
  if (total === 0) return null;
  const groups = filterAccounts(servers, total > FILTER_THRESHOLD ? query : '');
  return (
    <section class="stack" aria-labelledby={`${idPrefix}-title`}>
      <h2 id={`${idPrefix}-title`}>{t('accounts')}</h2>
      {total > FILTER_THRESHOLD && (
        <div class="field">
          <label for={`${idPrefix}-filter`}>{t('filterAccounts')}</label>
          <input id={`${idPrefix}-filter`} type="search" value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        </div>
      )}
      {groups.length === 0 && <p class="note">{t('noAccountMatches')}</p>}
      {groups.map(({ server, accounts }) => (
        <div key={server.id} class="group">
          <h3 class="group__title">
            <span class={`swatch swatch--${server.color}`} aria-hidden="true" />
            {server.name}
          </h3>
          <ul class="accounts">
            {accounts.map((account) => {
              const status = sessionStatus(account, now);
              return (
                <li key={account.id}>
                  <button
                    type="button"
                    class={account.active ? 'account account--active' : 'account'}
                    aria-current={account.active ? 'true' : undefined}
                    disabled={busy}
                    onClick={() => {
                      if (!account.active) onSwitch(account.id);
                    }}
                  >
                    <span class="account__name">{account.displayName}</span>
                    {account.kuid !== account.displayName && <span class="muted"> {account.kuid}</span>}
                    {!status.usable && <span class="tag tag--warn">{t(status.key)}</span>}
                    {account.active && <span class="tag">{t('activeMark')}</span>}
                  </button>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </section>
  );
}
