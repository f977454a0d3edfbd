/**
 * Bundled by esbuild at bench time and evaluated in an extension page, so that the accounts are
 * written by the store's own code (same database, same keys, same records) and not by a copy of
 * its encoding. Never part of the product build.
 */
import type { AccountRecord, ServerRecord, SessionRecord } from '../lib/model';
import { createDurableStore } from '../lib/store/database';
import { createSessionStore, type StoreChange } from '../lib/store/store';

export interface SeedPlan {
  kuzzleUrl: string;
  /** Accounts wanted in total; those already seeded by an earlier call are kept. */
  accounts: number;
  accountsPerServer: number;
  /** A token the server accepts, shared by the seeded sessions, so that a worker restart finds them valid. */
  jwt: string;
  expiresAt: number;
  ttl: number;
}

export async function seedAccounts(plan: SeedPlan): Promise<{ servers: number; accounts: number }> {
  const now = Date.now();
  const store = createSessionStore({ useStore: createDurableStore(), now: () => now });
  const changes: StoreChange[] = [];
  const serverCount = Math.ceil(plan.accounts / plan.accountsPerServer);
  for (let s = 0; s < serverCount; s += 1) {
    // No active account on any server: the popup then opens on the first server's sign-in form.
    const server: ServerRecord = { id: `bench-server-${s}`, url: plan.kuzzleUrl, name: `Bench server ${s}`, color: 'blue', boundOrigins: [], activeAccountId: null, createdAt: now - s };
    changes.push({ put: 'server', record: server });
  }
  for (let a = 0; a < plan.accounts; a += 1) {
    const id = `bench-account-${a}`;
    const account: AccountRecord = {
      id,
      serverId: `bench-server-${Math.floor(a / plan.accountsPerServer)}`,
      kuid: `bench-user-${a}`,
      strategy: 'local',
      displayName: `Bench user ${a}`,
      createdAt: now - a,
      lastUsedAt: now - a,
    };
    const session: SessionRecord = { accountId: id, jwt: plan.jwt, expiresAt: plan.expiresAt, ttl: plan.ttl, state: 'active', updatedAt: now };
    changes.push({ put: 'account', record: account }, { put: 'session', record: session });
  }
  await store.commit(changes);
  const contents = await store.readAll();
  if (contents.quarantined > 0) throw new Error(`The store set ${contents.quarantined} seeded record(s) aside as damaged: the seed no longer matches lib/store/codec.ts`);
  return { servers: contents.servers.length, accounts: contents.accounts.length };
}
