import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENGLISH_DURATION_WORDS, humanizeDuration, humanizeTimeLeft } from '../lib/expires-in';
import { createTranslator } from '../lib/i18n';
import english from '../public/_locales/en/messages.json';
import { durationWords } from './duration-words';
import { englishTranslate, frenchTranslate } from '../test-support/render';

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;
const NOW = 1_700_000_000_000;

/** Every case the words are chosen for: never, unknown, under a second, each unit alone and in pairs, 1 and plural, future and past. */
const DURATIONS: number[] = [-1, -5, Number.NaN, 0, 250, 999.6, SECOND, 45 * SECOND, MINUTE, 90 * SECOND, 2 * MINUTE + SECOND, HOUR, 10 * HOUR,
  HOUR + MINUTE, DAY, DAY + 2 * HOUR, 3 * DAY + HOUR, 2 * DAY + 2 * HOUR, YEAR, 100 * YEAR];
const TIMES_LEFT: Array<[number, number]> = [
  [-1, NOW],
  [Number.NaN, NOW],
  [NOW, Number.POSITIVE_INFINITY],
  [NOW, NOW],
  [NOW - 400, NOW],
  [NOW + 500, NOW],
  ...[SECOND, 45 * SECOND, MINUTE, 9 * MINUTE + 30 * SECOND, HOUR, 9 * HOUR + 59 * MINUTE, DAY, DAY + HOUR, 2 * DAY, YEAR, 2 * YEAR].flatMap(
    (distance): Array<[number, number]> => [
      [NOW + distance, NOW],
      [NOW - distance, NOW],
    ],
  ),
];

describe('durationWords', () => {
  it.each(DURATIONS)('the English catalog says a lifetime of %d ms exactly as the default words', (milliseconds) => {
    expect(humanizeDuration(milliseconds, durationWords(englishTranslate))).toBe(humanizeDuration(milliseconds));
  });

  it.each(TIMES_LEFT)('the English catalog says an expiry at %d (now %d) exactly as the default words', (expiresAt, now) => {
    expect(humanizeTimeLeft(expiresAt, now, durationWords(englishTranslate))).toBe(humanizeTimeLeft(expiresAt, now));
  });

  it('the English catalog and the default words agree on any lifetime and any expiry', () => {
    const words = durationWords(englishTranslate);
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: -200 * YEAR, max: 200 * YEAR }), (milliseconds, distance) => {
        expect(humanizeDuration(milliseconds, words)).toBe(humanizeDuration(milliseconds));
        expect(humanizeTimeLeft(NOW + distance, NOW, words)).toBe(humanizeTimeLeft(NOW + distance, NOW));
      }),
    );
  });

  it('says French, with the singular for 1 and the plural from 2', () => {
    const words = durationWords(frenchTranslate);
    expect(humanizeTimeLeft(NOW + 9 * MINUTE, NOW, words)).toBe('expire dans 9 min');
    expect(humanizeTimeLeft(NOW + 9 * HOUR + 59 * MINUTE, NOW, words)).toBe('expire dans 9 h 59 min');
    expect(humanizeTimeLeft(NOW + 2 * DAY, NOW, words)).toBe('expire dans 2 j');
    expect(humanizeTimeLeft(NOW + 3 * SECOND, NOW, words)).toBe('expire dans 3 s');
    expect(humanizeTimeLeft(NOW + 500, NOW, words)).toBe("expire dans moins d'1 s");
    expect(humanizeTimeLeft(NOW - 2 * MINUTE, NOW, words)).toBe('a expiré il y a 2 min');
    expect(humanizeTimeLeft(-1, NOW, words)).toBe("n'expire jamais");
    expect(humanizeTimeLeft(NOW, NOW, words)).toBe("vient d'expirer");
    expect(humanizeTimeLeft(Number.NaN, NOW, words)).toBe('expiration inconnue');
    expect(humanizeDuration(10 * HOUR, words)).toBe('10 heures');
    expect(humanizeDuration(DAY + 2 * HOUR, words)).toBe('1 jour 2 heures');
    expect(humanizeDuration(MINUTE + SECOND, words)).toBe('1 minute 1 seconde');
    expect(humanizeDuration(2 * MINUTE + 2 * SECOND, words)).toBe('2 minutes 2 secondes');
    expect(humanizeDuration(500, words)).toBe('500 ms');
    // French takes the singular for 0 where English takes the plural; no duration counts 0 today, the rule is still French.
    expect(words.plural(0)).toBe('one');
    expect(ENGLISH_DURATION_WORDS.plural(0)).toBe('other');
  });

  it('leaves no placeholder unfilled in French, and says every case differently from English but the units both languages share', () => {
    const words = durationWords(frenchTranslate);
    const said = [
      ...DURATIONS.map((milliseconds) => [humanizeDuration(milliseconds, words), humanizeDuration(milliseconds)] as const),
      ...TIMES_LEFT.map(([expiresAt, now]) => [humanizeTimeLeft(expiresAt, now, words), humanizeTimeLeft(expiresAt, now)] as const),
    ];
    for (const [french] of said) expect(french).not.toMatch(/[{}]/);
    // Only bare short units and "ms" read the same in both ("9 h 59 min" appears inside "expire dans …").
    const same = said.filter(([french, inEnglish]) => french === inEnglish).map(([french]) => french);
    expect(same.every((text) => /^\d+ (ms|minutes?)( \d+ (seconds?))?$/.test(text)), same.join(' | ')).toBe(true);
  });

  it('falls back to the English words for each message a catalog lacks, and to the English plural for a bad language tag', () => {
    const partial = createTranslator(
      (key) => ({ timeLeftIn: 'läuft ab in {duration}', durationHourShort: '{count} Std.', durationPluralRules: 'not a language!' })[key],
      {},
    );
    const words = durationWords(partial);
    expect(humanizeTimeLeft(NOW + HOUR + 5 * MINUTE, NOW, words)).toBe('läuft ab in 1 Std. 5 min');
    expect(humanizeTimeLeft(NOW - 2 * HOUR, NOW, words)).toBe('expired 2 h ago');
    expect(words.plural(0)).toBe('other');
    // Without any provider the pages' translator answers with the key: all English.
    const bare = durationWords((key) => key);
    expect(humanizeTimeLeft(NOW + 9 * MINUTE, NOW, bare)).toBe('expires in 9 min');
  });

  it('builds the words once per translator', () => {
    expect(durationWords(frenchTranslate)).toBe(durationWords(frenchTranslate));
    expect(durationWords(frenchTranslate)).not.toBe(durationWords(englishTranslate));
  });

  it('reads a catalog with every key the English catalog has for durations', () => {
    const keys = Object.keys(english).filter((key) => key.startsWith('duration') || key.startsWith('timeLeft'));
    const asked = new Set<string>();
    durationWords((key) => {
      asked.add(key);
      return key;
    });
    expect([...asked].sort()).toEqual(keys.sort());
  });
});
