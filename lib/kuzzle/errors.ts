/**
 * Typed errors of the Kuzzle client. Each has a `kind` that maps one to one to the message
 * protocol's `ErrorKind`, so that the worker can pass any of them to a page as data.
 */

export abstract class KuzzleClientError extends Error {
  abstract readonly kind: 'kuzzle' | 'unreachable' | 'timeout' | 'not-kuzzle' | 'invalid-input';
}

/** Kuzzle answered with an error object (in the envelope, or bare before routing). */
export class KuzzleError extends KuzzleClientError {
  readonly kind = 'kuzzle' as const;
  constructor(
    message: string,
    /** Kuzzle's error id, e.g. `security.token.invalid`. */
    readonly id: string,
    readonly code: number,
    readonly status: number,
    readonly props: unknown[] = [],
  ) {
    super(message);
    this.name = 'KuzzleError';
  }
}

/** No answer at all: offline, DNS failure, connection refused, CORS or permission refusal. */
export class ServerUnreachableError extends KuzzleClientError {
  readonly kind = 'unreachable' as const;
  constructor(readonly url: string, options?: { cause?: unknown }) {
    super(`The server at ${url} cannot be reached. Check the URL, that the server is running, and your network.`, options);
    this.name = 'ServerUnreachableError';
  }
}

export class TimeoutError extends KuzzleClientError {
  readonly kind = 'timeout' as const;
  constructor(readonly url: string, readonly timeoutMs: number) {
    super(`The server at ${url} did not answer within ${Math.round(timeoutMs / 1000)} s. It may be overloaded; try again.`);
    this.name = 'TimeoutError';
  }
}

/** Something answered, but not as Kuzzle does (an HTML page from a proxy, another API). */
export class NotKuzzleServerError extends KuzzleClientError {
  readonly kind = 'not-kuzzle' as const;
  constructor(readonly url: string, readonly httpStatus: number, detail: string) {
    super(`The server at ${url} answered, but not as a Kuzzle server does (${detail}). Check the URL and port (Kuzzle listens on 7512 by default).`);
    this.name = 'NotKuzzleServerError';
  }
}

/**
 * The server answered with a redirect, which the extension never follows (only a two-step login's
 * redirect is read, as where the person goes next). Kind `not-kuzzle`: Kuzzle itself never redirects.
 */
export class RedirectRefusedError extends KuzzleClientError {
  readonly kind = 'not-kuzzle' as const;
  constructor(readonly url: string, readonly action: string, readonly location?: string) {
    super(
      `The server at ${url} answered ${action} with a redirect${location ? ` to ${location}` : ''}, which the extension does not follow: ` +
        'an answer from another address is not taken as this server\'s. If the server moved, add it again with its new address.',
    );
    this.name = 'RedirectRefusedError';
  }
}

/** The caller's input was refused before any request was sent (a bad `expiresIn`, a bad strategy name). */
export class InvalidInputError extends KuzzleClientError {
  readonly kind = 'invalid-input' as const;
  constructor(message: string, readonly field?: string) {
    super(message);
    this.name = 'InvalidInputError';
  }
}
