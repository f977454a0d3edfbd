/**
 * Reading a file of connections, pure: the Kuzzle Admin Console's `connections.json` (its "Export
 * all": an object of id → `{name, color, host, port, ssl, backendMajorVersion}`, tokens left out)
 * or this extension's own export (`format: "kuzzle-session-manager"`). Nothing in the file is
 * trusted: every entry is checked as a server address a person would type, and an entry that fails
 * is refused with its reason while the others go on. A file that is not one of the two shapes, or
 * too big, is refused whole. Never throws.
 */
import { CONSOLE_COLORS, type ConsoleColor } from '../inject/admin-console';
import { toBindableOrigin } from '../inject/origins';
import { SERVER_COLORS, type ServerColor } from '../model';
import { parseServerUrl, type ServerUrlProblem } from '../server-url';

export const EXPORT_FORMAT = 'kuzzle-session-manager';
export const EXPORT_VERSION = 1;
/** A list of servers is a few hundred bytes each: a file over this is not one. */
export const MAX_IMPORT_BYTES = 1024 * 1024;
export const MAX_IMPORT_ENTRIES = 500;
export const MAX_IMPORT_NAME_LENGTH = 100;
const MAX_ACCOUNTS_PER_SERVER = 200;

export interface ImportedAccount {
  displayName: string;
  kuid: string;
  strategy: string;
}

/** One server the file describes, checked and normalised as `addServer` would store it. */
export interface ImportCandidate {
  url: string;
  name: string;
  color: ServerColor;
  boundOrigins: string[];
  accounts: ImportedAccount[];
  /** The host as written, when it is an internationalised name stored as punycode: shown beside it so a lookalike shows. */
  displayHost?: string;
}

export type EntryProblem =
  | { code: 'entry-not-object' }
  | { code: 'entry-bad-name' }
  | { code: 'entry-bad-host' }
  | { code: 'entry-bad-port' }
  | { code: 'entry-bad-ssl' }
  | { code: 'entry-kuzzle-1' }
  | { code: 'entry-bad-url'; url: ServerUrlProblem; message: string }
  | { code: 'entry-duplicate' };

export interface RefusedEntry {
  /** The entry's id or name in the file, cut short and stripped of invisible characters, for display. */
  label: string;
  problem: EntryProblem;
}

export interface ParsedImport {
  format: 'admin-console' | 'session-manager';
  candidates: ImportCandidate[];
  refused: RefusedEntry[];
  /** Bound sites of the file dropped because they are not web origins. */
  droppedSites: number;
}

export type FileProblem =
  | { code: 'file-too-large'; params: { maxKb: number } }
  | { code: 'file-not-json' }
  | { code: 'file-wrong-shape' }
  | { code: 'file-empty' }
  | { code: 'file-too-many'; params: { count: number; max: number } }
  | { code: 'file-newer-version'; params: { version: string } };

export type ImportParse = { ok: true; value: ParsedImport } | { ok: false; problem: FileProblem; message: string };

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields => typeof value === 'object' && value !== null && !Array.isArray(value);
/** Control characters, invisible formatting (zero-width, bidi overrides), line and paragraph separators. */
const INVISIBLE = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

const CONSOLE_TO_SERVER_COLOR: Record<ConsoleColor, ServerColor> = {
  darkblue: 'blue',
  lightblue: 'teal',
  purple: 'purple',
  green: 'green',
  orange: 'orange',
  red: 'red',
  grey: 'grey',
  magenta: 'magenta',
};

/** The console's colour as the extension's (its eight colours map one to one); anything else is blue. */
export function serverColorFor(consoleColor: unknown): ServerColor {
  return CONSOLE_COLORS.includes(consoleColor as ConsoleColor) ? CONSOLE_TO_SERVER_COLOR[consoleColor as ConsoleColor] : 'blue';
}

/** What a refused entry is called in the list: short, one line, nothing invisible. */
export function displayLabel(text: unknown): string {
  const flat = typeof text === 'string' ? text.replace(/[\p{Cc}\p{Cf}\u2028\u2029]/gu, '�') : '';
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat || '(no name)';
}

