/**
 * `expiresIn`: what the user types for a token's lifetime, checked before it reaches Kuzzle,
 * and durations read back in words.
 *
 * Kuzzle parses `expiresIn` with `ms` (reference §3): over HTTP the value always arrives as a
 * string, `ms` reads a bare number as milliseconds, "-1" means "never expires", and anything
 * `ms` cannot read becomes 0, which the server refuses. This parser accepts a subset of what
 * Kuzzle accepts, refusing what Kuzzle would take but turn into a useless token.
 */
import ms from 'ms';

export const NEVER_EXPIRES = -1;

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** `ms` counts a year as 365.25 days; the cap follows it so that "100y" is still accepted. */
const YEAR = 365.25 * DAY;
export const MAX_EXPIRES_IN_MS = 100 * YEAR;

/** `ms` gives up on longer strings (it returns undefined), and so does Kuzzle. */
const MS_MAX_INPUT_LENGTH = 100;

const ACCEPTED =
  'Enter a duration such as "30m", "10h", "6d" or "90 minutes", a number of milliseconds such as 86400000, ' +
  '-1 for a token that never expires, or leave it empty for the server\'s default';

export type ExpiresInParse =
  | {
      ok: true;
      /** What to send to Kuzzle as `expiresIn`; undefined lets the server apply its default. */
      value: string | number | undefined;
      /** The lifetime in milliseconds (-1: never expires); undefined for the server's default. */
      ms: number | undefined;
    }
  | { ok: false; message: string; problem: ExpiresInProblem };

/**
 * Why a value was refused, for the pages to say in the person's language; `message` stays the
 * English text for the worker, its errors and its tests. Every refusal's message ends with the same
 * sentence on what is accepted, which is not part of the problem. `params` are what the reason quotes.
 */
export type ExpiresInProblem =
  | { code: 'expires-in-wrong-type' }
  | { code: 'expires-in-not-a-number' }
  | { code: 'expires-in-not-finite' }
  | { code: 'expires-in-zero' }
  | { code: 'expires-in-negative' }
  | { code: 'expires-in-under-a-second'; params: { milliseconds: string } }
  | { code: 'expires-in-fraction'; params: { milliseconds: string } }
  | { code: 'expires-in-over-100-years' }
  | { code: 'expires-in-too-long' }
  | { code: 'expires-in-not-a-duration'; params: { text: string } }
  | { code: 'expires-in-negative-text'; params: { text: string } };

export type ExpiresInProblemCode = ExpiresInProblem['code'];

function refuse(problem: ExpiresInProblem, reason: string): ExpiresInParse {
  return { ok: false, message: `${reason}. ${ACCEPTED}.`, problem };
}

/** Checks a millisecond count that is already a number, from either input form. */
function checkMilliseconds(milliseconds: number, value: string | number): ExpiresInParse {
  if (milliseconds === NEVER_EXPIRES) {
    return { ok: true, value, ms: NEVER_EXPIRES };
  }
  if (!Number.isFinite(milliseconds)) return refuse({ code: 'expires-in-not-finite' }, 'That duration is not a finite number');
  if (milliseconds === 0) return refuse({ code: 'expires-in-zero' }, 'A token cannot last 0 ms');
  if (milliseconds < 0) return refuse({ code: 'expires-in-negative' }, 'A duration cannot be negative (only -1, "never expires", is allowed)');
  // Formatted here, not by the pages, so that every language quotes the same figure as the English text.
  const figure = formatNumber(milliseconds);
  if (milliseconds < SECOND) {
    // Kuzzle writes the JWT `exp` in whole seconds (iat + floor(ttl / 1000)), so the token would be born expired.
    return refuse(
      { code: 'expires-in-under-a-second', params: { milliseconds: figure } },
      `${figure} ms is under one second: Kuzzle counts token lifetimes in whole seconds, so such a token would already be expired`,
    );
  }
  if (!Number.isInteger(milliseconds)) {
    // The server stores the token with a TTL in whole milliseconds and fails on a fraction.
    return refuse(
      { code: 'expires-in-fraction', params: { milliseconds: figure } },
      `That duration comes to ${figure} ms, which is not a whole number of milliseconds`,
    );
  }
  if (milliseconds > MAX_EXPIRES_IN_MS) {
    return refuse({ code: 'expires-in-over-100-years' }, 'That is more than 100 years; use -1 if the token should never expire');
  }
  return { ok: true, value, ms: milliseconds };
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : value.toPrecision(6).replace(/\.?0+$/, '');
}

