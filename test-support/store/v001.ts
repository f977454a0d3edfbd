/**
 * FROZEN: the raw entries of a database at schema version 1, as version 1 wrote them.
 * Never edit this file; when the schema changes, add `v002.ts` beside it.
 */
export const SCHEMA_VERSION = 1;

export const ENTRIES: ReadonlyArray<readonly [string, unknown]> = [
  ['meta:schemaVersion', 1],
  [
    'server:srv-1',
    {
      id: 'srv-1',
      url: 'http://127.0.0.1:7512',
      name: 'Local Kuzzle',
      color: 'teal',
      boundOrigins: ['http://127.0.0.1:8080'],
      activeAccountId: 'acc-1',
      createdAt: 1_700_000_000_000,
    },
  ],
  [
    'account:acc-1',
    { id: 'acc-1', serverId: 'srv-1', kuid: 'alice-kuid', strategy: 'local', displayName: 'alice', createdAt: 1_700_000_000_100, lastUsedAt: 1_700_000_000_200 },
  ],
  [
    'session:acc-1',
    { accountId: 'acc-1', jwt: 'kauth-eyJhbGciOiJIUzI1NiJ9.eyJfaWQiOiJhbGljZS1rdWlkIn0.sig', expiresAt: 1_700_003_600_000, ttl: 3_600_000, state: 'active', expiresIn: '1h', updatedAt: 1_700_000_000_000 },
  ],
  ['pending:srv-1', { serverId: 'srv-1', strategy: 'oauth-dev', location: 'http://127.0.0.1:7512/oauth-dev/authorize', startedAt: 1_700_000_000_300 }],
];

/** What the current version must read from these entries. */
export const EXPECTED_COUNTS = { servers: 1, accounts: 1, sessions: 1, pending: 1, quarantined: 0 };
