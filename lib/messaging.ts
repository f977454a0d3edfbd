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

export interface TransportRetry {
  /** Further tries after a send that failed (the worker not reachable yet); replies, errors included, are never retried. */
  retries: number;
  delayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

export function createRequester(send: Send, retry?: TransportRetry): Requester {
  const sleep = retry?.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  return async (type, payload) => {
    let reply: unknown;
    for (let attempt = 0; ; attempt += 1) {
      try {
        reply = await send({ ...payload, type });
        break;
      } catch (error) {
        if (retry && attempt < retry.retries) {
          await sleep(retry.delayMs * (attempt + 1));
          continue;
        }
        throw new RequestError({
          kind: 'internal',
          message: `The extension's background did not answer (${(error as Error)?.message ?? String(error)}). Try again; if it persists, reload the extension.`,
        });
      }
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
