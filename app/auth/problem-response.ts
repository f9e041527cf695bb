import "server-only";

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A small HTML page for a sign-in that went wrong: what happened and a way to start again. Plain HTML because these
 * routes answer a browser navigation, not the dashboard's fetch calls.
 */
export function authProblemResponse(status: number, message: string): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in problem · CI Batch Console</title></head>
<body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<h1>Sign-in problem</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/auth/login">Sign in again</a></p></body></html>`;
  return new Response(html, {
    status,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}

/** For routes that exist only in AUTH_MODE=oidc. */
export const notInOidcMode = () =>
  authProblemResponse(404, "This dashboard does not use its own sign-in (AUTH_MODE is not oidc).");

/**
 * A page that moves the browser on to another site (meta refresh, plus a link). Used after the sign-out form: the
 * CSP's `form-action 'self'` (next.config.js) rightly stops a form submission from being redirected to another
 * origin, so the hop to the identity provider's end_session_endpoint is a separate, ordinary navigation.
 */
export function continueToResponse(location: URL, message: string, headers: Record<string, string> = {}): Response {
  const href = escapeHtml(location.href);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=${href}">
<title>Signing out · CI Batch Console</title></head><body style="font-family:system-ui,sans-serif;max-width:40rem;margin:3rem auto;padding:0 1rem">
<p>${escapeHtml(message)}</p><p><a href="${href}">Continue</a></p></body></html>`;
  return new Response(html, {
    status: 200,
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", ...headers },
  });
}
