import type { Page } from 'playwright-core';
import type { EntraPerson } from './sso-estate.js';

/**
 * From a Rollcall sign-in page: "Sign in with Microsoft", then the emulator's sign-in page (and its
 * consent page when Microsoft would show one). Returns once the browser is back on Rollcall.
 */
export async function signInWithMicrosoft(
  page: Page,
  rollcallBaseUrl: string,
  person: EntraPerson,
): Promise<void> {
  await page.getByRole('link', { name: 'Sign in with Microsoft' }).click();
  await page.getByLabel('Email or username').fill(person.upn);
  await page.getByLabel('Password').fill(person.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const consent = page.getByRole('heading', { name: 'Permissions requested' });
  const back = page.waitForURL((url) => url.href.startsWith(rollcallBaseUrl));
  await Promise.race([back, consent.waitFor()]);
  if (await consent.isVisible()) await page.getByRole('button', { name: 'Accept' }).click();
  await back;
}
