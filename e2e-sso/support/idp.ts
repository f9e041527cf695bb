/**
 * A real OpenID provider for the SSO browser tests: `oidc-provider` (the certified implementation), with its own
 * freshly generated RSA and EC signing keys, two people with an `email` and a `groups` claim, a client for the app
 * and one for Apache's mod_auth_openidc, and a plain login form Playwright fills in. Started by
 * playwright.sso.config.ts (`npx tsx e2e-sso/support/idp.ts`); everything lives in memory.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import { exportJWK, generateKeyPair } from "jose";
import Provider, { type KoaContextWithOIDC } from "oidc-provider";
import { SSO } from "./sso-env";

type Person = (typeof SSO.people)[keyof typeof SSO.people];
const people: Record<string, Person> = SSO.people;

async function signingKey(alg: "RS256" | "ES256", kid: string) {
  const { privateKey } = await generateKeyPair(alg, { extractable: true });
  return { ...(await exportJWK(privateKey)), kid, alg, use: "sig" };
}

const apacheRedirects = [SSO.apacheHeader, SSO.apacheJwt].map((a) => `${a.url}/oidc-redirect`);

async function createProvider(): Promise<Provider> {
  return new Provider(SSO.issuer, {
    clients: [
      {
        client_id: SSO.appClient.id,
        client_secret: SSO.appClient.secret,
        redirect_uris: [`${SSO.oidcApp.url}/auth/callback`],
        post_logout_redirect_uris: [`${SSO.oidcApp.url}/auth/signed-out`],
        id_token_signed_response_alg: "RS256",
      },
      {
        client_id: SSO.apacheClient.id,
        client_secret: SSO.apacheClient.secret,
        redirect_uris: apacheRedirects,
        id_token_signed_response_alg: "ES256",
      },
    ],
    jwks: { keys: [await signingKey("RS256", "idp-rsa-1"), await signingKey("ES256", "idp-ec-1")] },
    claims: {
      openid: ["sub"],
      email: ["email", "email_verified"],
      profile: ["name", "preferred_username"],
      groups: ["groups"],
    },
    // Put the granted claims (groups) into the ID token itself: the jwt mode behind Apache verifies only that token.
    conformIdTokenClaims: false,
    async findAccount(_ctx: KoaContextWithOIDC, id: string) {
      const person = people[id];
      if (!person) return undefined;
      return {
        accountId: id,
        claims: async () => ({
          sub: id,
          email: person.email,
          email_verified: true,
          name: id,
          preferred_username: id,
          groups: [...person.groups],
        }),
      };
    },
    // First-party clients: no consent screen, every requested scope and claim is granted.
    async loadExistingGrant(ctx: KoaContextWithOIDC) {
      const { client, session, provider: op } = ctx.oidc;
      if (!client || !session?.accountId) return undefined;
      const existing = ctx.oidc.result?.consent?.grantId || session.grantIdFor(client.clientId);
      if (existing) return op.Grant.find(existing);
      const grant = new op.Grant({ clientId: client.clientId, accountId: session.accountId });
      grant.addOIDCScope("openid email profile groups");
      grant.addOIDCClaims(["email", "email_verified", "groups", "name", "preferred_username"]);
      await grant.save();
      return grant;
    },
    pkce: { required: () => true },
    features: {
      devInteractions: { enabled: false },
      // The stock logout page pulls a web font from the internet; this one is self-contained.
      rpInitiatedLogout: {
        enabled: true,
        async logoutSource(ctx: KoaContextWithOIDC, form: string) {
          ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-out</title></head><body>
<h1>Sign out of the test IdP?</h1>${form}<button type="submit" form="op.logoutForm" name="logout" value="yes">Yes, sign me out</button></body></html>`;
        },
      },
    },
    interactions: {
      url: (_ctx: KoaContextWithOIDC, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
    },
    cookies: { keys: ["idp-cookie-key-for-tests-only-0123456789"] },
  });
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function loginPage(res: ServerResponse, uid: string, error?: string) {
  res.writeHead(error ? 401 : 200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
  res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test IdP sign-in</title></head><body>
<h1>Test IdP sign-in</h1>${error ? `<p role="alert">${escapeHtml(error)}</p>` : ""}
<form method="post" action="/interaction/${escapeHtml(uid)}/login">
<label>Username <input name="login" autocomplete="username" required></label>
<label>Password <input name="password" type="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form></body></html>`);
}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  let body = "";
  for await (const chunk of req) body += chunk;
  return new URLSearchParams(body);
}

async function interaction(provider: Provider, req: IncomingMessage, res: ServerResponse, path: string) {
  const details = await provider.interactionDetails(req, res);
  if (req.method === "POST" && path.endsWith("/login")) {
    const form = await readForm(req);
    const person = people[form.get("login") ?? ""];
    if (!person || person.password !== form.get("password"))
      return loginPage(res, details.uid, "Wrong username or password");
    return provider.interactionFinished(
      req,
      res,
      { login: { accountId: person.login } },
      { mergeWithLastSubmission: false },
    );
  }
  if (details.prompt.name === "login") return loginPage(res, details.uid);
  // Any other prompt (consent) is answered by loadExistingGrant above; finishing here just resumes the flow.
  return provider.interactionFinished(req, res, {}, { mergeWithLastSubmission: true });
}

async function main() {
  const provider = await createProvider();
  const handle = provider.callback();
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    if (!path.startsWith("/interaction/")) return void handle(req, res);
    interaction(provider, req, res, path).catch((e: unknown) => {
      res.writeHead(400, { "Content-Type": "text/plain" });
      res.end(`interaction failed: ${e instanceof Error ? e.message : "unknown"}`);
    });
  });
  server.listen(SSO.idpPort, "127.0.0.1", () => console.log(`test IdP on ${SSO.issuer}`));
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.close(() => process.exit(0)));
}

void main();
