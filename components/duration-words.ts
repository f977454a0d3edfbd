import { DURATION_UNITS, ENGLISH_DURATION_WORDS, type DurationUnit, type DurationWords, type UnitForms } from '../lib/expires-in';
import { translationOf, type Translate } from '../lib/i18n';
import { useT } from './i18n';

/** Written out rather than built from the unit names, so that each key can be found by searching for it. */
const UNIT_KEYS: Record<'long' | 'short', Record<DurationUnit, readonly [one: string, other: string]>> = {
  long: {
    day: ['durationDayLong', 'durationDayLongPlural'],
    hour: ['durationHourLong', 'durationHourLongPlural'],
    minute: ['durationMinuteLong', 'durationMinuteLongPlural'],
    second: ['durationSecondLong', 'durationSecondLongPlural'],
  },
  short: {
    day: ['durationDayShort', 'durationDayShortPlural'],
    hour: ['durationHourShort', 'durationHourShortPlural'],
    minute: ['durationMinuteShort', 'durationMinuteShortPlural'],
    second: ['durationSecondShort', 'durationSecondShortPlural'],
  },
};

type Phrase = Exclude<keyof DurationWords, 'plural' | 'long' | 'short'>;

const PHRASE_KEYS: Record<Phrase, string> = {
  pair: 'durationPair',
  milliseconds: 'durationMilliseconds',
  durationNever: 'durationNever',
  durationUnknown: 'durationUnknown',
  timeLeftIn: 'timeLeftIn',
  timeLeftAgo: 'timeLeftAgo',
  timeLeftNever: 'timeLeftNever',
  timeLeftJustNow: 'timeLeftJustNow',
  timeLeftUnknown: 'timeLeftUnknown',
  timeLeftUnderASecond: 'timeLeftUnderASecond',
};

/** The catalog names a language rather than carrying a rule, so Intl's plural rules decide (French: 0 and 1 singular). */
function pluralOf(t: Translate): DurationWords['plural'] {
  const language = translationOf(t, 'durationPluralRules');
  if (language === undefined) return ENGLISH_DURATION_WORDS.plural;
  let rules: Intl.PluralRules;
  try {
    rules = new Intl.PluralRules(language);
  } catch {
    // A mistyped tag in a catalog should cost the plural, not the page.
    return ENGLISH_DURATION_WORDS.plural;
  }
  return (count) => (rules.select(count) === 'one' ? 'one' : 'other');
}

function unitsOf(t: Translate, length: 'long' | 'short'): Record<DurationUnit, UnitForms> {
  const english = ENGLISH_DURATION_WORDS[length];
  const entries = DURATION_UNITS.map((unit) => {
    const [one, other] = UNIT_KEYS[length][unit];
    return [unit, { one: translationOf(t, one) ?? english[unit].one, other: translationOf(t, other) ?? english[unit].other }] as const;
  });
  return Object.fromEntries(entries) as Record<DurationUnit, UnitForms>;
}

/** Built once per translator: the pages' translator lives as long as the page, and a card re-renders every second. */
const built = new WeakMap<Translate, DurationWords>();

/**
 * The durations' words in the person's language, each one the English default when the catalog lacks it.
 * The templates are read without substitutions so that `lib/expires-in.ts` fills in the counts.
 */
export function durationWords(t: Translate): DurationWords {
  let words = built.get(t);
  if (words === undefined) {
    const phrases = Object.fromEntries(
      (Object.entries(PHRASE_KEYS) as Array<[Phrase, string]>).map(([phrase, key]) => [phrase, translationOf(t, key) ?? ENGLISH_DURATION_WORDS[phrase]]),
    ) as Record<Phrase, string>;
    words = { ...phrases, plural: pluralOf(t), long: unitsOf(t, 'long'), short: unitsOf(t, 'short') };
    built.set(t, words);
  }
  return words;
}

export function useDurationWords(): DurationWords {
  return durationWords(useT());
}
