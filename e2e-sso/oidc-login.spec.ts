import { expect, test } from "@playwright/test";
import { SSO } from "./support/sso-env";
import { auditEntries, me, postTrigger, signInAtIdp, uniqueName } from "./support/sso-helpers";

/**
 * AUTH_MODE=oidc: the app signs people in itself against a real OpenID provider (code flow + PKCE), keeps them in
 * an encrypted cookie, and takes their role from the `groups` claim (alice: media-ops = operator, bob: readers).
 */
const APP = SSO.oidcApp.url;
const { alice, bob } = SSO.people;

test.use({ baseURL: APP });

test("alice signs in at the IdP, lands on the page she asked for, triggers a job, and the audit log names her", async ({
  page,
}) => {
  await page.goto("/audit?from=sso");
  await signInAtIdp(page, alice);
  await expect(page).toHaveURL(`${APP}/audit?from=sso`);
  await expect(page.getByRole("heading", { name: "You are not signed in" })).toHaveCount(0);

  const cookies = await page.context().cookies(APP);
  const session = cookies.find((c) => c.name === "ci-console-session");
  expect(session, "session cookie").toBeDefined();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");
  // http on loopback only: over https the cookie is `__Host-…; Secure` (test/server/oidc-session.test.ts).
  expect(session!.value.split(".")).toHaveLength(5); // a JWE, not readable claims
  expect(session!.value).not.toContain("alice");

  const who = await me(page.request, APP);
  expect(who.status).toBe(200);
  expect(who.body.user).toMatchObject({ id: alice.email, name: "alice", groups: ["media-ops"] });
  expect(who.body.canTrigger).toBe(true);

  const name = uniqueName("alice");
  const trigger = await postTrigger(page.request, APP, name);
  expect(trigger.status).toBe(201);
  const jobId = (trigger.body.job as { JobId: string }).JobId;
  const rows = await auditEntries(page.request, APP);
  expect(rows.find((r) => r.jobId === jobId)?.actor).toBe(alice.email);

  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByText(name).first()).toBeVisible();
});

test("bob (readers) is a viewer: he can look, but a trigger is refused with 403 and leaves no audit row", async ({
  page,
}) => {
  await page.goto("/jobs");
  await signInAtIdp(page, bob);
  await expect(page).toHaveURL(`${APP}/jobs`);
  const who = await me(page.request, APP);
  expect(who.body.user.id).toBe(bob.email);
  expect(who.body.canTrigger).toBe(false);

  const name = uniqueName("bob");
  const trigger = await postTrigger(page.request, APP, name);
  expect(trigger.status).toBe(403);
  expect((trigger.body.error as { code: string }).code).toBe("Forbidden");
  expect((await auditEntries(page.request, APP)).some((r) => r.actor === bob.email)).toBe(false);
});

test("sign-out clears the session here and at the IdP (RP-initiated logout)", async ({ page }) => {
  await page.goto("/jobs");
  await signInAtIdp(page, alice);
  await expect(page).toHaveURL(`${APP}/jobs`);
  expect((await me(page.request, APP)).status).toBe(200);

  await page.getByRole("button", { name: "Sign out" }).click();
  // The app's cookie is cleared first; the browser then moves on to the IdP's end_session_endpoint.
  // oidc-provider asks before ending its own session (its guard against cross-site logout).
  await page.getByRole("button", { name: "Yes, sign me out" }).click();
  await expect(page).toHaveURL(`${APP}/auth/signed-out`);
  await expect(page.getByRole("heading", { name: "You are signed out" })).toBeVisible();
  expect((await page.context().cookies(APP)).some((c) => c.name === "ci-console-session")).toBe(false);
  const after = await me(page.request, APP);
  expect(after.status).toBe(401);
  expect(after.body.error?.code).toBe("Unauthenticated");

  // The IdP session is gone too: visiting the dashboard asks for the password again.
  await page.getByRole("link", { name: "Sign in again" }).click();
  await expect(page.getByRole("heading", { name: "Test IdP sign-in" })).toBeVisible();
});

test("no session: pages redirect to the sign-in, the API answers 401 JSON; garbage or oversized cookies change nothing", async ({
  page,
  request,
}) => {
  const api = await request.get(`${APP}/api/jobs`, { maxRedirects: 0 });
  expect(api.status()).toBe(401);
  expect((await api.json()).error.code).toBe("Unauthenticated");

  const visit = await request.get(`${APP}/jobs?state=Running`, { maxRedirects: 0 });
  expect(visit.status()).toBe(303);
  expect(new URL(visit.headers().location!, APP).href).toBe(`${APP}/auth/login?returnTo=%2Fjobs%3Fstate%3DRunning`);

  for (const value of ["garbage", "a.b.c.d.e", "x".repeat(10_000), "eyJhbGciOiJub25lIn0.e30."]) {
    const res = await request.get(`${APP}/api/me`, { headers: { cookie: `ci-console-session=${value}` } });
    expect(res.status(), value.slice(0, 20)).toBe(401);
    expect((await res.json()).error.code).toBe("Unauthenticated");
  }
  await page.context().addCookies([{ name: "ci-console-session", value: "not-a-session", url: APP }]);
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Test IdP sign-in" })).toBeVisible();
});

test("the IdP refuses a wrong password; a callback without this browser's login attempt is refused (400)", async ({
  page,
  request,
}) => {
  await page.goto("/jobs");
  await signInAtIdp(page, { ...alice, password: "not-her-password" });
  await expect(page.getByRole("alert")).toHaveText("Wrong username or password");

  // A code and state the browser never asked for (login CSRF, or a link from someone else's login).
  const forged = await request.get(
    `${APP}/auth/callback?code=stolen&state=forged&iss=${encodeURIComponent(SSO.issuer)}`,
    { maxRedirects: 0 },
  );
  expect(forged.status()).toBe(400);
  expect(forged.headers()["set-cookie"] ?? "").not.toContain("ci-console-session=");
  // An open redirect through returnTo is not possible: it falls back to /jobs.
  const login = await request.get(`${APP}/auth/login?returnTo=//evil.example/`, { maxRedirects: 0 });
  expect(login.status()).toBe(303);
  expect(new URL(login.headers().location!).origin).toBe(SSO.issuer);
});
