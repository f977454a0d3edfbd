import { describe, expect, it } from 'vitest';
import english from '../public/_locales/en/messages.json';
import french from '../public/_locales/fr/messages.json';

const PLACEHOLDERS = /\{(\w+)\}/g;
const placeholdersOf = (text: string) => [...text.matchAll(PLACEHOLDERS)].map((match) => match[1]).sort();

describe('locales', () => {
  it('French has every English message and no other', () => {
    expect(Object.keys(french).sort()).toEqual(Object.keys(english).sort());
  });

  it('each translation keeps the placeholders of its English message', () => {
    const mismatched = Object.entries(english)
      .filter(([key, { message }]) => {
        const translated = (french as Record<string, { message: string }>)[key]?.message ?? '';
        return placeholdersOf(translated).join() !== placeholdersOf(message).join();
      })
      .map(([key]) => key);
    expect(mismatched).toEqual([]);
  });

  it('no message uses "$", which Chrome would read as its own placeholder syntax', () => {
    const all = [...Object.values(english), ...Object.values(french)].map((entry) => entry.message);
    expect(all.filter((message) => message.includes('$'))).toEqual([]);
  });
});
