import fc from 'fast-check';
import ms from 'ms';
import { describe, expect, it } from 'vitest';
import {
  DURATION_UNITS,
  ENGLISH_DURATION_WORDS,
  MAX_EXPIRES_IN_MS,
  durationShape,
  humanizeDuration,
  humanizeTimeLeft,
  parseExpiresIn,
  timeLeftShape,
  type DurationWords,
  type ExpiresInProblemCode,
  type LeadingUnits,
} from './expires-in';

/** Every code, once: the type makes this list complete and keeps out codes the parser does not have. */
const PROBLEM_CODES: Record<ExpiresInProblemCode, true> = {
  'expires-in-wrong-type': true,
  'expires-in-not-a-number': true,
  'expires-in-not-finite': true,
  'expires-in-zero': true,
  'expires-in-negative': true,
  'expires-in-under-a-second': true,
  'expires-in-fraction': true,
  'expires-in-over-100-years': true,
  'expires-in-too-long': true,
  'expires-in-not-a-duration': true,
  'expires-in-negative-text': true,
};

/**
 * Kuzzle's own rule (docs/kuzzle.md §3, Kuzzle's `parseTimespan`), written out here
 * independently of the code under test. Over HTTP `expiresIn` always arrives as a string.
 * Returns the TTL Kuzzle would use, or 0 when Kuzzle answers `api.assert.invalid_argument`.
 */
function kuzzleParseTimespan(sent: string): number {
  const milliseconds = ms(sent as ms.StringValue) as number | undefined;
  return milliseconds === undefined ? 0 : milliseconds;
}

const UNITS = ['ms', 's', 'sec', 'secs', 'second', 'seconds', 'm', 'min', 'mins', 'minute', 'minutes', 'h', 'hr', 'hrs', 'hour', 'hours', 'd', 'day', 'days', 'w', 'week', 'weeks', 'y', 'yr', 'yrs', 'year', 'years', 'H', 'D', 'Ms', ''];

/** Strings shaped like what people type: a number, maybe spaces, maybe a unit, maybe padding. */
const durationLike = fc
  .tuple(
    fc.constantFrom('', ' ', '  '),
    fc.oneof(fc.integer({ min: -5, max: 1_000_000_000 }).map(String), fc.double({ min: -10, max: 5000, noNaN: true }).map(String)),
    fc.constantFrom('', ' ', '  '),
    fc.constantFrom(...UNITS),
    fc.constantFrom('', ' ', 'x'),
  )
  .map((parts) => parts.join(''));

describe('parseExpiresIn: accepted values', () => {
  it.each([
    [undefined, undefined, undefined],
    [null, undefined, undefined],
    ['', undefined, undefined],
    ['   ', undefined, undefined],
  ])('%j means the server default', (input, value, milliseconds) => {
    expect(parseExpiresIn(input)).toEqual({ ok: true, value, ms: milliseconds });
  });

  it.each([
    ['6d', 6 * 86_400_000],
    ['10h', 36_000_000],
    ['1.5h', 5_400_000],
    ['90 minutes', 5_400_000],
    ['86400000', 86_400_000],
    ['1s', 1000],
    ['100y', 100 * 365.25 * 86_400_000],
  ])('accepts the string %j as %d ms and sends it as typed', (input, milliseconds) => {
    expect(parseExpiresIn(input)).toEqual({ ok: true, value: input, ms: milliseconds });
  });

  it('trims stray spaces, which Kuzzle itself would refuse', () => {
    expect(parseExpiresIn(' 5m ')).toEqual({ ok: true, value: '5m', ms: 300_000 });
  });

  it('accepts a positive integer number of milliseconds', () => {
    expect(parseExpiresIn(3_600_000)).toEqual({ ok: true, value: 3_600_000, ms: 3_600_000 });
  });

  it('accepts -1 as "never expires", as a number or a string', () => {
    expect(parseExpiresIn(-1)).toEqual({ ok: true, value: -1, ms: -1 });
    expect(parseExpiresIn('-1')).toEqual({ ok: true, value: '-1', ms: -1 });
    expect(parseExpiresIn(' -1 ')).toEqual({ ok: true, value: '-1', ms: -1 });
  });
});

