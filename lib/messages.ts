/**
 * The one message protocol between the extension's pages (popup, options), content scripts
 * and the worker. Every request is `{ type, ...payload }`; every reply is a `Reply<T>`, so that
 * an error crosses the boundary as data with a kind and a message a person can read.
 *
 * Who may send what is decided in one place (`lib/senders.ts`): the `PAGE_REQUESTS` below are
 * the only ones a content script may send; everything else is for extension pages only.
 */
import type { ExpiresIn } from './kuzzle/types';
import type { PageSession, ServerColor, ServerView, StateSnapshot, StaySignedInLifetime } from './model';
import type { ImportCandidate } from './transfer/parse';
import type { ImportOutcome } from './transfer/plan';

export interface ServerProbe {
  url: string;
  /** Strategies the server lists; `null` when the server hides the list (403/401 under restricted roles). */
  strategies: string[] | null;
  version?: string;
  /** True when the URL is plain http: to a host that is not loopback. */
  insecure: boolean;
}

/** Whether a login asked to stay signed in got its API key: until when, or why not (the login stands either way). */
export type StaySignedInOutcome = { kept: true; until: number } | { kept: false; message: string };

export type LoginReply =
  | { outcome: 'active'; accountId: string; staySignedIn?: StaySignedInOutcome }
  /** Two-step strategy: the login goes on in a tab (or by pasting a token). */
  | { outcome: 'pending'; location?: string };

export interface LogoutReply {
  /** False when the server could not be reached: the token was forgotten locally only. */
  serverNotified: boolean;
  message?: string;
  /** Set when the account had a "Stay signed in" key: whether the server deleted it. */
  apiKeyDeleted?: boolean;
}

export interface ForgetReply {
  /** Set when a "Stay signed in" key was dropped here: it stays valid on the server, and how to delete it. */
  keyStillValid?: string;
}

/** One of the account's "Stay signed in" keys on its server (never its token). */
export interface ApiKeyView {
  _id: string;
  description: string;
  /** Epoch ms, or -1. */
  expiresAt: number;
  /** The key this extension holds for the account; the others were left by a Forget or another browser. */
  held: boolean;
}

/** A request or event with no payload beyond its name. */
export type NoPayload = Record<never, never>;

/** Requests and their replies. */
export interface Requests {
  // -- extension pages only --
  getState: { request: NoPayload; reply: StateSnapshot };
  probeServer: { request: { url: string }; reply: ServerProbe };
  addServer: { request: { url: string; name?: string; color?: ServerColor }; reply: ServerView };
  updateServer: { request: { serverId: string; name?: string; color?: ServerColor }; reply: ServerView };
  /** Logs the server's sessions out on it first; says when it could not (those tokens stay valid there until they expire). */
  removeServer: { request: { serverId: string }; reply: LogoutReply };
  getStrategies: { request: { serverId: string }; reply: { strategies: string[]; hidden: boolean } };
  login: {
    request: {
      serverId: string;
      strategy: string;
      credentials: Record<string, unknown>;
      expiresIn?: ExpiresIn;
      /** For display only (the username for `local`); never stored with the credentials. */
      displayName?: string;
      /** Keep an API key so that the account stays signed in, for this long. */
      staySignedIn?: StaySignedInLifetime;
    };
    reply: LoginReply;
  };
  /** Opens `/_login/<strategy>` in a tab and finishes when the tab reaches Kuzzle's JSON with a `jwt`. */
  startTwoStepInTab: { request: { serverId: string; strategy: string; expiresIn?: ExpiresIn }; reply: { tabId: number } };
  /** Finishes a two-step login with a token, or with a whole Kuzzle response (`{result: {jwt, …}}`). */
  setJwtToken: { request: { serverId: string; token: string | Record<string, unknown> }; reply: { accountId: string } };
  cancelPending: { request: { serverId: string }; reply: null };
  refreshNow: { request: { accountId: string }; reply: null };
  logout: { request: { accountId: string; global?: boolean }; reply: LogoutReply };
  /** Drops the token locally, with no call to the server. */
  forget: { request: { accountId: string }; reply: ForgetReply };
  /** Logs the account out on its server first; says when it could not. */
  removeAccount: { request: { accountId: string }; reply: LogoutReply };
  switchAccount: { request: { accountId: string }; reply: null };
  bindOrigin: { request: { serverId: string; origin: string }; reply: ServerView };
  unbindOrigin: { request: { serverId: string; origin: string }; reply: ServerView };
  /** The "Stay signed in" keys this extension made for the account, as its server lists them. */
  listApiKeys: { request: { accountId: string }; reply: { keys: ApiKeyView[] } };
  revokeApiKey: { request: { accountId: string; keyId: string }; reply: null };
  /** A connections file's text (the console's connections.json or the extension's export): parsed again by the worker, saved in one step. */
  importFile: { request: { text: string }; reply: ImportOutcome };
  /** The connections of the console open in the active tab of a bound `origin` that the extension does not know; tokens stay in the page. */
  consoleOffer: { request: { origin: string }; reply: { candidates: ImportCandidate[] } };
  importFromConsole: { request: { origin: string }; reply: ImportOutcome };
  /** kourou's environment variables for a signed-in account, with a token made for it by auth:createToken. */
  terminalEnv: { request: { accountId: string }; reply: { text: string; expiresAt: number } };

