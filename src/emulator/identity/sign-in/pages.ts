/**
 * The sign-in, consent and error pages: deliberately minimal HTML with labelled controls so a
 * person or a browser test (getByLabel / getByRole) can drive them. No script except form_post.
 */

export function escapeHtml(value: string): string {
  return value
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

function hiddenFields(values: Record<string, string>): string {
  return Object.entries(values)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
}

function alert(message: string | undefined): string {
  return message ? `<p role="alert" id="error">${escapeHtml(message)}</p>` : '';
}

export function signInPage(input: {
  action: string;
  appName: string;
  params: Record<string, string>;
  login: string;
  error?: string;
}): string {
  return layout(
    'Sign in to your account',
    `<h1>Sign in</h1>
<p>to continue to ${escapeHtml(input.appName)}</p>
${alert(input.error)}
<form method="post" action="${escapeHtml(input.action)}">
${hiddenFields(input.params)}
<p><label for="login">Email or username</label>
<input id="login" name="login" type="text" autocomplete="username" value="${escapeHtml(input.login)}" required></p>
<p><label for="passwd">Password</label>
<input id="passwd" name="passwd" type="password" autocomplete="current-password" required></p>
<p><button type="submit" name="action" value="signin">Sign in</button></p>
</form>`,
  );
}

export function consentPage(input: {
  action: string;
  appName: string;
  params: Record<string, string>;
  session: string;
  login: string;
  permissions: string[];
  /** Admin consent: granted for the whole organisation, no choice offered. */
  admin: boolean;
}): string {
  const items = input.permissions.map((p) => `<li>${escapeHtml(p)}</li>`).join('\n');
  const orgChoice = input.admin
    ? '<p>Accepting grants these permissions for your whole organization.</p>'
    : `<p><input id="consent_org" name="consent_org" type="checkbox" value="true">
<label for="consent_org">Consent on behalf of your organization</label></p>`;
  return layout(
    'Permissions requested',
    `<h1>Permissions requested</h1>
<p>${escapeHtml(input.appName)} wants to (signed in as ${escapeHtml(input.login)}):</p>
<ul aria-label="Requested permissions">
${items}
</ul>
<form method="post" action="${escapeHtml(input.action)}">
${hiddenFields({ ...input.params, session: input.session })}
${orgChoice}
<p><button type="submit" name="action" value="accept">Accept</button>
<button type="submit" name="action" value="decline">Cancel</button></p>
</form>`,
  );
}

export function errorPage(message: string): string {
  return layout('Sign in', `<h1>Sorry, but we're having trouble signing you in.</h1>\n${alert(message)}`);
}

/** `response_mode=form_post`: posts the result to the redirect URI, with a button when scripts are off. */
export function formPostPage(action: string, values: Record<string, string>): string {
  return layout(
    'Working...',
    `<form method="post" action="${escapeHtml(action)}">
${hiddenFields(values)}
<noscript><p><button type="submit">Continue</button></p></noscript>
</form>
<script>document.forms[0].submit();</script>`,
  );
}

export function signedOutPage(): string {
  return layout(
    'Sign out',
    "<h1>You signed out of your account</h1>\n<p>It's a good idea to close all browser windows.</p>",
  );
}
