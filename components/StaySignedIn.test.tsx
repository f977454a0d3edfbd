// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { ApiKeyList } from './ApiKeyList';
import { LoginForm } from './LoginForm';
import { SessionCard } from './SessionCard';
import { accountView, serverView, sessionView } from '../test-support/views';
import { renderEnglish, renderFrench } from '../test-support/render';

afterEach(cleanup);
const NOW = 1_700_000_000_000;

function signIn(staySignedIn?: (select: HTMLSelectElement) => void) {
  const onLogin = vi.fn();
  renderEnglish(<LoginForm strategies={['local']} strategiesHidden={false} busy={false} onLogin={onLogin} onContinueInTab={vi.fn()} onPasteToken={vi.fn()} />);
  fireEvent.input(screen.getByLabelText('Username'), { target: { value: 'alice' } });
  fireEvent.input(screen.getByLabelText('Password'), { target: { value: 'alice-password' } });
  if (staySignedIn) {
    fireEvent.click(screen.getByRole('checkbox', { name: 'Stay signed in' }));
    staySignedIn(screen.getByRole('combobox', { name: 'Stay signed in for' }) as HTMLSelectElement);
  }
  fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
  return onLogin.mock.calls[0]?.[0] as Record<string, unknown>;
}

describe('Stay signed in on the sign-in form', () => {
  it('is off by default, its lifetime greyed out, and the intent says nothing of it', () => {
    renderEnglish(<LoginForm strategies={['local']} strategiesHidden={false} busy={false} onLogin={vi.fn()} onContinueInTab={vi.fn()} onPasteToken={vi.fn()} />);
    expect((screen.getByRole('checkbox', { name: 'Stay signed in' }) as HTMLInputElement).checked).toBe(false);
    expect((screen.getByRole('combobox', { name: 'Stay signed in for' }) as HTMLSelectElement).disabled).toBe(true);
    cleanup();
    expect(signIn()).not.toHaveProperty('staySignedIn');
  });

  it('offers 1, 7 and 30 days and the longest the server allows, 7 days first, and says what it keeps', () => {
    expect(signIn(() => {})).toMatchObject({ staySignedIn: '7d' });
    expect(screen.getByText(/keeps a Kuzzle API key for this account \(never the password\)/)).toBeTruthy();
    cleanup();
    const chosen = signIn((select) => {
      expect([...select.options].map((option) => option.textContent)).toEqual(['1 day', '7 days', '30 days', 'the longest the server allows']);
      fireEvent.change(select, { target: { value: 'max' } });
    });
    expect(chosen).toMatchObject({ credentials: { username: 'alice', password: 'alice-password' }, staySignedIn: 'max' });
  });
});

describe('SessionCard: until when', () => {
  const server = serverView('prod');
  const handlers = { onRefresh: vi.fn(), onLogout: vi.fn(), onForget: vi.fn() };

  it('says until when the account stays signed in, or that it does until logout, and nothing without a key', () => {
    const until = Date.UTC(2026, 11, 10, 12);
    const keyed = accountView('alice', { session: sessionView(NOW + 60_000), staySignedIn: { keyId: 'k', description: 'Kuzzle Session Manager (Chrome), 2026-12-03', until } });
    renderEnglish(<SessionCard account={keyed} server={server} now={NOW} busy={false} {...handlers} />);
    expect(screen.getByText(`signed in until ${new Date(until).toLocaleDateString(undefined, { dateStyle: 'medium' })}`)).toBeTruthy();
    cleanup();
    renderFrench(<SessionCard account={{ ...keyed, staySignedIn: { ...keyed.staySignedIn!, until: -1 } }} server={server} now={NOW} busy={false} {...handlers} />);
    expect(screen.getByText('connecté jusqu\'à la déconnexion')).toBeTruthy();
    cleanup();
    renderEnglish(<SessionCard account={accountView('bob', { session: sessionView(NOW + 60_000) })} server={server} now={NOW} busy={false} {...handlers} />);
    expect(screen.queryByText(/signed in until/)).toBeNull();
  });
});

describe('ApiKeyList', () => {
  it('lists the keys on the server once asked, marks the held one, and drops a key once revoked', async () => {
    const account = accountView('alice', { displayName: 'alice', staySignedIn: { keyId: 'k1', description: 'Kuzzle Session Manager (Chrome), 2026-12-03', until: -1 } });
    const onLoad = vi.fn(async () => [
      { _id: 'k1', description: 'Kuzzle Session Manager (Chrome), 2026-12-03', expiresAt: -1, held: true },
      { _id: 'k0', description: 'Kuzzle Session Manager (Firefox), 2026-11-01', expiresAt: Date.UTC(2026, 11, 1), held: false },
    ]);
    const onRevoke = vi.fn(async () => true);
    renderEnglish(<ApiKeyList account={account} busy={false} onLoad={onLoad} onRevoke={onRevoke} />);
    expect(screen.getByRole('heading', { name: '"Stay signed in" keys of alice' })).toBeTruthy();
    expect(screen.getByText('This browser holds the key "Kuzzle Session Manager (Chrome), 2026-12-03".')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show the keys on the server' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(2));
    expect(screen.getByText('(held by this browser)')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Revoke Kuzzle Session Manager (Firefox), 2026-11-01' }));
    await waitFor(() => expect(screen.getAllByRole('listitem')).toHaveLength(1));
    expect(onRevoke).toHaveBeenCalledWith('k0');
  });

  it('says so when the server lists none, and keeps a key the server did not delete', async () => {
    renderEnglish(<ApiKeyList account={accountView('bob')} busy={false} onLoad={async () => []} onRevoke={async () => false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Show the keys on the server' }));
    await waitFor(() => expect(screen.getByText('The server lists no key made by this extension for this account.')).toBeTruthy());
  });
});