  // -- content scripts of bound origins (top frame only) --
  /** The session for the sender's own origin; the origin is taken from the sender, never from the payload. */
  getPageSession: { request: NoPayload; reply: PageSession | null };
  /**
   * What the planted entry of the sender's page holds once the page started (`jwt` absent: no
   * token). Also allowed to origins no longer bound whose pages may still hold a token: it is how
   * they stop being marked (lib/inject/stale-pages.ts).
   */
  reportPlantedToken: { request: { jwt?: string }; reply: null };
}

export type RequestType = keyof Requests;
export type RequestOf<T extends RequestType> = { type: T } & Requests[T]['request'];
export type ReplyOf<T extends RequestType> = Requests[T]['reply'];
export type AnyRequest = { [T in RequestType]: RequestOf<T> }[RequestType];

/** The only requests a content script may make. */
export const PAGE_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>(['getPageSession', 'reportPlantedToken']);

/** The only request of a content script on an origin that is no longer bound but may still hold a token. */
export const STALE_PAGE_REQUESTS: ReadonlySet<RequestType> = new Set<RequestType>(['reportPlantedToken']);

export const REQUEST_TYPES: ReadonlySet<RequestType> = new Set<RequestType>([
  'getState',
  'probeServer',
  'addServer',
  'updateServer',
  'removeServer',
  'getStrategies',
  'login',
  'startTwoStepInTab',
  'setJwtToken',
  'cancelPending',
  'refreshNow',
  'logout',
  'forget',
  'removeAccount',
  'switchAccount',
  'bindOrigin',
  'unbindOrigin',
  'listApiKeys',
  'revokeApiKey',
  'importFile',
  'consoleOffer',
  'importFromConsole',
  'terminalEnv',
  'getPageSession',
  'reportPlantedToken',
]);

/** Error kinds that cross the message boundary. */
export type ErrorKind =
  | 'kuzzle' // Kuzzle answered with an error: see kuzzleId/status
  | 'unreachable' // network failure, offline, DNS, refused
  | 'timeout'
  | 'not-kuzzle' // the URL answered, but not as Kuzzle does (an HTML page, a proxy error)
  | 'invalid-input' // the user's input was refused before any request
  | 'not-found' // unknown server or account id
  | 'forbidden' // the sender may not make this request
  | 'storage' // IndexedDB failed (quota, blocked)
  | 'internal';

export interface ErrorInfo {
  kind: ErrorKind;
  /** A sentence a person understands, with what to try. */
  message: string;
  /** Kuzzle's error id (`security.token.invalid`), code and HTTP status, when Kuzzle answered. */
  kuzzleId?: string;
  code?: number;
  status?: number;
  /** Kuzzle's own message, verbatim (`message` above is the advice shown to a person). */
  kuzzleMessage?: string;
}

export type Reply<T> = { ok: true; value: T } | { ok: false; error: ErrorInfo };

// ---- Events: the worker tells; nobody replies ----

export interface Events {
  /** The seeds' `loginAttempt`: `{success: true}` when a token arrives, `{success: false, error}` when an attempt fails. */
  loginAttempt: { serverId: string; success: boolean; error?: string };
  /** Something in the state snapshot changed: refetch with `getState`. */
  stateChanged: NoPayload;
  /** To a bound page's content script: its session changed (refresh, switch, logout, expiry). */
  pageSessionChanged: { session: PageSession | null; reason: 'login' | 'refresh' | 'switch' | 'logout' | 'forget' | 'expired' };
}

export type EventType = keyof Events;
export type EventOf<T extends EventType> = { event: T } & Events[T];
export type AnyEvent = { [T in EventType]: EventOf<T> }[EventType];

export function isRequest(value: unknown): value is AnyRequest {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    REQUEST_TYPES.has((value as { type: RequestType }).type)
  );
}

export function isEvent(value: unknown): value is AnyEvent {
  return typeof value === 'object' && value !== null && typeof (value as { event?: unknown }).event === 'string';
}
