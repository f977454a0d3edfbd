// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, renderHook } from '@testing-library/preact';
import { createRequester } from '../lib/messaging';
import type { Reply } from '../lib/messages';
import { MAX_IMPORT_BYTES } from '../lib/transfer/parse';
import { englishTranslate } from '../test-support/render';
import { CONSOLE_EXPORT_SAMPLE } from '../test-support/transfer';
import { accountView, serverView } from '../test-support/views';
import { useTransfer, type TransferPlatform } from './use-transfer';

afterEach(cleanup);

function platformWith(answers: Record<string, unknown>) {
  const sent: Array<{ type: string; payload: Record<string, unknown> }> = [];
  const platform: TransferPlatform = {
    request: createRequester(async (message): Promise<Reply<unknown>> => {
      const { type, ...payload } = message as { type: string };
      sent.push({ type, payload });
      return type in answers ? { ok: true, value: answers[type] } : { ok: false, error: { kind: 'internal', message: `no ${type}` } };
    }),
    subscribe: () => () => {},
    requestHostPermission: vi.fn(async () => true),
    download: vi.fn(),
    copyText: vi.fn(async () => {}),
  };
  return { platform, sent };
}

const OUTCOME = { added: [{ id: 'n1', name: 'staging', url: 'https://staging.kuzzle.example.com' }], skipped: [], refused: 0, droppedSites: [], sitesAwaitingPermission: [] };

describe('useTransfer', () => {
  it('does not read a file too large to be a list of connections, and saves nothing', async () => {
    const { platform, sent } = platformWith({});
    const { result } = renderHook(() => useTransfer(platform, [], englishTranslate));
    const file = { name: 'huge.json', size: MAX_IMPORT_BYTES + 1, text: vi.fn() } as unknown as File;
    await act(() => result.current.chooseFile(file));
    expect(file.text).not.toHaveBeenCalled();
    expect(result.current.fileError).toMatch(/larger than 1024 kB/);
    expect(result.current.preview).toBeNull();
    expect(sent).toEqual([]);
  });

  it('previews against the known servers, then sends the file\'s text once, on confirmation', async () => {
    const { platform, sent } = platformWith({ importFile: OUTCOME });
    const known = [serverView('s1', { url: 'http://localhost:7512', name: 'Mine' })];
    const { result } = renderHook(() => useTransfer(platform, known, englishTranslate));
    await act(() => result.current.chooseFile(new File([CONSOLE_EXPORT_SAMPLE], 'connections.json', { type: 'application/json' })));
    expect(result.current.preview?.plan.add.map((candidate) => candidate.name)).toEqual(['staging', 'prod']);
    expect(result.current.preview?.plan.skipped).toEqual([expect.objectContaining({ knownAs: 'Mine' })]);
    expect(sent).toEqual([]);
    await act(() => result.current.confirmImport());
    expect(sent).toEqual([{ type: 'importFile', payload: { text: CONSOLE_EXPORT_SAMPLE } }]);
    expect(result.current.outcome).toEqual(OUTCOME);
    expect(result.current.preview).toBeNull();
  });

  it('exports without tokens, and copies the worker\'s terminal text', async () => {
    const { platform } = platformWith({ terminalEnv: { text: 'export KUZZLE_HOST=x\n', expiresAt: 0 } });
    const servers = [serverView('s1', { accounts: [accountView('a1')] })];
    const { result } = renderHook(() => useTransfer(platform, servers, englishTranslate));
    act(() => result.current.exportAll());
    act(() => result.current.exportForConsole());
    const files = vi.mocked(platform.download!).mock.calls;
    expect(files.map(([name]) => name)).toEqual(['kuzzle-session-manager-export.json', 'connections.json']);
    for (const [, text] of files) expect(text).not.toMatch(/jwt|kauth-|kapikey-/);
    await act(() => result.current.copyForTerminal('a1'));
    expect(platform.copyText).toHaveBeenCalledWith('export KUZZLE_HOST=x\n');
  });
});
