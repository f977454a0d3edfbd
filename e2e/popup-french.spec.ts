import { chromium } from '@playwright/test';
import { rm } from 'node:fs/promises';
import { test, expect, snap } from './fixtures';
import { CHROMIUM_PATH, EXTENSION_PATH, extensionWorker, newProfileDir } from './support/browser';

test('in French, the popup speaks French', async ({ kuzzle }) => {
  // launchWithExtension takes no extra flags; this is the same launch with a French UI.
  const profile = await newProfileDir();
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    locale: 'fr-FR',
    env: { ...process.env, LANG: 'fr_FR.UTF-8', LANGUAGE: 'fr' },
    args: [
      `--disable-extensions-except=${EXTENSION_PATH}`,
      `--load-extension=${EXTENSION_PATH}`,
      '--lang=fr',
      '--no-first-run',
      ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    ],
  });
  try {
    const extensionId = new URL((await extensionWorker(context)).url()).host;
    const popup = await context.newPage();
    await popup.setViewportSize({ width: 400, height: 600 });
    await popup.goto(`chrome-extension://${extensionId}/popup.html`);
    await expect(popup.getByRole('heading', { name: 'Ajoutez votre premier serveur Kuzzle' })).toBeVisible();
    await expect(popup.getByLabel('URL du serveur')).toBeFocused();
    await expect(popup.locator('html')).toHaveAttribute('lang', /^fr/);
    await popup.getByRole('button', { name: 'Ajouter le serveur' }).click();
    await expect(popup.getByLabel('URL du serveur')).toHaveAttribute('aria-invalid', 'true');
    await expect(popup.getByText("Saisissez l'adresse du serveur, par exemple http://localhost:7512 ou https://kuzzle.example.com.")).toBeVisible();
    await snap(popup, 'popup-first-run-fr');

    // The lifetime read back and the time left on the card are French too.
    await popup.getByLabel('URL du serveur').fill(kuzzle.url);
    await popup.getByRole('button', { name: 'Ajouter le serveur' }).click();
    await popup.getByLabel("Nom d'utilisateur").fill('alice');
    await popup.getByLabel('Mot de passe').fill('alice-password');
    await popup.getByLabel('Expire dans').fill('10h');
    await expect(popup.getByText('Le jeton durera 10 heures.')).toBeVisible();
    await popup.getByRole('button', { name: 'Se connecter', exact: true }).click();
    await expect(popup.getByRole('heading', { name: 'alice' })).toBeVisible();
    await expect(popup.getByText(/^expire dans (9 h 59 min|10 h)$/)).toBeVisible();
    await snap(popup, 'popup-signed-in-fr');
  } finally {
    await context.close();
    await rm(profile, { recursive: true, force: true });
  }
});
