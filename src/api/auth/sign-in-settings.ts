import {
  DEFAULT_SIGN_IN_SETTINGS,
  signInSettingsSchema,
  type SignInSettings,
} from '../../contracts/api/sign-in-settings.js';
import { createSettingsRepository, type Database } from '../../store/index.js';

/** The `settings` key holding the sign-in settings. */
export const SIGN_IN_SETTINGS_KEY = 'sign-in';

/**
 * The stored sign-in settings, or the defaults when none are stored. A stored value that no longer
 * parses (edited by hand, or from an older version) also falls back to the defaults, which are the
 * safe choice: JIT off.
 */
export function parseSignInSettings(value: unknown): SignInSettings {
  const parsed = signInSettingsSchema.safeParse(value);
  return parsed.success ? parsed.data : DEFAULT_SIGN_IN_SETTINGS;
}

export async function loadSignInSettings(db: Database): Promise<SignInSettings> {
  return parseSignInSettings(await createSettingsRepository(db).get(SIGN_IN_SETTINGS_KEY));
}

/** Whether people of `tenantId` may sign in with Microsoft. */
export function tenantAllowed(settings: SignInSettings, tenantId: string): boolean {
  return settings.allowedTenants === 'any' || settings.allowedTenants.includes(tenantId.toLowerCase());
}
