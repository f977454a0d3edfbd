import type { ErrorKind } from '../messages';

/** A refusal of the session manager, with the kind that crosses the message boundary (see `toErrorInfo`). */
export class SessionError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
  ) {
    super(message);
    this.name = 'SessionError';
  }
}
