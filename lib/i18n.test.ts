import { describe, expect, it } from 'vitest';
import { createTranslator, type MessageCatalog } from './i18n';

const english: MessageCatalog = {
  greeting: { message: 'Hello {name}' },
  unbind: { message: 'Unbind {origin}' },
  plain: { message: 'Log in' },
};

describe('createTranslator', () => {
  it('uses the browser message when there is one', () => {
    const t = createTranslator((key) => (key === 'plain' ? 'Se connecter' : ''), english);
    expect(t('plain')).toBe('Se connecter');
  });

  it('falls back to English when the browser has no message for the key (Chrome returns "")', () => {
    const t = createTranslator(() => '', english);
    expect(t('plain')).toBe('Log in');
  });

  it('falls back to English when getMessage returns undefined or throws, or is absent', () => {
    expect(createTranslator(() => undefined, english)('plain')).toBe('Log in');
    expect(
      createTranslator(() => {
        throw new Error('bad key');
      }, english)('plain'),
    ).toBe('Log in');
    expect(createTranslator(undefined, english)('plain')).toBe('Log in');
  });

  it('substitutes named placeholders, in translations and in the fallback alike', () => {
    const french = createTranslator((key) => (key === 'greeting' ? 'Bonjour {name}, {name}' : ''), english);
    expect(french('greeting', { name: 'Alice' })).toBe('Bonjour Alice, Alice');
    expect(createTranslator(undefined, english)('unbind', { origin: 'https://a.example' })).toBe('Unbind https://a.example');
  });

  it('leaves a placeholder that was not given visible, and does not touch $ signs in values', () => {
    const t = createTranslator(undefined, english);
    expect(t('greeting')).toBe('Hello {name}');
    expect(t('greeting', {})).toBe('Hello {name}');
    expect(t('greeting', { name: '$1 $& cost' })).toBe('Hello $1 $& cost');
  });

  it('returns the key itself for a message that exists nowhere, so the gap is visible', () => {
    expect(createTranslator(() => '', english)('noSuchKey')).toBe('noSuchKey');
  });
});
