/**
 * `expiresIn`: what the user types for a token's lifetime, checked before it reaches Kuzzle,
 * and durations read back in words.
 *
 * Kuzzle parses `expiresIn` with `ms` (docs/kuzzle.md §3): over HTTP the value always arrives as a
 * string, `ms` reads a bare number as milliseconds, "-1" means "never expires", and anything
 * `ms` cannot read becomes 0, which the server refuses. This parser accepts a subset of what
 * Kuzzle accepts, refusing what Kuzzle would take but turn into a useless token.
 */
import ms from 'ms';
import { fillPlaceholders } from './i18n';

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

/** The units a duration is told in, largest first. */
export const DURATION_UNITS = ['day', 'hour', 'minute', 'second'] as const;
export type DurationUnit = (typeof DURATION_UNITS)[number];

const UNIT_SIZES: Record<DurationUnit, number> = { day: DAY, hour: HOUR, minute: MINUTE, second: SECOND };

/** A whole, positive count of one unit. */
export interface DurationPart {
  count: number;
  unit: DurationUnit;
}

/** One or two parts, the second always the unit just below the first ("1 day 2 hours", never "1 day 5 seconds"). */
export type LeadingUnits = [DurationPart] | [DurationPart, DurationPart];

/** What `humanizeDuration` says, before any words are chosen. */
export type DurationShape =
  | { kind: 'never' }
  | { kind: 'unknown' }
  | { kind: 'milliseconds'; count: number }
  | { kind: 'units'; parts: LeadingUnits };

/** How long a session card's token has, before any words are chosen; `in` and `ago` carry the distance. */
export type TimeLeftShape =
  | { kind: 'never' }
  | { kind: 'unknown' }
  | { kind: 'just-now' }
  | { kind: 'in'; left: ShortDurationShape }
  | { kind: 'ago'; left: LeadingUnits };

export type ShortDurationShape = { kind: 'under-a-second' } | { kind: 'units'; parts: LeadingUnits };

/** A unit's phrase with `{count}`, for a count that takes the singular and for one that takes the plural. */
export interface UnitForms {
  one: string;
  other: string;
}

/**
 * Every word the durations are said with, so that `lib/` needs neither the browser nor the catalogs:
 * the pages build these from the person's language, everything else gets English.
 */
export interface DurationWords {
  /** Which form a whole count ≥ 1 takes; languages differ (French says "0 heure", English "0 hours"). */
  plural: (count: number) => keyof UnitForms;
  /** "10 hours", in a sentence about a lifetime. */
  long: Record<DurationUnit, UnitForms>;
  /** "10 h", on a session card where space is short. */
  short: Record<DurationUnit, UnitForms>;
  /** Two parts side by side: `{first}`, `{second}`. */
  pair: string;
  /** `{count}` milliseconds, for a lifetime under a second. */
  milliseconds: string;
  durationNever: string;
  durationUnknown: string;
  /** `{duration}` is short. */
  timeLeftIn: string;
  timeLeftAgo: string;
  timeLeftNever: string;
  timeLeftJustNow: string;
  timeLeftUnknown: string;
  /** Stands for `{duration}` in `timeLeftIn` when less than a second is left. */
  timeLeftUnderASecond: string;
}

/** The words the extension spoke before it was translated, and still speaks wherever no language is given. */
export const ENGLISH_DURATION_WORDS: DurationWords = {
  plural: (count) => (count === 1 ? 'one' : 'other'),
  long: {
    day: { one: '{count} day', other: '{count} days' },
    hour: { one: '{count} hour', other: '{count} hours' },
    minute: { one: '{count} minute', other: '{count} minutes' },
    second: { one: '{count} second', other: '{count} seconds' },
  },
  short: {
    day: { one: '{count} day', other: '{count} days' },
    hour: { one: '{count} h', other: '{count} h' },
    minute: { one: '{count} min', other: '{count} min' },
    second: { one: '{count} s', other: '{count} s' },
  },
  pair: '{first} {second}',
  milliseconds: '{count} ms',
  durationNever: 'never expires',
  durationUnknown: 'unknown duration',
  timeLeftIn: 'expires in {duration}',
  timeLeftAgo: 'expired {duration} ago',
  timeLeftNever: 'never expires',
  timeLeftJustNow: 'expired just now',
  timeLeftUnknown: 'expiry unknown',
  timeLeftUnderASecond: 'less than 1 s',
};

