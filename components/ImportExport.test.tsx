// @vitest-environment happy-dom
import { cleanup, fireEvent, screen } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { englishTranslate, frenchTranslate, renderEnglish, renderFrench } from '../test-support/render';
import { consoleConnections } from '../test-support/transfer';
import { accountView, serverView, sessionView } from '../test-support/views';
import { parseImportText } from '../lib/transfer/parse';
import { planImport } from '../lib/transfer/plan';
import { problemText } from '../utils/transfer-text';
import { ConsoleOffer } from './ConsoleOffer';
import { ImportPreview } from './ImportPreview';
import { TerminalCopy } from './TerminalCopy';

afterEach(cleanup);

function previewOf(text: string, known = [] as Array<{ url: string; name: string; boundOrigins: string[] }>) {
  const parsed = parseImportText(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return { fileName: 'connections.json', text, parsed: parsed.value, plan: planImport(parsed.value.candidates, known) };
}

describe('ImportPreview', () => {
  it('shows what will be added, what is skipped and why, and adds only on confirmation', () => {
    const preview = previewOf(
      consoleConnections({
        '<img src=x onerror=alert(1)>': { host: 'new.example.com', ssl: true, port: 443 },
        local: { host: 'localhost' },
        bad: { host: 'evil.com/path' },
      }),
      [{ url: 'http://localhost:7512', name: 'My local', boundOrigins: [] }],
    );
    const onConfirm = vi.fn();
    renderEnglish(<ImportPreview preview={preview} busy={false} onConfirm={onConfirm} onCancel={() => {}} />);
    const added = screen.getByRole('list', { name: 'Servers to be added' });
    // A hostile name is text, never markup.
    expect(added.textContent).toContain('<img src=x onerror=alert(1)> https://new.example.com');
    expect(added.querySelector('img')).toBeNull();
    const skipped = screen.getByRole('list', { name: 'Skipped entries' }).textContent;
    expect(skipped).toContain('already in the list as "My local"; left as it is');
    expect(skipped).toContain('bad: its host is not a host name');
    expect(onConfirm).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Add 1 server' }));
    expect(onConfirm).toHaveBeenCalledOnce();
  });

  it('says it in French', () => {
    renderFrench(<ImportPreview preview={previewOf(consoleConnections({ v1: { backendMajorVersion: 1 } }))} busy={false} onConfirm={() => {}} onCancel={() => {}} />);
    expect(screen.getByText(/c'est un serveur Kuzzle 1/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Ajouter 0 serveurs' })).toHaveProperty('disabled', true);
  });
});

describe('problemText', () => {
  it('says every file refusal in both languages, with its numbers', () => {
    for (const text of ['nope', '[]', '{}', JSON.stringify({ format: 'kuzzle-session-manager', version: 3, servers: [] })]) {
      const parsed = parseImportText(text);
      if (parsed.ok) throw new Error('should be refused');
      for (const t of [englishTranslate, frenchTranslate]) expect(problemText(t, parsed.problem, parsed.message)).not.toMatch(/^import/);
    }
    expect(problemText(frenchTranslate, { code: 'file-too-many', params: { count: 10000, max: 500 } }, '')).toContain('10000 connexions');
  });
});

describe('TerminalCopy and ConsoleOffer', () => {
  it('offers the terminal only for signed-in accounts', () => {
    const onCopy = vi.fn();
    const server = serverView('s1', {
      accounts: [accountView('a1', { displayName: 'alice', session: sessionView(2_000) }), accountView('a2', { displayName: 'bob', session: null })],
    });
    renderEnglish(<TerminalCopy server={server} now={1_000} busy={false} onCopy={onCopy} />);
    expect(screen.queryByRole('button', { name: 'Copy for the terminal (bob)' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Copy for the terminal (alice)' }));
    expect(onCopy).toHaveBeenCalledWith('a1');
  });

  it('offers the console\'s unknown connections, and nothing when there are none', () => {
    const candidates = previewOf(consoleConnections({ staging: { host: 'staging.example.com' }, prod: { host: 'prod.example.com' } })).plan.add;
    const { unmount } = renderEnglish(<ConsoleOffer candidates={candidates} outcome={null} busy={false} onImport={() => {}} />);
    expect(screen.getByRole('button', { name: 'Import 2 connections from this console' })).toBeTruthy();
    unmount();
    const { container } = renderEnglish(<ConsoleOffer candidates={[]} outcome={null} busy={false} onImport={() => {}} />);
    expect(container.textContent).toBe('');
  });
});
