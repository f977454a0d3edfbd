/**
 * What the pages' forms hand to the pages' state hook: the input of a request before the hook adds
 * what the page knows (which server), shaped by the protocol (`./messages`) so that a form cannot
 * ask for what the worker does not take.
 */
import type { RequestOf } from './messages';
import type { ServerColor } from './model';
import type { ServerUrlParse } from './server-url';

/** A server address that the URL parser accepted. */
export type ParsedServerUrl = Extract<ServerUrlParse, { ok: true }>;

/** A server to add: its checked address (its origin is asked for permission first), name and colour. */
export interface NewServer {
  parsed: ParsedServerUrl;
  name?: string;
  color: ServerColor;
}

/** A one-step login on the server the page is showing. */
export type LoginIntent = Omit<RequestOf<'login'>, 'type' | 'serverId'>;
