// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { ServerSettings } from './ServerSettings';
import { siteOrigin } from '../utils/sites';
import { accountView, serverView } from '../test-support/views';
import { renderEnglish, renderFrench } from '../test-support/render';

afterEach(cleanup);

function setup() {
  const handlers = { onUpdate: vi.fn(), onRemove: vi.fn(), onBind: vi.fn(), onUnbind: vi.fn() };
  const server = serverView('s1', { name: 'Prod', boundOrigins: ['https://console.example.com'], accounts: [accountView('a'), accountView('b')] });
  renderEnglish(<ServerSettings server={server} busy={false} {...handlers} />);
  return handlers;
}

describe('siteOrigin', () => {
  it('keeps only the origin of a site address, and assumes https for a bare host', () => {
    expect(siteOrigin('https://console.example.com/#/login?x=1')).toEqual({ ok: true, origin: 'https://console.example.com' });
    expect(siteOrigin('https://console.example.com/admin?x=1#/')).toEqual({ ok: true, origin: 'https://console.example.com' });
    expect(siteOrigin(' http://127.0.0.1:8080/ ')).toEqual({ ok: true, origin: 'http://127.0.0.1:8080' });
    expect(siteOrigin('console.example.com')).toEqual({ ok: true, origin: 'https://console.example.com' });
  });

  it('refuses what is not a web address, saying why', () => {
    expect(siteOrigin('')).toMatchObject({ ok: false, message: expect.stringMatching(/Enter/) });
    expect(siteOrigin('ftp://x.example')).toMatchObject({ ok: false });
    // Chromium's URL parser takes this one; the server-URL parser does not.
    expect(siteOrigin('not a site')).toMatchObject({ ok: false, message: expect.stringMatching(/spaces/) });
  });
});

describe('ServerSettings', () => {
  it('renames and recolours', () => {
    const { onUpdate } = setup();
    fireEvent.input(screen.getByLabelText('Name'), { target: { value: 'Production EU' } });
    fireEvent.change(screen.getByLabelText('Colour'), { target: { value: 'red' } });
    fireEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(onUpdate).toHaveBeenCalledWith({ name: 'Production EU', color: 'red' });
  });

  it('binds a site by its URL and refuses an address that is not one', () => {
    const { onBind } = setup();
    fireEvent.input(screen.getByLabelText('Site URL'), { target: { value: 'not a url' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bind site' }));
    expect(onBind).not.toHaveBeenCalled();
    expect(screen.getByLabelText('Site URL').getAttribute('aria-invalid')).toBe('true');
    fireEvent.input(screen.getByLabelText('Site URL'), { target: { value: 'http://localhost:8080/#/' } });
    fireEvent.click(screen.getByRole('button', { name: 'Bind site' }));
    expect(onBind).toHaveBeenCalledWith('http://localhost:8080');
  });

  it('says why a site address is refused in the page\'s language', () => {
    renderFrench(<ServerSettings server={serverView('s1')} busy={false} onUpdate={vi.fn()} onRemove={vi.fn()} onBind={vi.fn()} onUnbind={vi.fn()} />);
    fireEvent.input(screen.getByLabelText('URL du site'), { target: { value: 'ws://console.example.com' } });
    fireEvent.click(screen.getByRole('button', { name: 'Associer le site' }));
    expect(screen.getByText(/^Utilisez http:\/\/ au lieu de ws:\/\/ : l'extension communique en HTTP/)).toBeTruthy();
  });

  it('names each unbind button by its origin', () => {
    const { onUnbind } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Unbind https://console.example.com' }));
    expect(onUnbind).toHaveBeenCalledWith('https://console.example.com');
  });

  it('asks before removing a server, saying how many accounts go with it', () => {
    const { onRemove } = setup();
    fireEvent.click(screen.getByRole('button', { name: 'Remove server' }));
    expect(onRemove).not.toHaveBeenCalled();
    expect(screen.getByText(/Remove Prod and its 2 account\(s\)\?/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Keep' }));
    expect(screen.queryByRole('button', { name: 'Yes, remove' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Remove server' }));
    fireEvent.click(screen.getByRole('button', { name: 'Yes, remove' }));
    expect(onRemove).toHaveBeenCalledTimes(1);
  });
});
