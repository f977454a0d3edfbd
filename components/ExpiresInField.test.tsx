// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, screen } from '@testing-library/preact';
import { ExpiresInField } from './ExpiresInField';
import { renderEnglish, renderFrench } from '../test-support/render';

afterEach(cleanup);

function note(label: string): string {
  return document.getElementById(screen.getByLabelText(label).getAttribute('aria-describedby')!)!.textContent ?? '';
}

describe('ExpiresInField', () => {
  it('says why a lifetime is refused, in French, with what is accepted', () => {
    renderFrench(<ExpiresInField id="expires" value="10 ans" onInput={() => {}} />);
    expect(screen.getByLabelText('Expire dans').getAttribute('aria-invalid')).toBe('true');
    expect(note('Expire dans')).toBe(
      "« 10 ans » n'est pas une durée. Saisissez une durée comme « 30m », « 10h », « 6d » (6 jours) ou « 90 minutes », " +
        "un nombre de millisecondes comme 86400000, -1 pour un jeton qui n'expire jamais, ou laissez le champ vide pour la durée par défaut du serveur.",
    );
  });

  it("says it in English with the parser's own words", () => {
    renderEnglish(<ExpiresInField id="expires" value="500" onInput={() => {}} />);
    expect(note('Expires in')).toMatch(/^500 ms is under one second: Kuzzle counts token lifetimes in whole seconds/);
  });

  it('reads a lifetime back in French', () => {
    renderFrench(<ExpiresInField id="expires" value="26h" onInput={() => {}} />);
    expect(note('Expire dans')).toBe('Le jeton durera 1 jour 2 heures.');
    cleanup();
    renderFrench(<ExpiresInField id="expires" value="-1" onInput={() => {}} />);
    expect(note('Expire dans')).toBe("Le jeton n'expirera jamais.");
  });

  it('reads a lifetime back in English as it always did', () => {
    renderEnglish(<ExpiresInField id="expires" value="10h" onInput={() => {}} />);
    expect(note('Expires in')).toBe('The token will last 10 hours.');
    cleanup();
    renderEnglish(<ExpiresInField id="expires" value="-1" onInput={() => {}} />);
    expect(note('Expires in')).toBe('The token will never expire.');
  });
});
