import { expect, test } from "@playwright/test";
import { SSO } from "./support/sso-env";
import { auditEntries, me, postTrigger, signInAtIdp, uniqueName } from "./support/sso-helpers";

/**
 * A real SSO proxy in front of the app: Debian's Apache + mod_auth_openidc (e2e-sso/support/apache.ts) logs people
 * in at the test IdP and passes x-forwarded-email / x-forwarded-groups plus the proxy secret to the app, which runs in
 * AUTH_MODE=header with AUTH_PROXY_SECRET. Calling the app's own port around the proxy must get nowhere.
 */
const PROXY = SSO.apacheHeader.url;
const APP_PORT_DIRECTLY = SSO.headerApp.url;
const { alice, bob } = SSO.people;

test.skip(
  process.env.SSO_E2E_APACHE !== "1",
  "Apache httpd with mod_auth_openidc is not installed (apt-get install apache2 libapache2-mod-auth-openidc)",
);

test("alice logs in through Apache and lands on the dashboard as an operator; her trigger is hers in the audit log", async ({
  page,
}) => {
  await page.goto(`${PROXY}/jobs`);
  await signInAtIdp(page, alice);
  await expect(page).toHaveURL(`${PROXY}/jobs`);
  await expect(page.getByRole("heading", { name: "You are not signed in" })).toHaveCount(0);
  await expect(page.getByRole("heading", { name: "Batch jobs" })).toBeVisible();

  const who = await me(page.request, PROXY);
  expect(who.status).toBe(200);
  expect(who.body.user).toMatchObject({ id: alice.email, groups: ["media-ops"] });
  expect(who.body.canTrigger).toBe(true);

  const trigger = await postTrigger(page.request, PROXY, uniqueName("apache"));
  expect(trigger.status).toBe(201);
  const jobId = (trigger.body.job as { JobId: string }).JobId;
  expect((await auditEntries(page.request, PROXY)).find((r) => r.jobId === jobId)?.actor).toBe(alice.email);
});

test("through Apache, identity headers a client sends itself are replaced by the logged-in person's", async ({
  page,
}) => {
  await page.goto(`${PROXY}/jobs`);
  await signInAtIdp(page, bob);
  await expect(page).toHaveURL(`${PROXY}/jobs`);
  const forged = await page.request.get(`${PROXY}/api/me`, {
    headers: {
      "x-forwarded-email": "mallory@example.com",
      "x-forwarded-groups": "media-ops",
      "x-auth-proxy-secret": "guess",
    },
  });
  expect(forged.status()).toBe(200);
  const body = await forged.json();
  expect(body.user.id).toBe(bob.email);
  expect(body.user.groups).toEqual(["readers"]);
  expect(body.canTrigger).toBe(false);
  expect((await postTrigger(page.request, PROXY, uniqueName("bob-apache"))).status).toBe(403);
});

test("calling the app's port directly, around Apache, with forged identity headers is refused (401)", async ({
  request,
}) => {
  const headers = { "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "media-ops" };
  const direct = await request.get(`${APP_PORT_DIRECTLY}/api/me`, { headers });
  expect(direct.status()).toBe(401);
  expect((await direct.json()).error.code).toBe("Unauthenticated");
  const wrongSecret = await request.get(`${APP_PORT_DIRECTLY}/api/me`, {
    headers: { ...headers, "x-auth-proxy-secret": "not-the-secret" },
  });
  expect(wrongSecret.status()).toBe(401);
  const trigger = await request.post(`${APP_PORT_DIRECTLY}/api/jobs`, {
    headers: { ...headers, "Content-Type": "application/json", Origin: PROXY },
    data: { Name: "forged", Type: "Workflow", Input: { Prefix: "x/" }, Operation: { WorkflowIds: "w" } },
  });
  expect(trigger.status()).toBe(401);
  // Without a login, Apache itself sends the browser to the IdP (nothing of the app is served).
  const anonymous = await request.get(`${PROXY}/api/me`, { headers, maxRedirects: 0 });
  expect(anonymous.status()).toBe(302);
  expect(new URL(anonymous.headers().location!).origin).toBe(SSO.issuer);
});
