import { describe, expect, it } from 'vitest';
import { chooseServer } from './choose-server';
import { accountView, serverView, sessionView } from '../../test-support/views';

const plain = serverView('plain');
const bound = serverView('bound', { boundOrigins: ['https://console.example.com'] });
const signedIn = serverView('signed', { accounts: [accountView('a', { active: true, session: sessionView(-1) })] });
const servers = [plain, signedIn, bound];

describe('chooseServer', () => {
  it('prefers what the person picked, then the server of the current site, then a signed-in one, then the first', () => {
    expect(chooseServer(servers, 'plain', 'https://console.example.com')?.id).toBe('plain');
    expect(chooseServer(servers, null, 'https://console.example.com')?.id).toBe('bound');
    expect(chooseServer(servers, null, 'https://other.example')?.id).toBe('signed');
    expect(chooseServer([plain, bound], null, null)?.id).toBe('plain');
  });
  it('ignores a pick that no longer exists, and has nothing for no server', () => {
    expect(chooseServer(servers, 'removed', null)?.id).toBe('signed');
    expect(chooseServer([], null, null)).toBeUndefined();
  });
});
