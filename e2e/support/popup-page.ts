import { expect, type Page } from '@playwright/test';

/**
 * The popup as a person uses it, for the Chromium specs (Playwright) and the Firefox ones
 * (puppeteer-core) alike: its accessible names live here, once, and each library drives them
 * through a small `PopupDriver`. A change of the popup's names or flow is adapted in this file.
 */
export const popupNames = {
  firstRunHeading: 'Add your first Kuzzle server',
  serverUrl: 'Server URL',
  addServer: 'Add server',
  signInHeading: /^Sign in to /,
  username: 'Username',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  refreshNow: 'Refresh now',
} as const;

/** What a spec's browser library must do on the popup, by accessible names. Each wait is for a state, up to the library's own timeout. */
export interface PopupDriver {
  /** Types `value` into the field this label names, replacing what it held. */
  fill(label: string, value: string): Promise<void>;
  click(buttonName: string): Promise<void>;
  waitForHeading(name: string | RegExp): Promise<void>;
  waitForButton(name: string): Promise<void>;
  waitForNoButton(name: string): Promise<void>;
}

export class PopupPage {
  constructor(readonly driver: PopupDriver) {}

  async waitForFirstRun(): Promise<void> {
    await this.driver.waitForHeading(popupNames.firstRunHeading);
  }

  /** Adds the server by its address and waits for its sign-in form. */
  async addServer(url: string): Promise<void> {
    await this.driver.fill(popupNames.serverUrl, url);
    await this.driver.click(popupNames.addServer);
    await this.driver.waitForHeading(popupNames.signInHeading);
  }

  /** Logs a dev-server user in (`<user>-password`) and waits until the popup shows the session. */
  async logIn(user: string, password = `${user}-password`): Promise<void> {
    await this.driver.fill(popupNames.username, user);
    await this.driver.fill(popupNames.password, password);
    await this.driver.click(popupNames.logIn);
    await this.waitForSignedIn(user);
  }

  async addServerAndLogIn(url: string, user = 'alice'): Promise<void> {
    await this.addServer(url);
    await this.logIn(user);
  }

  /** The session card of this user, with its live session's actions. */
  async waitForSignedIn(user: string): Promise<void> {
    await this.driver.waitForHeading(user);
    await this.driver.waitForButton(popupNames.logOut);
    await this.driver.waitForButton(popupNames.refreshNow);
  }

  /** Logs the shown account out and waits for the sign-in form. */
  async logOut(): Promise<void> {
    await this.driver.click(popupNames.logOut);
    await this.driver.waitForHeading(popupNames.signInHeading);
    await this.driver.waitForNoButton(popupNames.refreshNow);
  }
}

/** The Chromium specs' driver: Playwright's locators and web-first assertions. */
export function playwrightPopup(page: Page): PopupPage {
  return new PopupPage({
    fill: (label, value) => page.getByLabel(label).fill(value),
    click: (name) => page.getByRole('button', { name, exact: true }).click(),
    waitForHeading: (name) => expect(page.getByRole('heading', { name, exact: typeof name === 'string' })).toBeVisible(),
    waitForButton: (name) => expect(page.getByRole('button', { name, exact: true })).toBeVisible(),
    waitForNoButton: (name) => expect(page.getByRole('button', { name, exact: true })).toHaveCount(0),
  });
}
