import { useState } from 'preact/hooks';
import type { ServerView } from '../lib/model';
import { countAccounts, filterAccounts, FILTER_THRESHOLD } from '../utils/account-filter';
import { sessionStatus } from '../utils/session-status';
import { useT } from '../hooks/use-t';

interface Props {
  servers: ServerView[];
  now: number;
  busy: boolean;
  idPrefix?: string;
  /** At most this many accounts until "Show all" (the popup: a list of 1,000 buttons is no use there, the filter is). */
  limit?: number;
  onSwitch: (accountId: string) => void;
}

/** Every account, grouped by server; one click on an account makes it the active one of its server. */
export function AccountList({ servers, now, busy, idPrefix = 'accounts', limit, onSwitch }: Props) {
  const t = useT();
  const [query, setQuery] = useState('');
  const [showAll, setShowAll] = useState(false);
  const total = countAccounts(servers);
  if (total === 0) return null;
  const matching = filterAccounts(servers, total > FILTER_THRESHOLD ? query : '');
  const matchCount = matching.reduce((sum, group) => sum + group.accounts.length, 0);
  const groups = showAll || limit === undefined ? matching : firstAccounts(matching, limit);
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
      {!showAll && limit !== undefined && matchCount > limit && (
        <button type="button" class="link" onClick={() => setShowAll(true)}>
          {t('showAllAccounts', { count: String(matchCount) })}
        </button>
      )}
    </section>
  );
}

/** The groups cut after `limit` accounts in all. */
function firstAccounts<G extends { accounts: readonly unknown[] }>(groups: readonly G[], limit: number): G[] {
  const shown: G[] = [];
  let left = limit;
  for (const group of groups) {
    if (left <= 0) break;
    shown.push({ ...group, accounts: group.accounts.slice(0, left) });
    left -= group.accounts.length;
  }
  return shown;
}