/** The two largest units of a duration of at least one second, largest first. */
function leadingUnits(milliseconds: number): LeadingUnits {
  const parts: DurationPart[] = [];
  let rest = Math.floor(milliseconds);
  for (const unit of DURATION_UNITS) {
    const size = UNIT_SIZES[unit];
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0) parts.push({ count, unit });
    else if (parts.length > 0) break;
    if (parts.length === 2) break;
  }
  // A second or more always has a first part; the guard keeps the type honest rather than trusting it.
  return parts.length === 0 ? [{ count: 0, unit: 'second' }] : (parts as LeadingUnits);
}

/** Which words `humanizeDuration` says; never throws. */
export function durationShape(milliseconds: number): DurationShape {
  if (milliseconds === NEVER_EXPIRES) return { kind: 'never' };
  if (typeof milliseconds !== 'number' || !Number.isFinite(milliseconds) || milliseconds < 0) return { kind: 'unknown' };
  if (milliseconds < SECOND) return { kind: 'milliseconds', count: Math.round(milliseconds) };
  return { kind: 'units', parts: leadingUnits(milliseconds) };
}

/** Which words `humanizeTimeLeft` says; `expiresAt` and `now` are epoch ms; never throws. */
export function timeLeftShape(expiresAt: number, now: number): TimeLeftShape {
  if (expiresAt === NEVER_EXPIRES) return { kind: 'never' };
  const left = expiresAt - now;
  // Two finite epochs far enough apart overflow to Infinity: there is no distance to tell.
  if (!Number.isFinite(left)) return { kind: 'unknown' };
  if (left > 0) return { kind: 'in', left: left < SECOND ? { kind: 'under-a-second' } : { kind: 'units', parts: leadingUnits(left) } };
  if (-left < SECOND) return { kind: 'just-now' };
  return { kind: 'ago', left: leadingUnits(-left) };
}

function sayParts(parts: LeadingUnits, units: Record<DurationUnit, UnitForms>, words: DurationWords): string {
  const [first, second] = parts.map(({ count, unit }) => fillPlaceholders(units[unit][words.plural(count)], { count }));
  return second === undefined ? first! : fillPlaceholders(words.pair, { first: first!, second });
}

export function sayDuration(shape: DurationShape, words: DurationWords = ENGLISH_DURATION_WORDS): string {
  switch (shape.kind) {
    case 'never':
      return words.durationNever;
    case 'unknown':
      return words.durationUnknown;
    case 'milliseconds':
      return fillPlaceholders(words.milliseconds, { count: shape.count });
    case 'units':
      return sayParts(shape.parts, words.long, words);
  }
}

export function sayTimeLeft(shape: TimeLeftShape, words: DurationWords = ENGLISH_DURATION_WORDS): string {
  switch (shape.kind) {
    case 'never':
      return words.timeLeftNever;
    case 'unknown':
      return words.timeLeftUnknown;
    case 'just-now':
      return words.timeLeftJustNow;
    case 'in': {
      const duration = shape.left.kind === 'under-a-second' ? words.timeLeftUnderASecond : sayParts(shape.left.parts, words.short, words);
      return fillPlaceholders(words.timeLeftIn, { duration });
    }
    case 'ago':
      return fillPlaceholders(words.timeLeftAgo, { duration: sayParts(shape.left, words.short, words) });
  }
}

/**
 * A lifetime in words: "10 hours", "1 day 2 hours", "45 seconds", "never expires" for -1.
 * Precise to its two largest units; never throws. English unless `words` say otherwise.
 */
export function humanizeDuration(milliseconds: number, words: DurationWords = ENGLISH_DURATION_WORDS): string {
  return sayDuration(durationShape(milliseconds), words);
}

/**
 * How long a token has left, for a session card: "expires in 9 min", "expired 2 min ago",
 * "never expires". `expiresAt` and `now` are epoch ms; never throws. English unless `words` say otherwise.
 */
export function humanizeTimeLeft(expiresAt: number, now: number, words: DurationWords = ENGLISH_DURATION_WORDS): string {
  return sayTimeLeft(timeLeftShape(expiresAt, now), words);
}
