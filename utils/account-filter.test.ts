import { describe, expect, it } from 'vitest';
import type { AccountView, ServerView } from '../lib/model';
import { countAccounts, filterAccounts } from './account-filter';

function account(id: string, serverId: string, displayName: string, kuid = displayName): AccountView {
  return { id, serverId, kuid, strategy: 'local', displayName, active: false, session: null };
}
function server(id: string, name: string, accounts: AccountView[]): ServerView {
  return { id, url: `https://${name}.example`, name, color: 'blue', boundOrigins: [], activeAccountId: null, accounts, pending: null };
}

const servers = [
  server('s1', 'prod', [account('a1', 's1', 'alice'), account('a2', 's1', 'bob', 'kuid-bob')]),
  server('s2', 'staging', [account('a3', 's2', 'Alicia'), account('a4', 's2', 'carol')]),
];

describe('filterAccounts', () => {
  it('counts every account', () => {
    expect(countAccounts(servers)).toBe(4);
  });
  it('keeps everything for an empty query', () => {
    expect(filterAccounts(servers, '  ').map((g) => g.accounts.length)).toEqual([2, 2]);
  });
  it('matches names across servers, ignoring case, and keeps the grouping', () => {
    const groups = filterAccounts(servers, 'ALI');
    expect(groups.map((g) => [g.server.id, g.accounts.map((a) => a.id)])).toEqual([
      ['s1', ['a1']],
      ['s2', ['a3']],
    ]);
  });
  it('matches the kuid, and a server name keeps all its accounts', () => {
    expect(filterAccounts(servers, 'kuid-b').flatMap((g) => g.accounts.map((a) => a.id))).toEqual(['a2']);
    expect(filterAccounts(servers, 'staging').flatMap((g) => g.accounts.map((a) => a.id))).toEqual(['a3', 'a4']);
  });
  it('drops servers with no match', () => {
    expect(filterAccounts(servers, 'nobody')).toEqual([]);
  });
});