describe('parseExpiresIn: refused values say what is accepted', () => {
  it.each([
    [0, /0 ms/],
    ['0', /0 ms/],
    ['0h', /0 ms/],
    ['abc', /"abc" is not a duration/],
    ['5 parsecs', /not a duration/],
    ['5m garbage', /not a duration/],
    ['1e6', /not a duration/],
    [-5, /negative/],
    ['-5m', /negative/],
    ['-1ms', /negative/],
    [Number.NaN, /not a number/],
    [Number.POSITIVE_INFINITY, /not a finite number/],
    [500, /under one second.*already be expired/],
    ['999ms', /under one second/],
    ['0.5s', /under one second/],
    [1500.5, /not a whole number/],
    ['1.0005s', /not a whole number/],
    ['101y', /more than 100 years/],
    [MAX_EXPIRES_IN_MS + 1, /more than 100 years/],
    ['9'.repeat(101), /too long/],
  ])('%j', (input, reason) => {
    const result = parseExpiresIn(input as string | number);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.message).toMatch(reason);
    expect(result.message).toContain('Enter a duration such as');
  });

  it('refuses a value that is neither text nor a number without throwing', () => {
    expect(parseExpiresIn({} as unknown as string).ok).toBe(false);
  });
});

describe('parseExpiresIn: properties', () => {
  const anyInput = fc.oneof(fc.string(), fc.string({ unit: 'binary' }), durationLike);

  it('never throws on any string', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseExpiresIn(input);
        expect(typeof result.ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever it accepts, Kuzzle accepts with the same lifetime', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = parseExpiresIn(input);
        if (!result.ok || result.value === undefined) return;
        const kuzzleTtl = kuzzleParseTimespan(String(result.value));
        expect(kuzzleTtl).not.toBe(0);
        expect(kuzzleTtl).toBe(result.ms);
      }),
      { numRuns: 2000 },
    );
  });

  it('whatever it accepts, other than -1, gives a token that lasts at least a whole second', () => {
    fc.assert(
      fc.property(fc.oneof(durationLike, fc.double(), fc.integer()), (input) => {
        const result = parseExpiresIn(input);
        if (!result.ok || result.ms === undefined || result.ms === -1) return;
        // Kuzzle's JWT exp is iat + floor(ttl / 1000).
        expect(Math.floor(result.ms / 1000)).toBeGreaterThanOrEqual(1);
        expect(Number.isInteger(result.ms)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('accepts every whole number of milliseconds from 1 s to 100 years, as a number and as a string', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1000, max: MAX_EXPIRES_IN_MS }), (milliseconds) => {
        expect(parseExpiresIn(milliseconds)).toEqual({ ok: true, value: milliseconds, ms: milliseconds });
        expect(parseExpiresIn(String(milliseconds))).toEqual({ ok: true, value: String(milliseconds), ms: milliseconds });
      }),
    );
  });
});

