// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { AccountList } from './AccountList';
import { accountView, serverView, sessionView } from '../test-support/views';
import { renderEnglish } from '../test-support/render';

afterEach(cleanup);
const NOW = 1_700_000_000_000;

const prod = serverView('s1', {
  name: 'Production',
  activeAccountId: 'alice',
  accounts: [
    accountView('alice', { active: true, session: sessionView(NOW + 60_000) }),
    accountView('bob', { session: sessionView(NOW - 1, { state: 'expired' }) }),
  ],
});
const staging = serverView('s2', { name: 'Staging', accounts: [accountView('carol', { serverId: 's2', session: sessionView(NOW + 60_000) })] });

describe('AccountList', () => {
  it('groups accounts by server and marks the active one with aria-current and a visible "active"', () => {
    renderEnglish(<AccountList servers={[prod, staging]} now={NOW} busy={false} onSwitch={vi.fn()} />);
    expect(screen.getByRole('heading', { name: 'Production' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Staging' })).toBeTruthy();
    const alice = screen.getByRole('button', { name: /alice/ });
    expect(alice.getAttribute('aria-current')).toBe('true');
    expect(within(alice).getByText('active')).toBeTruthy();
    const bob = screen.getByRole('button', { name: /bob/ });
    expect(bob.getAttribute('aria-current')).toBeNull();
    expect(within(bob).getByText('Expired')).toBeTruthy();
  });

  it('switches in one click, and a click on the active account does nothing', () => {
    const onSwitch = vi.fn();
    renderEnglish(<AccountList servers={[prod, staging]} now={NOW} busy={false} onSwitch={onSwitch} />);
    fireEvent.click(screen.getByRole('button', { name: /carol/ }));
    fireEvent.click(screen.getByRole('button', { name: /alice/ }));
    expect(onSwitch.mock.calls).toEqual([['carol']]);
  });

  it('has no filter box for a few accounts, and one for more than five', () => {
    renderEnglish(<AccountList servers={[prod, staging]} now={NOW} busy={false} onSwitch={vi.fn()} />);
    expect(screen.queryByLabelText('Filter accounts')).toBeNull();
    cleanup();
    const many = serverView('s3', { name: 'Many', accounts: ['u1', 'u2', 'u3', 'u4'].map((id) => accountView(id, { serverId: 's3' })) });
    renderEnglish(<AccountList servers={[prod, many]} now={NOW} busy={false} onSwitch={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('Filter accounts'), { target: { value: 'u3' } });
    const shown = screen.getAllByRole('button');
    expect(shown).toHaveLength(1);
    expect(shown[0]!.textContent).toMatch(/^u3 kuid-u3/);
    fireEvent.input(screen.getByLabelText('Filter accounts'), { target: { value: 'zzz' } });
    expect(screen.getByText('No account matches this filter.')).toBeTruthy();
  });

  it('renders nothing when there is no account yet', () => {
    const { container } = renderEnglish(<AccountList servers={[serverView('empty')]} now={NOW} busy={false} onSwitch={vi.fn()} />);
    expect(container.textContent).toBe('');
  });
});

describe('AccountList with a limit', () => {
  const many = serverView('s3', {
    name: 'Big',
    accounts: Array.from({ length: 120 }, (_, index) => accountView(`user${index}`, { serverId: 's3', session: sessionView(NOW + 60_000) })),
  });

  it('lists the first accounts, then everything on "Show all", and the filter still finds any account', () => {
    renderEnglish(<AccountList servers={[prod, many]} now={NOW} busy={false} limit={50} onSwitch={vi.fn()} />);
    expect(screen.getAllByRole('listitem')).toHaveLength(50);
    expect(screen.queryByRole('button', { name: /user110/ })).toBeNull();
    fireEvent.input(screen.getByLabelText('Filter accounts'), { target: { value: 'user110' } });
    expect(screen.getByRole('button', { name: /user110/ })).toBeTruthy();
    fireEvent.input(screen.getByLabelText('Filter accounts'), { target: { value: '' } });
    fireEvent.click(screen.getByRole('button', { name: 'Show all 122 accounts' }));
    expect(screen.getAllByRole('listitem')).toHaveLength(122);
  });

  it('shows no "Show all" when everything fits', () => {
    renderEnglish(<AccountList servers={[prod, staging]} now={NOW} busy={false} limit={50} onSwitch={vi.fn()} />);
    expect(screen.queryByRole('button', { name: /Show all/ })).toBeNull();
  });
});
