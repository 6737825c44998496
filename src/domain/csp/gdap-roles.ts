/** Entra built-in role template ids MSPs put in GDAP relationships, with the names people know. */
export const GDAP_ROLE_NAMES: Readonly<Record<string, string>> = {
  '62e90394-69f5-4237-9190-012177145e10': 'Global Administrator',
  'fe930be7-5e62-47db-91af-98c3a49a38b1': 'User Administrator',
  '729827e3-9c14-49f7-bb1b-9608f156bbb8': 'Helpdesk Administrator',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a': 'License Administrator',
  'fdd7a751-b60b-444a-984c-02652fe8fa1c': 'Groups Administrator',
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b': 'Directory Readers',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451': 'Global Reader',
  '3a2c62db-5318-420d-8d74-23affee5d9d5': 'Intune Administrator',
  '29232cdf-9323-42fd-ade2-1d097af3e4de': 'Exchange Administrator',
  '7698a772-787b-4ac8-901f-60d6b08affd2': 'Cloud Device Administrator',
  '5d6b6bb7-de71-4623-b4af-96380a352509': 'Security Reader',
  'e8611ab8-c189-46e8-94e1-60213ab1f814': 'Privileged Role Administrator',
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3': 'Application Administrator',
  '158c047a-c907-4556-b7ef-446551a6b5f7': 'Cloud Application Administrator',
};

/** The role's name, or null for a role this table does not know (shown by id). */
export function gdapRoleName(roleDefinitionId: string): string | null {
  return GDAP_ROLE_NAMES[roleDefinitionId.toLowerCase()] ?? null;
}

/**
 * Guide 002 "Authorizing Connection": the roles that let Rollcall read a customer's directory
 * (any one of them is enough).
 */
export const DIRECTORY_READING_ROLES = [
  '88d8e3e3-8f55-4a1e-953a-9b9898b8876b',
  'f2ef992c-3afb-46b9-b7cf-a126ee74c451',
  'fe930be7-5e62-47db-91af-98c3a49a38b1',
  '4d6ac14f-3453-41d0-bef9-a3e0c569773a',
  '62e90394-69f5-4237-9190-012177145e10',
] as const;
