import { useEffect, useRef } from 'preact/hooks';

/**
 * Focuses an element when it first appears. The `autofocus` attribute only works at page load,
 * and the popup's forms appear after the worker answers; keyboard users then start typing at once.
 */
export function useAutoFocus<T extends HTMLElement>(enabled: boolean) {
  const ref = useRef<T>(null);
  useEffect(() => {
    if (enabled) ref.current?.focus();
  }, [enabled]);
  return ref;
}
