/**
 * What the popup and the pages see of the stored records: views without JWTs for the extension's
 * pages, and the one active session a bound page may hold.
 */
import type { AccountRecord, PageSession, PendingLogin, ServerRecord, SessionRecord, StateSnapshot } from '../model';
import type { StoreContents } from '../store/store';
import { isExpired } from './timing';

const byCreation = (a: { createdAt: number }, b: { createdAt: number }) => a.createdAt - b.createdAt;

export function buildSnapshot(contents: StoreContents): StateSnapshot {
  const sessions = new Map(contents.sessions.map((session) => [session.accountId, session]));
  const pending = new Map(contents.pending.map((login) => [login.serverId, login]));
  const apiKeys = new Map(contents.apiKeys.map((key) => [key.accountId, key]));
  return {
    quarantined: contents.quarantined,
    servers: [...contents.servers].sort(byCreation).map((server) => ({
      id: server.id,
      url: server.url,
      name: server.name,
      color: server.color,
      boundOrigins: [...server.boundOrigins],
      activeAccountId: server.activeAccountId,
      accounts: contents.accounts
        .filter((account) => account.serverId === server.id)
        .sort(byCreation)
        .map((account) => {
          const session = sessions.get(account.id);
          const key = apiKeys.get(account.id);
          return {
            id: account.id,
            serverId: account.serverId,
            kuid: account.kuid,
            strategy: account.strategy,
            displayName: account.displayName,
            active: server.activeAccountId === account.id,
            session: session
              ? { state: session.state, expiresAt: session.expiresAt, ttl: session.ttl, ...(session.lastError ? { lastError: session.lastError } : {}) }
              : null,
            ...(key ? { staySignedIn: { keyId: key.keyId, description: key.description, until: key.expiresAt } } : {}),
          };
        }),
      pending: pendingView(pending.get(server.id)),
    })),
  };
}

function pendingView(login: PendingLogin | undefined) {
  if (!login) return null;
  return { strategy: login.strategy, startedAt: login.startedAt, ...(login.location ? { location: login.location } : {}) };
}

/** The session a bound page receives: only a live token of the server's active account. */
export function pageSessionFor(server: ServerRecord, account: AccountRecord | undefined, session: SessionRecord | undefined, now: number): PageSession | null {
  if (!account || !session || account.id !== server.activeAccountId || session.state !== 'active' || isExpired(session, now)) return null;
  const url = new URL(server.url);
  const ssl = url.protocol === 'https:';
  return {
    kuid: account.kuid,
    jwt: session.jwt,
    expiresAt: session.expiresAt,
    server: {
      url: server.url,
      name: server.name,
      color: server.color,
      host: url.hostname,
      port: url.port === '' ? (ssl ? 443 : 80) : Number(url.port),
      ssl,
    },
  };
}
