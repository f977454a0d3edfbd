import type { ComponentChildren } from 'preact';
import { render } from '@testing-library/preact';
import { createTranslator, type MessageCatalog, type Translate } from '../lib/i18n';
import english from '../public/_locales/en/messages.json';
import french from '../public/_locales/fr/messages.json';
import { I18nContext } from '../hooks/use-t';

export const englishTranslate = createTranslator(undefined, english);

/** As a French browser reads the catalogs: French first, then the English `default_locale`. */
export const frenchTranslate = createTranslator((key) => (french as MessageCatalog)[key]?.message, english);

function renderWith(translate: Translate, ui: ComponentChildren) {
  return render(<I18nContext.Provider value={translate}>{ui}</I18nContext.Provider>);
}

/** Renders in English, as a person using the extension in English sees it. */
export function renderEnglish(ui: ComponentChildren) {
  return renderWith(englishTranslate, ui);
}

/** Renders in French, as a person whose browser speaks French sees it. */
export function renderFrench(ui: ComponentChildren) {
  return renderWith(frenchTranslate, ui);
}
