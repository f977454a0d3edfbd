/**
 * "Stay signed in" without a stored password: after a login the worker asks the server for an API
 * key (`auth:createApiKey`) and keeps it for the account. When the account's session can no longer
 * be refreshed (it expired while the browser was closed, or the server refused it), the key gets a
 * fresh session token (`auth:createToken`, Kuzzle 2.20+). The key itself never leaves the worker:
 * bound pages only ever receive session tokens.
 *
 * The person must be able to recognise the key among the account's API keys in the Admin
 * Console, so its description names the extension, the browser and the day it was made.
 */
import { toErrorInfo, type ErrorInfoContext } from '../error-info';
import { KuzzleError } from '../kuzzle/errors';
import type { AuthToken, ExpiresIn, KuzzleClient } from '../kuzzle/types';
import type { ApiKeyView, StaySignedInOutcome } from '../messages';
import type { AccountRecord, ApiKeyRecord, ServerRecord, SessionRecord, StaySignedInLifetime } from '../model';
import type { SessionStore } from '../store/store';
import { SessionError } from './errors';
import { isExpired, isInvalidTokenError } from './timing';

/** The first words of every key's description: how the keys made by the extension are found again. */
export const KEY_DESCRIPTION_PREFIX = 'Kuzzle Session Manager';

/**
 * What each lifetime asks the server for. `max` walks down from a key that never expires until
 * the server's `security.apiKey.maxTTL` accepts one.
 */
const LIFETIME_ATTEMPTS: Record<StaySignedInLifetime, readonly ExpiresIn[]> = {
  '1d': ['1d'],
  '7d': ['7d'],
  '30d': ['30d'],
  max: [-1, '365d', '90d', '30d', '7d', '1d'],
};

/** A session that ended, brought back through its key, or why it could not be. */
export type Recovery = { kind: 'none' } | { kind: 'recovered'; token: AuthToken } | { kind: 'failed'; message: string };

export interface StaySignedInDeps {
  store: SessionStore;
  clientFor(serverUrl: string): KuzzleClient;
  now(): number;
  /** The browser, as the key's description names it ("Chromium", "Firefox"). */
  browserName: string;
  errorContext?: ErrorInfoContext;
}

const isTtlExceeded = (error: unknown) => error instanceof KuzzleError && error.id === 'security.token.ttl_exceeded';
const isNotFound = (error: unknown) => error instanceof KuzzleError && (error.status === 404 || error.id === 'services.storage.not_found');

