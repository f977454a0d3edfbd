import type { ComponentChildren } from 'preact';
import { render } from '@testing-library/preact';
import { createTranslator } from '../lib/i18n';
import english from '../public/_locales/en/messages.json';
import { I18nContext } from './i18n';

export const englishTranslate = createTranslator(undefined, english);

/** Renders in English, as a person using the extension in English sees it. */
export function renderEnglish(ui: ComponentChildren) {
  return render(<I18nContext.Provider value={englishTranslate}>{ui}</I18nContext.Provider>);
}