function checkName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const name = value.trim();
  if (name === '' || name.length > MAX_IMPORT_NAME_LENGTH || INVISIBLE.test(name)) return null;
  return name;
}

class EntryRefusal extends Error {
  constructor(readonly problem: EntryProblem) {
    super(problem.code);
  }
}

function refuse(problem: EntryProblem): never {
  throw new EntryRefusal(problem);
}

function checkUrl(text: string): { url: string; displayHost?: string } {
  const parsed = parseServerUrl(text);
  if (!parsed.ok) refuse({ code: 'entry-bad-url', url: parsed.problem, message: parsed.message });
  return { url: parsed.url, ...(parsed.displayHost ? { displayHost: parsed.displayHost } : {}) };
}

/** One console connection: a bare host (no scheme, path or credentials), a port, TLS or not. */
function consoleEntry(id: string, value: unknown): ImportCandidate {
  if (!isObject(value)) refuse({ code: 'entry-not-object' });
  const name = checkName(value.name ?? id);
  if (name === null) refuse({ code: 'entry-bad-name' });
  if (value.backendMajorVersion === 1) refuse({ code: 'entry-kuzzle-1' });
  const host = value.host;
  // The console joins host and port itself: anything that is not a host name would change the address.
  if (typeof host !== 'string' || host === '' || host.length > 253 || /[/?#@\\\s]/.test(host) || /:/.test(host.replace(/^\[[^\]]*\]$/, ''))) {
    refuse({ code: 'entry-bad-host' });
  }
  // The console itself connects with 7512 and no TLS when an old entry lacks them.
  const port = value.port ?? 7512;
  if (typeof port !== 'number' || !Number.isInteger(port) || port < 1 || port > 65535) refuse({ code: 'entry-bad-port' });
  const ssl = value.ssl ?? false;
  if (typeof ssl !== 'boolean') refuse({ code: 'entry-bad-ssl' });
  const checked = checkUrl(`${ssl ? 'https' : 'http'}://${host}:${port}`);
  return { ...checked, name, color: serverColorFor(value.color), boundOrigins: [], accounts: [] };
}

function accountsOf(value: unknown): ImportedAccount[] {
  if (!Array.isArray(value)) return [];
  const accounts: ImportedAccount[] = [];
  for (const entry of value.slice(0, MAX_ACCOUNTS_PER_SERVER)) {
    if (!isObject(entry)) continue;
    const kuid = entry.kuid;
    const strategy = entry.strategy;
    if (typeof kuid !== 'string' || kuid === '' || kuid.length > 200 || INVISIBLE.test(kuid)) continue;
    if (typeof strategy !== 'string' || !/^[\w-]{1,100}$/.test(strategy)) continue;
    if (accounts.some((account) => account.kuid === kuid)) continue;
    accounts.push({ kuid, strategy, displayName: checkName(entry.name) ?? kuid });
  }
  return accounts;
}

/** One server of the extension's own export. Returns the candidate and how many of its sites were dropped. */
function exportEntry(value: unknown): { candidate: ImportCandidate; droppedSites: number } {
  if (!isObject(value)) refuse({ code: 'entry-not-object' });
  if (typeof value.url !== 'string') refuse({ code: 'entry-bad-host' });
  const checked = checkUrl(value.url);
  const name = value.name === undefined ? checked.url : checkName(value.name);
  if (name === null) refuse({ code: 'entry-bad-name' });
  const color = SERVER_COLORS.includes(value.color as ServerColor) ? (value.color as ServerColor) : 'blue';
  const boundOrigins: string[] = [];
  let droppedSites = 0;
  for (const site of Array.isArray(value.boundOrigins) ? value.boundOrigins.slice(0, MAX_IMPORT_ENTRIES) : []) {
    try {
      if (typeof site !== 'string' || INVISIBLE.test(site)) throw new Error('not an origin');
      const origin = toBindableOrigin(site);
      if (!boundOrigins.includes(origin)) boundOrigins.push(origin);
    } catch {
      droppedSites += 1;
    }
  }
  return { candidate: { ...checked, name, color, boundOrigins, accounts: accountsOf(value.accounts) }, droppedSites };
}

function fileRefusal(problem: FileProblem, message: string): ImportParse {
  return { ok: false, problem, message };
}

/** Reads a file's text as one of the two formats. */
export function parseImportText(text: string): ImportParse {
  if (text.length > MAX_IMPORT_BYTES) {
    return fileRefusal({ code: 'file-too-large', params: { maxKb: MAX_IMPORT_BYTES / 1024 } }, `This file is larger than ${MAX_IMPORT_BYTES / 1024} kB: it is not a list of connections. Choose the connections.json that the Admin Console exported, or a file this extension exported.`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return fileRefusal({ code: 'file-not-json' }, 'This file is not JSON. Choose the connections.json that the Admin Console exported, or a file this extension exported.');
  }
  const wrongShape = () =>
    fileRefusal({ code: 'file-wrong-shape' }, 'This JSON is not a list of connections: neither the Admin Console\'s connections.json nor this extension\'s export. Nothing was imported.');
  if (!isObject(data)) return wrongShape();

  let entries: Array<[string, unknown]>;
  let format: ParsedImport['format'];
  if (data.format === EXPORT_FORMAT) {
    if (typeof data.version !== 'number' || data.version > EXPORT_VERSION) {
      return fileRefusal(
        { code: 'file-newer-version', params: { version: String(data.version) } },
        `This export was written by a newer version of the extension (version ${String(data.version)}; this one reads version ${EXPORT_VERSION}). Update the extension, then import it again.`,
      );
    }
    if (!Array.isArray(data.servers)) return wrongShape();
    format = 'session-manager';
    entries = data.servers.map((server, index) => [isObject(server) && typeof server.name === 'string' ? server.name : `#${index + 1}`, server]);
  } else {
    // The console's file: every value an object with a host, as its connections are.
    const values = Object.values(data);
    if (values.length > 0 && !values.some((value) => isObject(value) && 'host' in value)) return wrongShape();
    format = 'admin-console';
    entries = Object.entries(data);
  }
  if (entries.length === 0) return fileRefusal({ code: 'file-empty' }, 'This file lists no connections: there is nothing to import.');
  if (entries.length > MAX_IMPORT_ENTRIES) {
    return fileRefusal(
      { code: 'file-too-many', params: { count: entries.length, max: MAX_IMPORT_ENTRIES } },
      `This file lists ${entries.length} connections; the extension imports at most ${MAX_IMPORT_ENTRIES} at a time. Split the file, then import each part.`,
    );
  }

  const parsed: ParsedImport = { format, candidates: [], refused: [], droppedSites: 0 };
  for (const [id, value] of entries) {
    try {
      const { candidate, droppedSites } = format === 'admin-console' ? { candidate: consoleEntry(id, value), droppedSites: 0 } : exportEntry(value);
      if (parsed.candidates.some((other) => other.url === candidate.url)) refuse({ code: 'entry-duplicate' });
      parsed.candidates.push(candidate);
      parsed.droppedSites += droppedSites;
    } catch (error) {
      if (!(error instanceof EntryRefusal)) throw error;
      parsed.refused.push({ label: displayLabel(isObject(value) && typeof value.name === 'string' ? value.name : id), problem: error.problem });
    }
  }
  return { ok: true, value: parsed };
}

/** The connections a console page keeps (its `environments`), read as the console's file is: tokens are never part of a candidate. */
export function parseConsoleEnvironments(environments: unknown, leaveOut: readonly string[] = []): ImportCandidate[] {
  if (!isObject(environments)) return [];
  const candidates: ImportCandidate[] = [];
  for (const [id, value] of Object.entries(environments).slice(0, MAX_IMPORT_ENTRIES)) {
    if (leaveOut.includes(id)) continue;
    try {
      const candidate = consoleEntry(id, value);
      if (!candidates.some((other) => other.url === candidate.url)) candidates.push(candidate);
    } catch (error) {
      if (!(error instanceof EntryRefusal)) throw error;
    }
  }
  return candidates;
}