/** The browser's family as a person names it, from its user agent (Chromium reads as Chrome: it says so itself). */
export function browserNameOf(userAgent: string): string {
  if (/Firefox\//.test(userAgent)) return 'Firefox';
  if (/Edg\//.test(userAgent)) return 'Edge';
  if (/OPR\//.test(userAgent)) return 'Opera';
  if (/Chrome\//.test(userAgent)) return 'Chrome';
  return 'a browser';
}

export function keyDescription(browserName: string, now: number): string {
  return `${KEY_DESCRIPTION_PREFIX} (${browserName}), ${new Date(now).toISOString().slice(0, 10)}`;
}

export function createStaySignedIn(deps: StaySignedInDeps) {
  const { store } = deps;
  const describe = (error: unknown) => toErrorInfo(error, deps.errorContext).message;
  const keyExpired = (key: ApiKeyRecord) => key.expiresAt !== -1 && key.expiresAt <= deps.now();

  async function serverOf(accountId: string): Promise<{ account: AccountRecord; server: ServerRecord } | null> {
    const account = await store.get('account', accountId);
    const server = account && (await store.get('server', account.serverId));
    return account && server ? { account, server } : null;
  }

  /** The token to ask the server with: the live session's, else the key itself. */
  async function credentialOf(accountId: string): Promise<string | null> {
    const [session, key] = await Promise.all([store.get('session', accountId), store.get('apiKey', accountId)]);
    if (session && session.state === 'active' && !isExpired(session, deps.now())) return session.jwt;
    return key && !keyExpired(key) ? key.token : null;
  }

  /** Deletes the held key on the server, with its own token; true when it is gone there. */
  async function deleteOnServer(server: ServerRecord, key: ApiKeyRecord): Promise<{ deleted: boolean; error?: unknown }> {
    try {
      await deps.clientFor(server.url).deleteApiKey(key.token, key.keyId);
      return { deleted: true };
    } catch (error) {
      // Already deleted, or expired: either way nothing is left to revoke.
      if (isNotFound(error) || isInvalidTokenError(error) || keyExpired(key)) return { deleted: true };
      return { deleted: false, error };
    }
  }

  return {
    /** After a login: a key for the account, replacing the one it had. The login stands whatever happens here. */
    async keep(server: ServerRecord, accountId: string, sessionJwt: string, lifetime: StaySignedInLifetime): Promise<StaySignedInOutcome> {
      const client = deps.clientFor(server.url);
      const previous = await store.get('apiKey', accountId);
      const description = keyDescription(deps.browserName, deps.now());
      let lastError: unknown;
      for (const expiresIn of LIFETIME_ATTEMPTS[lifetime]) {
        try {
          const created = await client.createApiKey(sessionJwt, { description, expiresIn });
          const record: ApiKeyRecord = {
            accountId,
            keyId: created._id,
            token: created._source.token,
            description: created._source.description || description,
            expiresAt: created._source.expiresAt,
            createdAt: deps.now(),
          };
          await store.commit([{ put: 'apiKey', record }]);
          if (previous && previous.keyId !== record.keyId) await deleteOnServer(server, previous);
          return { kept: true, until: record.expiresAt };
        } catch (error) {
          lastError = error;
          if (!isTtlExceeded(error)) break;
        }
      }
      const why = isTtlExceeded(lastError)
        ? 'the server does not allow API keys that last that long (security.apiKey.maxTTL); pick a shorter time'
        : describe(lastError);
      return { kept: false, message: `Signed in, but not to stay signed in: the server refused to create an API key (${why}). This session ends when its token does.` };
    },

    /** When a session can no longer be refreshed: a fresh session token through the account's key. */
    async recover(session: SessionRecord): Promise<Recovery> {
      const key = await store.get('apiKey', session.accountId);
      const where = await serverOf(session.accountId);
      if (!key || !where) return { kind: 'none' };
      if (keyExpired(key)) {
        await store.commit([{ remove: 'apiKey', id: key.accountId }]);
        return { kind: 'failed', message: `The "Stay signed in" key expired on ${new Date(key.expiresAt).toISOString().slice(0, 10)}.` };
      }
      // Kuzzle refuses to create a token that never expires: such a session comes back with the server's default.
      const expiresIn = session.expiresIn === -1 || session.expiresIn === '-1' ? undefined : session.expiresIn;
      try {
        const created = await deps.clientFor(where.server.url).createToken(key.token, expiresIn === undefined ? {} : { expiresIn });
        return { kind: 'recovered', token: { _id: where.account.kuid, jwt: created.token, expiresAt: created.expiresAt, ttl: created.ttl } };
      } catch (error) {
        if (isInvalidTokenError(error)) {
          await store.commit([{ remove: 'apiKey', id: key.accountId }]);
          return { kind: 'failed', message: 'The server no longer accepts the "Stay signed in" key (it was deleted or has expired).' };
        }
        return { kind: 'failed', message: `The "Stay signed in" key could not get a new session (${describe(error)}); it is kept for the next try.` };
      }
    },

    /** At logout: deletes the key on the server and here. Says what happened when it is not simply gone. */
    async revoke(accountId: string): Promise<{ deleted: boolean; message?: string } | null> {
      const key = await store.get('apiKey', accountId);
      const where = await serverOf(accountId);
      if (!key) return null;
      const outcome = where ? await deleteOnServer(where.server, key) : { deleted: false, error: undefined };
      await store.commit([{ remove: 'apiKey', id: accountId }]);
      if (outcome.deleted) return { deleted: true };
      return { deleted: false, message: `${stillValid(key)} (the server could not be told: ${describe(outcome.error)})` };
    },

    /** What Forget says about the key it drops here: it stays valid on the server, and how to delete it. */
    async forgetNotice(accountId: string): Promise<string | undefined> {
      const key = await store.get('apiKey', accountId);
      return key && !keyExpired(key) ? stillValid(key) : undefined;
    },

    /** The keys this extension made for the account on its server (the held one and any left by a Forget). */
    async listOnServer(accountId: string): Promise<ApiKeyView[]> {
      const where = await serverOf(accountId);
      const credential = await credentialOf(accountId);
      if (!where || !credential) return [];
      const held = await store.get('apiKey', accountId);
      const found = await deps.clientFor(where.server.url).searchApiKeys(credential, { match: { description: KEY_DESCRIPTION_PREFIX } }, { size: 100 });
      return found.filter((key) => key.description.startsWith(KEY_DESCRIPTION_PREFIX)).map((key) => ({ ...key, held: key._id === held?.keyId }));
    },

    /** Options' "Revoke": deletes one of the account's keys on the server; the held one is dropped here too. */
    async revokeOnServer(accountId: string, keyId: string): Promise<void> {
      const where = await serverOf(accountId);
      const credential = await credentialOf(accountId);
      if (!where || !credential) throw new SessionError('invalid-input', 'Sign in to this account again to revoke its keys.');
      const held = await store.get('apiKey', accountId);
      try {
        await deps.clientFor(where.server.url).deleteApiKey(credential, keyId);
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      if (held?.keyId === keyId) await store.commit([{ remove: 'apiKey', id: accountId }]);
    },
  };
}

function stillValid(key: ApiKeyRecord): string {
  const until = key.expiresAt === -1 ? 'until it is deleted' : `until ${new Date(key.expiresAt).toISOString().slice(0, 10)} or until it is deleted`;
  return `The "Stay signed in" key "${key.description}" stays valid on the server ${until}. To delete it: sign in to this account again and use Revoke in the extension's options, or delete it among the user's API keys in the Admin Console.`;
}

export type StaySignedIn = ReturnType<typeof createStaySignedIn>;
