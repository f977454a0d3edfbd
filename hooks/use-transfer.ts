/**
 * The options page's import and export: reads a chosen file, shows what it would add and skip
 * before anything is saved, then has the worker save it in one step; writes both exports from the
 * state the page already holds (it carries no token); copies kourou's environment for an account.
 */
import { useCallback, useState } from 'preact/hooks';
import type { ErrorInfo } from '../lib/messages';
import type { ServerView } from '../lib/model';
import type { Translate } from '../lib/i18n';
import { buildConsoleExport, buildExport } from '../lib/transfer/export';
import { MAX_IMPORT_BYTES, parseImportText, type FileProblem, type ParsedImport } from '../lib/transfer/parse';
import { planImport, type ImportOutcome, type ImportPlan } from '../lib/transfer/plan';
import { toErrorInfo } from '../utils/error-text';
import { countedText, problemText } from '../utils/transfer-text';
import { permissionPatternOf, type Platform } from './use-extension';

export interface ImportPreview {
  fileName: string;
  text: string;
  parsed: ParsedImport;
  plan: ImportPlan;
}

/** What the page can do outside the protocol: save a file, write the clipboard (the DOM's, given so tests can watch). */
export interface TransferPlatform extends Platform {
  download?: (fileName: string, text: string) => void;
  copyText?: (text: string) => Promise<void>;
}

export function downloadWithLink(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function useTransfer(platform: TransferPlatform, servers: readonly ServerView[], t: Translate) {
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [outcome, setOutcome] = useState<ImportOutcome | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const refuseFile = (problem: FileProblem, message: string) => {
    setPreview(null);
    setFileError(problemText(t, problem, message));
  };

  const chooseFile = useCallback(
    async (file: File) => {
      setOutcome(null);
      setFileError(null);
      setNotice(null);
      // Not read at all when it is too big to be a list of connections.
      if (file.size > MAX_IMPORT_BYTES) {
        refuseFile({ code: 'file-too-large', params: { maxKb: MAX_IMPORT_BYTES / 1024 } }, `This file is larger than ${MAX_IMPORT_BYTES / 1024} kB.`);
        return;
      }
      let text: string;
      try {
        text = await file.text();
      } catch {
        refuseFile({ code: 'file-not-json' }, 'This file could not be read.');
        return;
      }
      const parsed = parseImportText(text);
      if (!parsed.ok) {
        refuseFile(parsed.problem, parsed.message);
        return;
      }
      setPreview({ fileName: file.name, text, parsed: parsed.value, plan: planImport(parsed.value.candidates, servers) });
    },
    [servers, t],
  );

  async function act<T>(work: () => Promise<T>): Promise<T | undefined> {
    setBusy(true);
    setError(null);
    try {
      return await work();
    } catch (failure) {
      setError(toErrorInfo(failure));
      return undefined;
    } finally {
      setBusy(false);
    }
  }

  const confirmImport = async () => {
    if (!preview) return;
    const done = await act(() => platform.request('importFile', { text: preview.text }));
    if (done) {
      setOutcome(done);
      setPreview(null);
    }
  };

  const download = platform.download ?? downloadWithLink;
  const exportAll = () => {
    download('kuzzle-session-manager-export.json', buildExport(servers, Date.now()));
    setNotice(countedText(t, 'exportDone', servers.length));
  };
  const exportForConsole = () => {
    const { text, count, leftOut } = buildConsoleExport(servers);
    download('connections.json', text);
    setNotice(leftOut.length > 0 ? t('exportConsoleLeftOut', { count, names: leftOut.join(', ') }) : t('exportConsoleDone', { count }));
  };

  /** Called from the click itself: the permission prompt needs the user's gesture. */
  const allowSite = (origin: string) => {
    const server = servers.find((candidate) => candidate.boundOrigins.includes(origin));
    if (!server) return;
    const granted = platform.requestHostPermission(permissionPatternOf(origin));
    void act(async () => {
      if (!(await granted)) throw new Error(t('siteNotAllowed', { origin }));
      await platform.request('bindOrigin', { serverId: server.id, origin });
      setOutcome((current) => current && { ...current, sitesAwaitingPermission: current.sitesAwaitingPermission.filter((site) => site !== origin) });
    });
  };

  const copyForTerminal = (accountId: string) =>
    act(async () => {
      const { text, expiresAt } = await platform.request('terminalEnv', { accountId });
      await (platform.copyText ?? ((value: string) => navigator.clipboard.writeText(value)))(text);
      setNotice(t('terminalCopied', { time: new Date(expiresAt).toLocaleTimeString() }));
    });

  const cancel = () => {
    setPreview(null);
    setFileError(null);
  };

  return { preview, outcome, fileError, error, notice, busy, chooseFile, confirmImport, cancel, exportAll, exportForConsole, allowSite, copyForTerminal, dismissError: () => setError(null) };
}
