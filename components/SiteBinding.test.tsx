// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { SiteBinding } from './SiteBinding';
import { serverView } from '../test-support/views';
import { renderEnglish } from '../test-support/render';

afterEach(cleanup);
const ORIGIN = 'https://console.example.com';

describe('SiteBinding', () => {
  it('binds the current site to the preferred server, or to the one chosen', () => {
    const onBind = vi.fn();
    const servers = [serverView('s1', { name: 'Prod' }), serverView('s2', { name: 'Staging' })];
    renderEnglish(<SiteBinding origin={ORIGIN} servers={servers} preferredServerId="s2" busy={false} onBind={onBind} onUnbind={vi.fn()} />);
    fireEvent.click(screen.getByRole('button', { name: 'Use on this site' }));
    fireEvent.change(screen.getByLabelText('Server for this site'), { target: { value: 's1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Use on this site' }));
    expect(onBind.mock.calls).toEqual([
      ['s2', ORIGIN],
      ['s1', ORIGIN],
    ]);
  });

  it('says which server a bound site uses and unbinds it', () => {
    const onUnbind = vi.fn();
    const servers = [serverView('s1', { name: 'Prod' }), serverView('s2', { name: 'Staging', boundOrigins: [ORIGIN] })];
    renderEnglish(<SiteBinding origin={ORIGIN} servers={servers} preferredServerId="s1" busy={false} onBind={vi.fn()} onUnbind={onUnbind} />);
    expect(screen.getByText(`${ORIGIN} uses the active account of Staging.`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Stop using on this site' }));
    expect(onUnbind).toHaveBeenCalledWith('s2', ORIGIN);
  });

  it('shows nothing on a tab that is not a web page', () => {
    const { container } = renderEnglish(
      <SiteBinding origin={null} servers={[serverView('s1')]} preferredServerId={null} busy={false} onBind={vi.fn()} onUnbind={vi.fn()} />,
    );
    expect(container.textContent).toBe('');
  });
});
