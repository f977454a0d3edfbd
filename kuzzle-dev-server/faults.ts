// The fault switch: ways a Kuzzle (or what stands in front of it) misbehaves, for hardening the
// client. Modes that change Kuzzle's own answers are applied by the core; the others by the server.
import type { DevKuzzle } from './kuzzle';

export const FAULT_MODES = [
  'none',
  'down',
  'slow',
  'html502',
  'bare-error',
  'invalidate-tokens',
  'forbid-refresh',
  'too-many-requests',
  'overloaded',
  'malformed-json',
  'huge-body',
  'redirect-away',
] as const;

export type FaultMode = (typeof FAULT_MODES)[number];

export interface FaultState {
  mode: FaultMode;
  delayMs: number;
}

const DEFAULT_SLOW_DELAY_MS = 2000;

export class FaultSwitch {
  #state: FaultState = { mode: 'none', delayMs: 0 };
  readonly #core: DevKuzzle;
  readonly #dropSockets: () => void;

  constructor(core: DevKuzzle, dropSockets: () => void) {
    this.#core = core;
    this.#dropSockets = dropSockets;
  }

  get current(): FaultState {
    return { ...this.#state };
  }

  set(mode: FaultMode, delayMs?: number): void {
    if (!(FAULT_MODES as readonly string[]).includes(mode)) {
      throw new Error(`Unknown fault mode "${mode}". Use one of: ${FAULT_MODES.join(', ')}.`);
    }
    this.#state = { mode, delayMs: delayMs ?? (mode === 'slow' ? DEFAULT_SLOW_DELAY_MS : 0) };
    const faults = this.#core.faults;
    faults.forbidRefresh = mode === 'forbid-refresh';
    faults.tooManyRequests = mode === 'too-many-requests';
    faults.overloaded = mode === 'overloaded';
    if (mode === 'down') this.#dropSockets();
    if (mode === 'invalidate-tokens') {
      // A one-shot event (as when a server's secret changes): every session dies, and the switch
      // goes back to normal so that new logins work.
      this.#core.notifyExpired(this.#core.tokens.revokeEverything());
      this.#state = { mode: 'none', delayMs: 0 };
    }
  }
}
