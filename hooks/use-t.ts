import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Translate } from '../lib/i18n';

/**
 * The pages provide the browser's translator. Without a provider the key itself shows, so that
 * a missing provider is visible at once; tests provide English (`test-support/render.tsx`). The English
 * catalog is not bundled into the pages: the browser already falls back to `default_locale`.
 */
export const I18nContext = createContext<Translate>((key) => key);

export function useT(): Translate {
  return useContext(I18nContext);
}