describe('parseExpiresIn: every shape of input', () => {
  const anyShape = fc.oneof(
    fc.anything(),
    fc.double(),
    fc.bigInt().map((value) => value as unknown),
    fc.string({ unit: 'binary' }),
    fc.constantFrom<unknown>(true, false, null, undefined, [], ['1h'], [3600000], { valueOf: () => 3600000 }, { toString: () => '1h' }, new Date(), Symbol('1h'), () => '1h', -0, '-0', '1e3', '0x10', '+1h', '1h30m', '\u0661h', '\uff11h', '1h\u0000', '1\u200bh'),
  );

  it('never throws; accepts only a whole number of ms (or -1) from text or a number, and otherwise says what to enter', () => {
    fc.assert(
      fc.property(anyShape, (input) => {
        const result = parseExpiresIn(input as string);
        if (!result.ok) {
          expect(result.message).toContain('Enter a duration such as');
          return;
        }
        expect(['string', 'number', 'undefined']).toContain(typeof result.value);
        if (result.ms !== undefined) expect(result.ms === -1 || (Number.isInteger(result.ms) && result.ms >= 1000 && result.ms <= MAX_EXPIRES_IN_MS)).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('every refusal carries a known code, and its params are what its message quotes', () => {
    fc.assert(
      fc.property(fc.oneof(anyShape, durationLike, fc.string()), (input) => {
        const result = parseExpiresIn(input as string);
        if (result.ok) return;
        expect(Object.keys(PROBLEM_CODES)).toContain(result.problem.code);
        for (const value of Object.values('params' in result.problem ? result.problem.params : {})) {
          expect(result.message).toContain(String(value));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    [{}, 'expires-in-wrong-type'],
    [Number.NaN, 'expires-in-not-a-number'],
    [Number.NEGATIVE_INFINITY, 'expires-in-not-finite'],
    ['0s', 'expires-in-zero'],
    [-5, 'expires-in-negative'],
    ['0.5s', 'expires-in-under-a-second', { milliseconds: '500' }],
    [1500.25, 'expires-in-fraction', { milliseconds: '1500.25' }],
    ['101y', 'expires-in-over-100-years'],
    ['9'.repeat(101), 'expires-in-too-long'],
    [' 5 parsecs ', 'expires-in-not-a-duration', { text: '5 parsecs' }],
    ['-1ms', 'expires-in-negative-text', { text: '-1ms' }],
  ])('%j is refused as %s', (input, code, params?: Record<string, string>) => {
    const result = parseExpiresIn(input as string);
    expect(result).toMatchObject({ ok: false, problem: params ? { code, params } : { code } });
  });

  it('does not read objects, arrays, booleans, bigints or lookalike digits as durations', () => {
    for (const input of [[], ['1h'], { valueOf: () => 3600000 }, true, 10n, '\u0661h', '\uff11h', '1\u200bh', '1h\u0000']) {
      expect(parseExpiresIn(input as unknown as string).ok, String(input)).toBe(false);
    }
  });
});

describe('humanizeDuration', () => {
  it.each([
    [36_000_000, '10 hours'],
    [93_600_000, '1 day 2 hours'],
    [45_000, '45 seconds'],
    [1000, '1 second'],
    [60_000, '1 minute'],
    [90_000, '1 minute 30 seconds'],
    [86_400_000 + 5000, '1 day'],
    [3 * 86_400_000 + 3_600_000 + 60_000, '3 days 1 hour'],
    [250, '250 ms'],
    [-1, 'never expires'],
    [-5, 'unknown duration'],
    [Number.NaN, 'unknown duration'],
  ])('%d ms is "%s"', (milliseconds, words) => {
    expect(humanizeDuration(milliseconds)).toBe(words);
  });

  it('never throws and always says something', () => {
    fc.assert(
      fc.property(fc.double(), (milliseconds) => {
        expect(humanizeDuration(milliseconds).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('humanizeTimeLeft', () => {
  const now = 1_700_000_000_000;
  it.each([
    [now + 9 * 60_000 + 30_000, 'expires in 9 min 30 s'],
    [now + 9 * 60_000, 'expires in 9 min'],
    [now + 45_000, 'expires in 45 s'],
    [now + 500, 'expires in less than 1 s'],
    [now + 2 * 3_600_000 + 5 * 60_000, 'expires in 2 h 5 min'],
    [now + 2 * 86_400_000, 'expires in 2 days'],
    [now + 86_400_000 + 3_600_000, 'expires in 1 day 1 h'],
    [now - 2 * 60_000, 'expired 2 min ago'],
    [now, 'expired just now'],
    [now - 400, 'expired just now'],
    [-1, 'never expires'],
    [Number.NaN, 'expiry unknown'],
  ])('%d is "%s"', (expiresAt, words) => {
    expect(humanizeTimeLeft(expiresAt, now)).toBe(words);
  });

  it('never throws and always says something', () => {
    fc.assert(
      fc.property(fc.double(), fc.double(), (expiresAt, at) => {
        expect(humanizeTimeLeft(expiresAt, at).length).toBeGreaterThan(0);
      }),
    );
  });
});

describe('durationShape and timeLeftShape', () => {
  const SIZES = { day: 86_400_000, hour: 3_600_000, minute: 60_000, second: 1000 } as const;

  /** Whole positive counts, the second unit just below the first, and never more than the duration itself. */
  function expectLeadingUnits(parts: LeadingUnits, milliseconds: number) {
    expect(parts.length).toBeGreaterThanOrEqual(1);
    expect(parts.length).toBeLessThanOrEqual(2);
    for (const { count } of parts) {
      expect(Number.isInteger(count) && count > 0).toBe(true);
    }
    if (parts.length === 2) expect(DURATION_UNITS.indexOf(parts[1]!.unit)).toBe(DURATION_UNITS.indexOf(parts[0]!.unit) + 1);
    // Beyond 2^53 ms (285,000 years) the sums below round; the shape above still holds.
    if (!Number.isSafeInteger(Math.floor(milliseconds))) return;
    const told = parts.reduce((sum, { count, unit }) => sum + count * SIZES[unit], 0);
    expect(told).toBeLessThanOrEqual(Math.floor(milliseconds));
    // Within the first unit's size: the two largest units are the ones told.
    expect(Math.floor(milliseconds) - told).toBeLessThan(SIZES[parts[0]!.unit]);
  }

  const durations = fc.oneof(fc.double(), fc.integer({ min: 1000, max: 200 * 365 * 86_400_000 }));

  it('never throws, and tells any lifetime of a second or more in one or two adjacent whole units', () => {
    fc.assert(
      fc.property(durations, (milliseconds) => {
        const shape = durationShape(milliseconds);
        if (shape.kind === 'units') expectLeadingUnits(shape.parts, milliseconds);
        else if (Number.isFinite(milliseconds) && milliseconds >= 1000) throw new Error(`${milliseconds} not told in units`);
      }),
    );
  });

  it('never throws, and tells the distance to an expiry the same way', () => {
    fc.assert(
      fc.property(fc.double(), durations, (expiresAt, now) => {
        const shape = timeLeftShape(expiresAt, now);
        if (shape.kind === 'ago') expectLeadingUnits(shape.left, now - expiresAt);
        if (shape.kind === 'in' && shape.left.kind === 'units') expectLeadingUnits(shape.left.parts, expiresAt - now);
      }),
    );
  });

  it('names each case', () => {
    const now = 1_700_000_000_000;
    expect(durationShape(100 * 365.25 * 86_400_000)).toEqual({ kind: 'units', parts: [{ count: 36_525, unit: 'day' }] });
    expect(durationShape(999.6)).toEqual({ kind: 'milliseconds', count: 1000 });
    expect(timeLeftShape(now + 500, now)).toEqual({ kind: 'in', left: { kind: 'under-a-second' } });
    expect(timeLeftShape(now - 90_000, now)).toEqual({ kind: 'ago', left: [{ count: 1, unit: 'minute' }, { count: 30, unit: 'second' }] });
    expect(timeLeftShape(now - 999, now)).toEqual({ kind: 'just-now' });
    expect(timeLeftShape(-1, now)).toEqual({ kind: 'never' });
    expect(timeLeftShape(now, Number.POSITIVE_INFINITY)).toEqual({ kind: 'unknown' });
    // Found by the property above: finite, but their difference overflows to Infinity.
    expect(timeLeftShape(2.9937604643020797e292, -1.7976931348623155e308)).toEqual({ kind: 'unknown' });
  });
});

describe('durations in other words', () => {
  const now = 1_700_000_000_000;
  const shouting: DurationWords = {
    ...ENGLISH_DURATION_WORDS,
    plural: (count) => (count < 2 ? 'one' : 'other'),
    short: { ...ENGLISH_DURATION_WORDS.short, minute: { one: '{count} MIN', other: '{count} MINS' } },
    long: { ...ENGLISH_DURATION_WORDS.long, day: { one: '{count} DAY', other: '{count} DAYS' } },
    pair: '{first} and {second}',
    timeLeftIn: '{duration} TO GO',
    timeLeftAgo: 'GONE {duration} AGO',
  };

  it('says each part with the form its count takes, and puts the sentence together as the words say', () => {
    expect(humanizeDuration(86_400_000 + 2 * 3_600_000, shouting)).toBe('1 DAY and 2 hours');
    expect(humanizeDuration(2 * 86_400_000, shouting)).toBe('2 DAYS');
    expect(humanizeTimeLeft(now + 9 * 60_000 + 30_000, now, shouting)).toBe('9 MINS and 30 s TO GO');
    expect(humanizeTimeLeft(now - 60_000, now, shouting)).toBe('GONE 1 MIN AGO');
  });

  it('without words, says exactly what the extension always said', () => {
    expect(humanizeTimeLeft(now + 9 * 3_600_000 + 59 * 60_000, now)).toBe('expires in 9 h 59 min');
    expect(humanizeDuration(100 * 365.25 * 86_400_000)).toBe('36525 days');
    expect(humanizeDuration(999.6)).toBe('1000 ms');
    expect(humanizeTimeLeft(now - 2 * 86_400_000 - 3_600_000, now)).toBe('expired 2 days 1 h ago');
  });
});
