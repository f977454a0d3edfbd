/**
 * Servers in and tokens out for other tools: importing a file or an open console's connections in
 * one store transaction, and a fresh token for kourou. Plain functions over the store and the
 * Kuzzle client; the session manager wires them and tells the pages.
 */
import type { KuzzleClient } from '../kuzzle/types';
import type { AccountRecord, ServerRecord } from '../model';
import type { SessionStore, StoreChange } from '../store/store';
import { TERMINAL_TOKEN_EXPIRES_IN, terminalEnvText } from '../transfer/export';
import { parseConsoleEnvironments, parseImportText, type ImportCandidate } from '../transfer/parse';
import { planImport, type ImportOutcome } from '../transfer/plan';
import { SessionError } from './errors';
import { isExpired } from './timing';


export interface TransferDeps {
  store: SessionStore;
  clientFor(serverUrl: string): KuzzleClient;
  now(): number;
  newId(): string;
  hasOriginPermission(origin: string): Promise<boolean>;
  /** The connections kept by the console open in the active tab of `origin` (tokens left in the page), or null. */
  readConsoleEnvironments?(origin: string): Promise<unknown>;
}

export function createTransfer(deps: TransferDeps) {
  const { store } = deps;

  async function apply(candidates: readonly ImportCandidate[], refused: number): Promise<ImportOutcome> {
    const servers = await store.list('server');
    const plan = planImport(candidates, servers);
    const now = deps.now();
    const changes: StoreChange[] = [];
    const added: ImportOutcome['added'] = [];
    for (const candidate of plan.add) {
      const server: ServerRecord = {
        id: deps.newId(),
        url: candidate.url,
        name: candidate.name,
        color: candidate.color,
        boundOrigins: candidate.boundOrigins,
        activeAccountId: null,
        createdAt: now,
      };
      changes.push({ put: 'server', record: server });
      for (const imported of candidate.accounts) {
        // Signed out: the export never held a token. The person signs in again when they need it.
        const account: AccountRecord = { id: deps.newId(), serverId: server.id, kuid: imported.kuid, strategy: imported.strategy, displayName: imported.displayName, createdAt: now, lastUsedAt: now };
        changes.push({ put: 'account', record: account });
      }
      added.push({ id: server.id, name: server.name, url: server.url });
    }
    // One transaction: every server of the file, or none of them.
    if (changes.length > 0) await store.commit(changes);
    const sitesAwaitingPermission: string[] = [];
    for (const origin of plan.add.flatMap((candidate) => candidate.boundOrigins)) {
      if (!(await deps.hasOriginPermission(origin))) sitesAwaitingPermission.push(origin);
    }
    return {
      added,
      skipped: plan.skipped.map(({ candidate, knownAs }) => ({ name: candidate.name, knownAs })),
      refused,
      droppedSites: plan.droppedSites,
      sitesAwaitingPermission,
    };
  }

  /** A file's text, parsed here again (the page's preview is not trusted), then applied. A refused file changes nothing. */
  async function importFile(text: string): Promise<ImportOutcome> {
    const parsed = parseImportText(text);
    if (!parsed.ok) throw new SessionError('invalid-input', parsed.message);
    return apply(parsed.value.candidates, parsed.value.refused.length);
  }

  async function consoleCandidates(origin: string): Promise<ImportCandidate[]> {
    const servers = await store.list('server');
    if (!deps.readConsoleEnvironments || !servers.some((server) => server.boundOrigins.includes(origin))) return [];
    const environments = await deps.readConsoleEnvironments(origin);
    return parseConsoleEnvironments(environments);
  }

  /** The connections of the console open on `origin` (a bound site) that the extension does not know yet. */
  async function consoleOffer(origin: string): Promise<{ candidates: ImportCandidate[] }> {
    const candidates = await consoleCandidates(origin);
    const servers = await store.list('server');
    return { candidates: planImport(candidates, servers).add };
  }

  async function importFromConsole(origin: string): Promise<ImportOutcome> {
    const candidates = await consoleCandidates(origin);
    if (candidates.length === 0) throw new SessionError('invalid-input', 'This page keeps no connections that could be read: open the Admin Console on a bound site, then try again.');
    return apply(candidates, 0);
  }

  /** kourou's environment for a signed-in account, with a token made for it (auth:createToken): never the session's own. */
  async function terminalEnv(accountId: string): Promise<{ text: string; expiresAt: number }> {
    const account = await store.get('account', accountId);
    const server = account && (await store.get('server', account.serverId));
    if (!account || !server) throw new SessionError('not-found', 'This account is no longer in the list (it was removed). Reopen the page.');
    const session = await store.get('session', accountId);
    if (!session || session.state !== 'active' || isExpired(session, deps.now())) {
      throw new SessionError('invalid-input', `${account.displayName} is not signed in to ${server.name}: sign in first, then copy for the terminal.`);
    }
    // Checked before a token is made: one made for nothing would stay valid on the server for its lifetime.
    try {
      terminalEnvText(server.url, 'check');
    } catch (error) {
      throw new SessionError('invalid-input', (error as Error).message);
    }
    const created = await deps.clientFor(server.url).createToken(session.jwt, { expiresIn: TERMINAL_TOKEN_EXPIRES_IN });
    return { text: terminalEnvText(server.url, created.token), expiresAt: created.expiresAt };
  }

  return { importFile, consoleOffer, importFromConsole, terminalEnv };
}
