/**
 * A tiny translator over the browser's `i18n.getMessage`, passed in so that tests and
 * non-extension contexts can run without it. Messages use named placeholders (`{origin}`)
 * substituted here rather than Chrome's `$1` placeholders, so that the English fallback and
 * every locale read the same way, and a message never needs a `placeholders` block.
 */

/** `browser.i18n.getMessage`: returns '' (Chrome) or undefined (elsewhere) for an unknown key. */
export type GetMessage = (key: string) => string | undefined;

/** The shape of `_locales/<lang>/messages.json`. */
export type MessageCatalog = Record<string, { message: string; description?: string }>;

export type Substitutions = Record<string, string | number>;
export type Translate = (key: string, substitutions?: Substitutions) => string;

const PLACEHOLDER = /\{(\w+)\}/g;

export function createTranslator(getMessage: GetMessage | undefined, fallback: MessageCatalog): Translate {
  return (key, substitutions) => {
    let text: string | undefined;
    try {
      text = getMessage?.(key) || undefined;
    } catch {
      // Firefox throws on malformed keys; the fallback below still gives a readable text.
      text = undefined;
    }
    text ??= fallback[key]?.message;
    // The key itself is ugly but tells a developer exactly which message is missing.
    if (text === undefined) return key;
    return substitutions ? fillPlaceholders(text, substitutions) : text;
  };
}

/** Puts each `{name}` it has a value for into `text`; a placeholder without one stays as it is, so it can be seen. */
export function fillPlaceholders(text: string, substitutions: Substitutions): string {
  return text.replace(PLACEHOLDER, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(substitutions, name) ? String(substitutions[name]) : whole,
  );
}

/** The translation, or undefined when `t` has none: the translator then answers with the key itself (or '' from a bare `getMessage`). */
export function translationOf(t: Translate, key: string, substitutions?: Substitutions): string | undefined {
  const text = t(key, substitutions);
  return text === '' || text === key ? undefined : text;
}
