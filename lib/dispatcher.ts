/**
 * The worker's side of the message protocol: checks a message's shape, then its sender (in
 * `lib/senders.ts`), then calls the handler, and turns anything thrown into an `ErrorInfo`.
 * Every answer is a `Reply`; nothing thrown crosses the boundary.
 */
import { toErrorInfo, type ErrorInfoContext } from './error-info';
import { isRequest, type ErrorInfo, type Reply, type ReplyOf, type RequestOf, type RequestType } from './messages';
import { STAY_SIGNED_IN_LIFETIMES } from './model';
import { mayRequest, type ClassifySender, type SenderClass, type SenderLike } from './senders';

export type AllowedSender = Exclude<SenderClass, { kind: 'refused' }>;

export type Handlers = {
  [T in RequestType]: (request: RequestOf<T>, sender: AllowedSender) => Promise<ReplyOf<T>>;
};

type FieldRule = 'string' | 'string?' | 'boolean?' | 'object' | 'expiresIn?' | 'token' | 'lifetime?';

const FIELD_CHECKS: Record<FieldRule, { test: (value: unknown) => boolean; expected: string }> = {
  string: { test: (value) => typeof value === 'string', expected: 'a string' },
  'string?': { test: (value) => value === undefined || typeof value === 'string', expected: 'a string or nothing' },
  'boolean?': { test: (value) => value === undefined || typeof value === 'boolean', expected: 'true, false or nothing' },
  object: { test: (value) => typeof value === 'object' && value !== null && !Array.isArray(value), expected: 'an object' },
  'expiresIn?': { test: (value) => value === undefined || typeof value === 'string' || typeof value === 'number', expected: 'a duration, a number or nothing' },
  token: { test: (value) => typeof value === 'string' || (typeof value === 'object' && value !== null && !Array.isArray(value)), expected: 'a token or a Kuzzle answer' },
  'lifetime?': { test: (value) => value === undefined || STAY_SIGNED_IN_LIFETIMES.includes(value as never), expected: `one of ${STAY_SIGNED_IN_LIFETIMES.join(', ')} or nothing` },
};

const BY_SERVER = { serverId: 'string' } as const;
const BY_ACCOUNT = { accountId: 'string' } as const;

/** The payload of each request: field name → rule. Fields not named are ignored. */
const PAYLOADS: { [T in RequestType]: Record<string, FieldRule> } = {
  getState: {},
  probeServer: { url: 'string' },
  addServer: { url: 'string', name: 'string?', color: 'string?' },
  updateServer: { ...BY_SERVER, name: 'string?', color: 'string?' },
  removeServer: BY_SERVER,
  getStrategies: BY_SERVER,
  login: { ...BY_SERVER, strategy: 'string', credentials: 'object', expiresIn: 'expiresIn?', displayName: 'string?', staySignedIn: 'lifetime?' },
  startTwoStepInTab: { ...BY_SERVER, strategy: 'string', expiresIn: 'expiresIn?' },
  setJwtToken: { ...BY_SERVER, token: 'token' },
  cancelPending: BY_SERVER,
  refreshNow: BY_ACCOUNT,
  logout: { ...BY_ACCOUNT, global: 'boolean?' },
  forget: BY_ACCOUNT,
  removeAccount: BY_ACCOUNT,
  switchAccount: BY_ACCOUNT,
  bindOrigin: { ...BY_SERVER, origin: 'string' },
  unbindOrigin: { ...BY_SERVER, origin: 'string' },
  listApiKeys: BY_ACCOUNT,
  revokeApiKey: { ...BY_ACCOUNT, keyId: 'string' },
  importFile: { text: 'string' },
  consoleOffer: { origin: 'string' },
  importFromConsole: { origin: 'string' },
  terminalEnv: BY_ACCOUNT,
  getPageSession: {},
  reportPlantedToken: { jwt: 'string?' },
};

/** Names the field and what it should be; never echoes a value (it may be a password). */
function payloadProblem(message: RequestOf<RequestType>): string | null {
  for (const [field, rule] of Object.entries(PAYLOADS[message.type])) {
    const check = FIELD_CHECKS[rule];
    if (!check.test((message as unknown as Record<string, unknown>)[field])) {
      return `The "${message.type}" request needs "${field}" to be ${check.expected}. Reload the extension's page and try again.`;
    }
  }
  return null;
}

const failure = (error: ErrorInfo): Reply<never> => ({ ok: false, error });

export function createDispatcher(handlers: Handlers, classifySender: ClassifySender, errorContext: ErrorInfoContext = {}) {
  return async (message: unknown, sender: SenderLike): Promise<Reply<unknown>> => {
    if (!isRequest(message)) {
      return failure({ kind: 'invalid-input', message: 'The extension\'s background does not know this request. Reload the extension\'s page and try again.' });
    }
    let who: SenderClass;
    try {
      who = await classifySender(sender);
    } catch (error) {
      return failure(toErrorInfo(error, errorContext));
    }
    if (who.kind === 'refused' || !mayRequest(who, message.type)) {
      return failure({ kind: 'forbidden', message: `This page may not make the "${message.type}" request.` });
    }
    const problem = payloadProblem(message);
    if (problem) return failure({ kind: 'invalid-input', message: problem });
    try {
      const handler = handlers[message.type] as (request: typeof message, sender: AllowedSender) => Promise<unknown>;
      return { ok: true, value: await handler(message, who) };
    } catch (error) {
      return failure(toErrorInfo(error, errorContext));
    }
  };
}

export type Dispatch = ReturnType<typeof createDispatcher>;
