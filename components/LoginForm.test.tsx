// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { LoginForm } from './LoginForm';
import { renderEnglish } from '../test-support/render';

afterEach(cleanup);

function setup(props: Partial<Parameters<typeof LoginForm>[0]> = {}) {
  const handlers = { onLogin: vi.fn(), onContinueInTab: vi.fn(), onPasteToken: vi.fn() };
  renderEnglish(<LoginForm strategies={['oauth-dev', 'local']} strategiesHidden={false} busy={false} {...handlers} {...props} />);
  return handlers;
}
function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}
function options(label: string) {
  return [...(screen.getByLabelText(label) as HTMLSelectElement).options].map((o) => o.value);
}

describe('LoginForm', () => {
  it('offers local first and logs in with the username, the password and a checked expiresIn', () => {
    const { onLogin } = setup();
    expect(options('Strategy')).toEqual(['local', 'oauth-dev']);
    type('Username', ' alice ');
    type('Password', 'alice-password');
    type('Expires in', '10h');
    expect(screen.getByText('The token will last 10 hours.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onLogin).toHaveBeenCalledWith({
      strategy: 'local',
      credentials: { username: 'alice', password: 'alice-password' },
      expiresIn: '10h',
      displayName: 'alice',
    });
    // The password does not outlive the request.
    expect((screen.getByLabelText('Password') as HTMLInputElement).value).toBe('');
  });

  it('leaves expiresIn out when empty, so the server applies its default', () => {
    const { onLogin } = setup();
    expect(screen.getByText(/the server's default lifetime/)).toBeTruthy();
    type('Username', 'bob');
    type('Password', 'pw');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onLogin.mock.calls[0]![0].expiresIn).toBeUndefined();
  });

  it('refuses a bad expiresIn as it is typed and does not send the login', () => {
    const { onLogin } = setup();
    type('Username', 'alice');
    type('Password', 'pw');
    type('Expires in', 'abc');
    const field = screen.getByLabelText('Expires in');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toMatch(/"abc" is not a duration/);
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onLogin).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(field);
  });

  it('asks for both the username and the password before sending', () => {
    const { onLogin } = setup();
    type('Username', 'alice');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onLogin).not.toHaveBeenCalled();
    expect(screen.getByText('Enter both the username and the password.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Password'));
  });

  it('offers only local, with a note, when the server hides its strategies', () => {
    setup({ strategies: [], strategiesHidden: true });
    expect(options('Strategy')).toEqual(['local']);
    expect(screen.getByText(/does not list its strategies/)).toBeTruthy();
  });

  it('for a two-step strategy, takes JSON credentials and offers the tab and the pasted token', () => {
    const { onLogin, onContinueInTab, onPasteToken } = setup();
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'oauth-dev' } });
    expect(screen.queryByLabelText('Username')).toBeNull();
    type('Credentials (JSON)', '{"code": "x"}');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onLogin).toHaveBeenCalledWith({ strategy: 'oauth-dev', credentials: { code: 'x' }, expiresIn: undefined });

    type('Expires in', '2h');
    fireEvent.click(screen.getByRole('button', { name: 'Continue in the tab' }));
    expect(onContinueInTab).toHaveBeenCalledWith({ strategy: 'oauth-dev', expiresIn: '2h' });

    type('Token or Kuzzle response', 'kauth-abc');
    fireEvent.click(screen.getByRole('button', { name: 'Use token' }));
    expect(onPasteToken).toHaveBeenCalledWith('kauth-abc');
  });

  it('refuses credentials that are not a JSON object', () => {
    const { onLogin } = setup();
    fireEvent.change(screen.getByLabelText('Strategy'), { target: { value: 'oauth-dev' } });
    type('Credentials (JSON)', '{oops');
    fireEvent.click(screen.getByRole('button', { name: 'Log in' }));
    expect(onLogin).not.toHaveBeenCalled();
    expect(screen.getByText(/not valid JSON/)).toBeTruthy();
  });

  it('shows progress while a login is under way', () => {
    setup({ busy: true });
    expect(screen.getByRole('status').textContent).toMatch(/Logging in/);
    expect((screen.getByRole('button', { name: 'Log in' }) as HTMLButtonElement).disabled).toBe(true);
  });
});

describe('LoginForm focus', () => {
  it('focuses the username when asked, for a keyboard user who opens the popup to sign in', () => {
    setup({ autoFocus: true });
    expect(document.activeElement).toBe(screen.getByLabelText('Username'));
  });
  it('leaves the focus alone otherwise', () => {
    setup();
    expect(document.activeElement).not.toBe(screen.getByLabelText('Username'));
  });
});
