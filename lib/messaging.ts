/**
 * The page side of the message protocol: a typed `request()` that unwraps the worker's `Reply`
 * and throws a `RequestError` carrying the `ErrorInfo`. The transport is passed in
 * (`browser.runtime.sendMessage` in the extension, a fake in tests).
 */
import type { ErrorInfo, ReplyOf, Reply, RequestOf, RequestType } from './messages';

export class RequestError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'RequestError';
  }
}

export type Send = (message: unknown) => Promise<unknown>;

export type Requester = <T extends RequestType>(type: T, payload: Omit<RequestOf<T>, 'type'>) => Promise<ReplyOf<T>>;

export function createRequester(send: Send): Requester {
  return async (type, payload) => {
    let reply: unknown;
    try {
      reply = await send({ ...payload, type });
    } catch (error) {
      throw new RequestError({
        kind: 'internal',
        message: `The extension's background did not answer (${(error as Error)?.message ?? String(error)}). Try again; if it persists, reload the extension.`,
      });
    }
    if (!isReply(reply)) {
      throw new RequestError({ kind: 'internal', message: 'The extension\'s background sent an unexpected answer. Reload the extension and try again.' });
    }
    if (!reply.ok) throw new RequestError(reply.error);
    return reply.value as ReplyOf<typeof type>;
  };
}

function isReply(value: unknown): value is Reply<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { ok?: unknown }).ok === 'boolean';
}
