// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { ErrorAlert, Feedback } from './ErrorAlert';
import { renderEnglish } from '../test-support/render';

afterEach(cleanup);

describe('ErrorAlert', () => {
  it('keeps an empty alert region in the page, ready to announce', () => {
    renderEnglish(<ErrorAlert error={null} />);
    expect(screen.getByRole('alert', { hidden: true }).textContent).toBe('');
  });

  it('shows the sentence, Kuzzle\'s own words and its error id, and can be dismissed', () => {
    const onDismiss = vi.fn();
    renderEnglish(
      <ErrorAlert
        error={{
          kind: 'kuzzle',
          message: 'Wrong username or password. Check them and try again.',
          kuzzleMessage: 'wrong username or password',
          kuzzleId: 'plugin.strategy.missing_user',
          status: 401,
        }}
        onDismiss={onDismiss}
      />,
    );
    const alert = screen.getByRole('alert');
    expect(alert.textContent).toContain('Wrong username or password. Check them and try again.');
    expect(alert.textContent).toContain('Kuzzle said: wrong username or password');
    expect(alert.textContent).toContain('plugin.strategy.missing_user (401)');
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(onDismiss).toHaveBeenCalledTimes(1);
  });

  it('shows a notice as a status next to the alert region', () => {
    renderEnglish(<Feedback error={null} notice="Saved." />);
    expect(screen.getByRole('status').textContent).toBe('Saved.');
  });
});
