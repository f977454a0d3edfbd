/**
 * Events to the extension's pages over `runtime.sendMessage`, sent and not waited for: a reply to
 * the page that asked (a login, a switch) must not wait for every other page to take the event in.
 * A popup that is closed simply misses them: Chrome then rejects with "Receiving end does not
 * exist", which is not a failure.
 */
import type { AnyEvent } from '../messages';

const NO_RECEIVER = /receiving end does not exist|could not establish connection/i;

export function isNoReceiverError(error: unknown): boolean {
  return NO_RECEIVER.test(error instanceof Error ? error.message : String(error));
}

export function createBroadcast(send: (event: AnyEvent) => Promise<unknown>, warn: (message: string, error: unknown) => void) {
  const failed = (event: AnyEvent) => (error: unknown) => {
    if (!isNoReceiverError(error)) warn(`Could not send the ${event.event} event`, error);
  };
  return (event: AnyEvent): void => {
    try {
      send(event).catch(failed(event));
    } catch (error) {
      failed(event)(error);
    }
  };
}
