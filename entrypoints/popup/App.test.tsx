// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, screen, waitFor } from '@testing-library/preact';
import { renderEnglish } from '../../test-support/render';
import { accountView, serverView, sessionView } from '../../test-support/views';
import type { StateSnapshot } from '../../lib/model';
import { PopupApp, type PopupPlatform } from './App';

afterEach(cleanup);

function platform(getState: () => Promise<StateSnapshot>, tabOrigin: string | null = null): PopupPlatform {
  return {
    request: vi.fn(async (type: string) => {
      if (type === 'getState') return getState();
      if (type === 'getStrategies') return { strategies: ['local'], hidden: false };
      throw new Error(`unexpected ${type}`);
    }) as unknown as PopupPlatform['request'],
    subscribe: () => () => {},
    requestHostPermission: async () => true,
    currentTabOrigin: async () => tabOrigin,
    openOptions: vi.fn(),
  };
}

describe('PopupApp', () => {
  it('paints its shell at once, before the worker has answered', () => {
    renderEnglish(<PopupApp platform={platform(() => new Promise(() => {}))} />);
    expect(screen.getByRole('heading', { name: 'Kuzzle Session Manager' })).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading…');
    expect(screen.getByRole('alert').textContent).toBe('');
  });

  it('opens on the first run form when there is no server', async () => {
    renderEnglish(<PopupApp platform={platform(async () => ({ servers: [], quarantined: 0 }))} />);
    expect(await screen.findByRole('heading', { name: 'Add your first Kuzzle server' })).toBeTruthy();
    expect(screen.getByLabelText('Server URL')).toBeTruthy();
  });

  it('opens on the server bound to the current site, with its session and the binding', async () => {
    const bound = serverView('s2', {
      name: 'Staging',
      boundOrigins: ['https://console.example.com'],
      activeAccountId: 'carol',
      accounts: [accountView('carol', { serverId: 's2', active: true, session: sessionView(-1) })],
    });
    const snapshot = { servers: [serverView('s1', { name: 'Prod' }), bound], quarantined: 0 };
    renderEnglish(<PopupApp platform={platform(async () => snapshot, 'https://console.example.com')} />);
    await waitFor(() => expect((screen.getByLabelText('Server') as HTMLSelectElement).value).toBe('s2'));
    expect(screen.getByRole('heading', { name: 'carol' })).toBeTruthy();
    expect(screen.getByText('never expires')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Stop using on this site' })).toBeTruthy();
  });
});

describe('PopupApp with an expired session', () => {
  it('keeps the sign-in form open, so that logging in again is one step', async () => {
    const server = serverView('s1', {
      name: 'Prod',
      activeAccountId: 'alice',
      accounts: [accountView('alice', { active: true, session: sessionView(1, { state: 'expired' }) })],
    });
    renderEnglish(<PopupApp platform={platform(async () => ({ servers: [server], quarantined: 0 }))} />);
    expect(await screen.findByRole('heading', { name: 'Sign in to Prod' })).toBeTruthy();
    expect(screen.getByText('Log in again to use this account.')).toBeTruthy();
    expect(screen.getByLabelText('Username')).toBeTruthy();
  });
});
