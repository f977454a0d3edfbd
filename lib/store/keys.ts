/** The key of each record kind in the one object store. */
export const SCHEMA_VERSION_KEY = 'meta:schemaVersion';

export const RECORD_PREFIXES = {
  server: 'server:',
  account: 'account:',
  session: 'session:',
  pending: 'pending:',
  apiKey: 'apikey:',
  quarantine: 'quarantine:',
} as const;

export type RecordKind = Exclude<keyof typeof RECORD_PREFIXES, 'quarantine'>;

export const recordKey = {
  server: (serverId: string) => RECORD_PREFIXES.server + serverId,
  account: (accountId: string) => RECORD_PREFIXES.account + accountId,
  session: (accountId: string) => RECORD_PREFIXES.session + accountId,
  pending: (serverId: string) => RECORD_PREFIXES.pending + serverId,
  apiKey: (accountId: string) => RECORD_PREFIXES.apiKey + accountId,
  quarantine: (originalKey: string) => RECORD_PREFIXES.quarantine + originalKey,
};

export function kindOfKey(key: string): RecordKind | 'quarantine' | 'meta' | null {
  if (key.startsWith('meta:')) return 'meta';
  for (const [kind, prefix] of Object.entries(RECORD_PREFIXES)) {
    if (key.startsWith(prefix)) return kind as RecordKind | 'quarantine';
  }
  return null;
}
