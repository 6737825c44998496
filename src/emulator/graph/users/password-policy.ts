/**
 * Entra ID's cloud password policy as far as Graph enforces it on create and reset: 8–256
 * characters from the allowed set, three of four character classes, and the banned-password
 * check (terms found after normalising common substitutions score one point each, every other
 * character one point; fewer than five points is too weak).
 */

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 256;
const REQUIRED_CLASSES = 3;
const MIN_BANNED_SCORE = 5;

const ALLOWED = /^[A-Za-z0-9@#$%^&*\-_!+=[\]{}|\\:',.?/`~"();<> ]+$/;

const SUBSTITUTIONS: Record<string, string> = {
  '0': 'o',
  '1': 'l',
  '3': 'e',
  '4': 'a',
  '5': 's',
  '7': 't',
  '@': 'a',
  $: 's',
  '!': 'i',
};

/** A small stand-in for Microsoft's global banned list. */
const BANNED_TERMS = [
  'password',
  'welcome',
  'qwerty',
  'letmein',
  'admin',
  'changeme',
  'iloveyou',
  'monkey',
  'dragon',
  'football',
  'summer',
  'winter',
  'spring',
  'autumn',
  'microsoft',
  'office',
  'abc123',
  'azure',
];

function bannedScore(password: string): number {
  let normalised = [...password.toLowerCase()].map((ch) => SUBSTITUTIONS[ch] ?? ch).join('');
  let score = 0;
  for (const term of BANNED_TERMS) {
    while (normalised.includes(term)) {
      normalised = normalised.replace(term, '');
      score += 1;
    }
  }
  return score + normalised.length;
}

/** True when `password` satisfies the policy. */
export function isStrongPassword(password: string): boolean {
  if (password.length < PASSWORD_MIN_LENGTH || password.length > PASSWORD_MAX_LENGTH) return false;
  if (!ALLOWED.test(password)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((re) => re.test(password)).length;
  if (classes < REQUIRED_CLASSES) return false;
  return bannedScore(password) >= MIN_BANNED_SCORE;
}
