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
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
}

/** For routes that exist only in AUTH_MODE=oidc. */
export const notInOidcMode = () => authProblemResponse(404, "This dashboard does not use its own sign-in (AUTH_MODE is not oidc).");