/** Never throws, whatever it is given. */
export function parseExpiresIn(input: string | number | undefined | null): ExpiresInParse {
  if (input === undefined || input === null) return { ok: true, value: undefined, ms: undefined };

  if (typeof input === 'number') {
    if (Number.isNaN(input)) return refuse({ code: 'expires-in-not-a-number' }, 'That is not a number');
    return checkMilliseconds(input, input);
  }

  if (typeof input !== 'string') return refuse({ code: 'expires-in-wrong-type' }, 'That is neither text nor a number');

  // People paste values with stray spaces; Kuzzle's `ms` would refuse " 5m", so trim before both.
  const text = input.trim();
  if (text === '') return { ok: true, value: undefined, ms: undefined };
  if (text.length > MS_MAX_INPUT_LENGTH) return refuse({ code: 'expires-in-too-long' }, 'That text is too long to be a duration');
  if (text === '-1') return { ok: true, value: text, ms: NEVER_EXPIRES };

  const parsed = ms(text as ms.StringValue) as number | undefined;
  if (parsed === undefined || Number.isNaN(parsed)) return refuse({ code: 'expires-in-not-a-duration', params: { text } }, `"${text}" is not a duration`);
  if (parsed === NEVER_EXPIRES) {
    // "-1ms" or "-0.001s": Kuzzle would read -1 too, but nobody means "never" by that.
    return refuse({ code: 'expires-in-negative-text', params: { text } }, `"${text}" is negative (only -1, "never expires", is allowed)`);
  }
  return checkMilliseconds(parsed, text);
}

/** Whether a lifetime in ms means "never expires". */
export function isNeverExpires(milliseconds: number): boolean {
  return milliseconds === NEVER_EXPIRES;
}

const LONG_UNITS: ReadonlyArray<readonly [number, string]> = [
  [DAY, 'day'],
  [HOUR, 'hour'],
  [MINUTE, 'minute'],
  [SECOND, 'second'],
];

const SHORT_UNITS: ReadonlyArray<readonly [number, string, string]> = [
  [DAY, 'day', 'days'],
  [HOUR, 'h', 'h'],
  [MINUTE, 'min', 'min'],
  [SECOND, 's', 's'],
];

/** The two largest units of a duration, largest first, as [count, unitIndex] pairs with counts > 0. */
function leadingUnits(milliseconds: number, units: ReadonlyArray<readonly [number, ...string[]]>): Array<[number, number]> {
  const parts: Array<[number, number]> = [];
  let rest = Math.floor(milliseconds);
  for (let index = 0; index < units.length && parts.length < 2; index++) {
    const size = units[index]![0];
    const count = Math.floor(rest / size);
    rest -= count * size;
    // Once the first unit is found, only the next one down may follow ("1 day 2 hours", never "1 day 5 seconds").
    if (count > 0) parts.push([count, index]);
    else if (parts.length > 0) break;
  }
  return parts;
}

/**
 * A lifetime in words: "10 hours", "1 day 2 hours", "45 seconds", "never expires" for -1.
 * Precise to its two largest units; never throws.
 */
export function humanizeDuration(milliseconds: number): string {
  if (milliseconds === NEVER_EXPIRES) return 'never expires';
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) return 'unknown duration';
  if (milliseconds < SECOND) return `${Math.round(milliseconds)} ms`;
  return leadingUnits(milliseconds, LONG_UNITS)
    .map(([count, index]) => `${count} ${LONG_UNITS[index]![1]}${count === 1 ? '' : 's'}`)
    .join(' ');
}

function shortDuration(milliseconds: number): string {
  if (milliseconds < SECOND) return 'less than 1 s';
  return leadingUnits(milliseconds, SHORT_UNITS)
    .map(([count, index]) => {
      const [, singular, plural] = SHORT_UNITS[index]!;
      return `${count} ${count === 1 ? singular : plural}`;
    })
    .join(' ');
}

/**
 * How long a token has left, for a session card: "expires in 9 min", "expired 2 min ago",
 * "never expires". `expiresAt` and `now` are epoch ms; never throws.
 */
export function humanizeTimeLeft(expiresAt: number, now: number): string {
  if (expiresAt === NEVER_EXPIRES) return 'never expires';
  if (!Number.isFinite(expiresAt) || !Number.isFinite(now)) return 'expiry unknown';
  const left = expiresAt - now;
  if (left > 0) return `expires in ${shortDuration(left)}`;
  if (-left < SECOND) return 'expired just now';
  return `expired ${shortDuration(-left)} ago`;
}
