// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/preact';
import { AddServerForm } from './AddServerForm';
import { renderEnglish, renderFrench } from '../test-support/render';

afterEach(cleanup);

function type(label: string, value: string) {
  fireEvent.input(screen.getByLabelText(label), { target: { value } });
}

describe('AddServerForm', () => {
  it('hands over the parsed server, its name and colour, synchronously on submit', () => {
    const onAdd = vi.fn();
    renderEnglish(<AddServerForm busy={false} onAdd={onAdd} />);
    type('Server URL', 'localhost:7512');
    type('Name (optional)', '  Local dev ');
    fireEvent.change(screen.getByLabelText('Colour'), { target: { value: 'green' } });
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    expect(onAdd).toHaveBeenCalledTimes(1);
    const [server] = onAdd.mock.calls[0]!;
    expect(server.parsed).toMatchObject({ ok: true, url: 'http://localhost:7512', origin: 'http://localhost:7512', insecure: false });
    expect(server.parsed.permissionPattern).toBe('http://localhost/*');
    expect(server.name).toBe('Local dev');
    expect(server.color).toBe('green');
  });

  it('clears once the server is added, and keeps what was typed when it was not', async () => {
    let answer = false;
    renderEnglish(<AddServerForm busy={false} onAdd={async () => answer} />);
    type('Server URL', 'localhost:7512');
    type('Name (optional)', 'Local dev');
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect((screen.getByLabelText('Server URL') as HTMLInputElement).value).toBe('localhost:7512');
    answer = true;
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    await waitFor(() => expect((screen.getByLabelText('Server URL') as HTMLInputElement).value).toBe(''));
    expect((screen.getByLabelText('Name (optional)') as HTMLInputElement).value).toBe('');
  });

  it('refuses a bad address with the parser\'s message, marks the field invalid and sends nothing', () => {
    const onAdd = vi.fn();
    renderEnglish(<AddServerForm busy={false} onAdd={onAdd} />);
    type('Server URL', 'ftp://kuzzle.example.com');
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    expect(onAdd).not.toHaveBeenCalled();
    const field = screen.getByLabelText('Server URL');
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby')!)!.textContent).toMatch(/not supported/);
    expect(document.activeElement).toBe(field);
  });

  it('says what is wrong with the address in the page\'s language', () => {
    renderFrench(<AddServerForm busy={false} onAdd={vi.fn()} />);
    type('URL du serveur', 'localhost:99999');
    fireEvent.blur(screen.getByLabelText('URL du serveur'));
    const note = document.getElementById(screen.getByLabelText('URL du serveur').getAttribute('aria-describedby')!)!;
    expect(note.textContent).toBe("Le port 99999 n'existe pas : les ports vont de 1 à 65535 (Kuzzle écoute sur le 7512 par défaut).");
  });

  it('does not complain while the address is being typed, only once the field is left', () => {
    renderEnglish(<AddServerForm busy={false} onAdd={vi.fn()} />);
    type('Server URL', 'http://');
    expect(screen.getByLabelText('Server URL').getAttribute('aria-invalid')).toBeNull();
    fireEvent.blur(screen.getByLabelText('Server URL'));
    expect(screen.getByLabelText('Server URL').getAttribute('aria-invalid')).toBe('true');
  });

  it('warns about plain http to a host that is not loopback, but still allows it', () => {
    const onAdd = vi.fn();
    renderEnglish(<AddServerForm busy={false} onAdd={onAdd} />);
    type('Server URL', 'http://kuzzle.example.com:7512');
    expect(screen.getByText(/unencrypted/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Add server' }));
    expect(onAdd.mock.calls[0]![0].parsed.insecure).toBe(true);
  });

  it('shows progress and blocks a second submit while busy', () => {
    renderEnglish(<AddServerForm busy={true} onAdd={vi.fn()} />);
    const button = screen.getByRole('button', { name: 'Checking the server…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });
});
