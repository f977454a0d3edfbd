import type { AccountView, ServerView } from '../lib/model';

/** More accounts than this and the list gets a filter box. */
export const FILTER_THRESHOLD = 5;

export function countAccounts(servers: readonly ServerView[]): number {
  return servers.reduce((total, server) => total + server.accounts.length, 0);
}

/**
 * The servers whose accounts match the query (name, kuid, strategy, or the server's name or URL),
 * each with only its matching accounts; a server whose own name matches keeps all its accounts.
 */
export function filterAccounts(servers: readonly ServerView[], query: string): Array<{ server: ServerView; accounts: AccountView[] }> {
  const needle = query.trim().toLocaleLowerCase();
  const groups = servers.map((server) => {
    if (needle === '') return { server, accounts: server.accounts };
    const serverMatches = [server.name, server.url].some((text) => text.toLocaleLowerCase().includes(needle));
    const accounts = serverMatches
      ? server.accounts
      : server.accounts.filter((account) =>
          [account.displayName, account.kuid, account.strategy].some((text) => text.toLocaleLowerCase().includes(needle)),
        );
    return { server, accounts };
  });
  return groups.filter((group) => group.accounts.length > 0);
}
