import { DURATION_UNITS, ENGLISH_DURATION_WORDS, type DurationUnit, type DurationWords, type UnitForms } from '../lib/expires-in';
import { translationOf, type Translate } from '../lib/i18n';

type Phrase = Exclude<keyof DurationWords, 'plural' | 'long' | 'short'>;

const capitalized = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

/**
 * Catalog keys are built from the names of the words ("durationHourShortPlural", "durationPair",
 * "timeLeftAgo") rather than listed, which cost the popup a few hundred bytes; a test reads every
 * key through both catalogs.
 */
const unitKey = (unit: DurationUnit, length: 'long' | 'short', form: 'one' | 'other') =>
  `duration${capitalized(unit)}${capitalized(length)}${form === 'other' ? 'Plural' : ''}`;
const phraseKey = (phrase: Phrase) => (/^(duration|timeLeft)[A-Z]/.test(phrase) ? phrase : `duration${capitalized(phrase)}`);
const PHRASES = (Object.keys(ENGLISH_DURATION_WORDS) as Array<keyof DurationWords>).filter(
  (name): name is Phrase => name !== 'plural' && name !== 'long' && name !== 'short',
);

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
    const forms = { one: translationOf(t, unitKey(unit, length, 'one')) ?? english[unit].one, other: translationOf(t, unitKey(unit, length, 'other')) ?? english[unit].other };
    return [unit, forms] as const;
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
    const phrases = Object.fromEntries(PHRASES.map((phrase) => [phrase, translationOf(t, phraseKey(phrase)) ?? ENGLISH_DURATION_WORDS[phrase]])) as Record<Phrase, string>;
    words = { ...phrases, plural: pluralOf(t), long: unitsOf(t, 'long'), short: unitsOf(t, 'short') };
    built.set(t, words);
  }
  return words;
}
