// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { SessionCard } from './SessionCard';
import { sessionStatus } from '../utils/session-status';
import { accountView, serverView, sessionView } from '../test-support/views';
import { renderEnglish, renderFrench } from '../test-support/render';

afterEach(cleanup);
const NOW = 1_700_000_000_000;

describe('sessionStatus', () => {
  it('reads each state of a session', () => {
    expect(sessionStatus(accountView('a'), NOW)).toEqual({ key: 'sessionNone', usable: false });
    expect(sessionStatus(accountView('a', { session: sessionView(NOW + 9 * 60_000) }), NOW)).toEqual({
      key: 'sessionActive',
      timeLeft: 'expires in 9 min',
      usable: true,
    });
    expect(sessionStatus(accountView('a', { session: sessionView(-1) }), NOW).timeLeft).toBe('never expires');
    expect(sessionStatus(accountView('a', { session: sessionView(NOW + 1000, { state: 'expired' }) }), NOW).key).toBe('sessionExpired');
    expect(sessionStatus(accountView('a', { session: sessionView(NOW + 1000, { state: 'revoked' }) }), NOW).key).toBe('sessionRevoked');
  });

  it('counts a session past its expiry as expired even before the worker says so', () => {
    expect(sessionStatus(accountView('a', { session: sessionView(NOW - 1) }), NOW)).toEqual({ key: 'sessionExpired', usable: false });
  });
});

describe('SessionCard', () => {
  const server = serverView('prod', { name: 'Production' });

  it('shows the kuid, the server and the time left, and raises each intent', () => {
    const handlers = { onRefresh: vi.fn(), onLogout: vi.fn(), onForget: vi.fn() };
    const account = accountView('alice', { kuid: 'u-42', active: true, session: sessionView(NOW + 2 * 3_600_000 + 5 * 60_000) });
    renderEnglish(<SessionCard account={account} server={server} now={NOW} busy={false} {...handlers} />);
    expect(screen.getByRole('heading', { name: 'alice' })).toBeTruthy();
    expect(screen.getByText('u-42')).toBeTruthy();
    expect(screen.getByText(/Production/)).toBeTruthy();
    expect(screen.getByText('expires in 2 h 5 min')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Refresh now' }));
    fireEvent.click(screen.getByRole('button', { name: 'Log out' }));
    // A live token: "Forget" first says it stays valid on the server, and offers to log out instead.
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(handlers.onForget).not.toHaveBeenCalled();
    expect(screen.getByText('Forgetting keeps the token valid on the server until it expires. Log out instead to end it there.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    expect(screen.queryByRole('button', { name: 'Forget anyway' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    fireEvent.click(screen.getByRole('button', { name: 'Forget anyway' }));
    expect(handlers.onRefresh).toHaveBeenCalledTimes(1);
    expect(handlers.onLogout).toHaveBeenCalledTimes(1);
    expect(handlers.onForget).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    fireEvent.click(within(screen.getByRole('group', { name: 'Forget' })).getByRole('button', { name: 'Log out' }));
    expect(handlers.onLogout).toHaveBeenCalledTimes(2);
    expect(handlers.onForget).toHaveBeenCalledTimes(1);
  });

  it('forgets an expired session at once: there is nothing left to warn about on the server', () => {
    const onForget = vi.fn();
    renderEnglish(<SessionCard account={accountView('bob', { session: sessionView(NOW - 1_000) })} server={server} now={NOW} busy={false} onRefresh={vi.fn()} onLogout={vi.fn()} onForget={onForget} />);
    fireEvent.click(screen.getByRole('button', { name: 'Forget' }));
    expect(onForget).toHaveBeenCalledTimes(1);
  });

  it('for an expired session, says so with the last error and offers no refresh', () => {
    const account = accountView('alice', { session: sessionView(NOW - 60_000, { state: 'expired', lastError: 'token expired' }) });
    renderEnglish(<SessionCard account={account} server={server} now={NOW} busy={false} onRefresh={vi.fn()} onLogout={vi.fn()} onForget={vi.fn()} />);
    expect(screen.getByText('Expired')).toBeTruthy();
    expect(screen.getByText(/token expired/)).toBeTruthy();
    expect(screen.getByText('Log in again to use this account.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Refresh now' })).toBeNull();
  });

  it('in French, says the time left in French', () => {
    const account = accountView('alice', { session: sessionView(NOW + 2 * 3_600_000 + 5 * 60_000) });
    renderFrench(<SessionCard account={account} server={server} now={NOW} busy={false} onRefresh={vi.fn()} onLogout={vi.fn()} onForget={vi.fn()} />);
    expect(screen.getByText('expire dans 2 h 5 min')).toBeTruthy();
    cleanup();
    renderFrench(<SessionCard account={accountView('bob', { session: sessionView(-1) })} server={server} now={NOW} busy={false} onRefresh={vi.fn()} onLogout={vi.fn()} onForget={vi.fn()} />);
    expect(screen.getByText("n'expire jamais")).toBeTruthy();
  });
});
