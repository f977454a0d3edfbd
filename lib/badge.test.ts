import { describe, expect, it } from 'vitest';
import { ENDED_BADGE_COLOR, SERVER_COLOR_HEX, badgeFor, initialsOf } from './badge';
import type { AccountRecord, ServerRecord, SessionRecord } from './model';

const server: ServerRecord = { id: 's', url: 'http://127.0.0.1:7512', name: 'Local', color: 'teal', boundOrigins: [], activeAccountId: 'a', createdAt: 0 };
const account: AccountRecord = { id: 'a', serverId: 's', kuid: 'k', strategy: 'local', displayName: 'Alice Martin', createdAt: 0, lastUsedAt: 0 };
const session: SessionRecord = { accountId: 'a', jwt: 'kauth-x', expiresAt: 10_000, ttl: 10_000, state: 'active', updatedAt: 0 };

describe('badge', () => {
  it('shows the active account\'s initials in the server\'s colour', () => {
    expect(badgeFor({ extensionName: 'KSM', server, account, session, now: 5000 })).toEqual({ text: 'AM', backgroundColor: SERVER_COLOR_HEX.teal, title: 'KSM: Alice Martin on Local' });
  });

  it('shows "!" in red for an expired, revoked or missing session', () => {
    expect(badgeFor({ extensionName: 'KSM', server, account, session, now: 10_000 })).toMatchObject({ text: '!', backgroundColor: ENDED_BADGE_COLOR, title: expect.stringContaining('expired') });
    expect(badgeFor({ extensionName: 'KSM', server, account, session: { ...session, state: 'revoked' }, now: 0 })).toMatchObject({ text: '!', title: expect.stringContaining('revoked') });
    expect(badgeFor({ extensionName: 'KSM', server, account, now: 0 })).toMatchObject({ text: '!', title: expect.stringContaining('signed out') });
  });

  it('is empty for a tab of no server, and for a server with no account', () => {
    expect(badgeFor({ extensionName: 'KSM', now: 0 })).toMatchObject({ text: '', title: 'KSM' });
    expect(badgeFor({ extensionName: 'KSM', server, now: 0 })).toMatchObject({ text: '', title: expect.stringContaining('no account') });
  });

  it('takes initials from two words, or the first two letters of one', () => {
    expect(initialsOf('alice')).toBe('AL');
    expect(initialsOf('jean.dupont@example.com')).toBe('JD');
    expect(initialsOf('émile zola')).toBe('ÉZ');
    expect(initialsOf('')).toBe('');
  });
});
