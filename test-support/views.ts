import type { AccountView, ServerView, SessionView } from '../lib/model';

/** Views as the worker sends them, for component tests. */
export function accountView(id: string, overrides: Partial<AccountView> = {}): AccountView {
  return { id, serverId: 's1', kuid: `kuid-${id}`, strategy: 'local', displayName: id, active: false, session: null, ...overrides };
}

export function sessionView(expiresAt: number, overrides: Partial<SessionView> = {}): SessionView {
  return { state: 'active', expiresAt, ttl: 3_600_000, ...overrides };
}

export function serverView(id: string, overrides: Partial<ServerView> = {}): ServerView {
  return {
    id,
    url: `http://${id}.example:7512`,
    name: id,
    color: 'blue',
    boundOrigins: [],
    activeAccountId: null,
    accounts: [],
    pending: null,
    ...overrides,
  };
}
