import { expect, test } from "@playwright/test";
import { SSO } from "./support/sso-env";
import { me, postTrigger, signInAtIdp, uniqueName } from "./support/sso-helpers";

/**
 * AUTH_MODE=jwt behind a real SSO proxy: Apache + mod_auth_openidc forwards the ID token it got from the test IdP
 * (`OIDCPassIDTokenAs serialized` → `Authorization: Bearer …`), and the app verifies it against the IdP's JWKS.

 */
const PROXY = SSO.apacheJwt.url;
const APP_PORT_DIRECTLY = SSO.jwtApp.url;
const { alice, bob } = SSO.people;

test.skip(process.env.SSO_E2E_APACHE !== "1", "Apache httpd with mod_auth_openidc is not installed");

test("alice logs in through Apache; the forwarded ID token signs her in as an operator (jwt mode)", async ({
  page,
}) => {
  await page.goto(`${PROXY}/jobs`);
  await signInAtIdp(page, alice);
  await expect(page).toHaveURL(`${PROXY}/jobs`);
  const who = await me(page.request, PROXY);
  expect(who.status).toBe(200);
  expect(who.body.user.id).toBe(alice.email);
  expect(who.body.canTrigger).toBe(true);
  expect((await postTrigger(page.request, PROXY, uniqueName("jwt"))).status).toBe(201);
});

test("bob's forwarded token makes him a viewer (403 on trigger)", async ({ page }) => {
  await page.goto(`${PROXY}/jobs`);
  await signInAtIdp(page, bob);
  await expect(page).toHaveURL(`${PROXY}/jobs`);
  expect((await me(page.request, PROXY)).body.canTrigger).toBe(false);
  expect((await postTrigger(page.request, PROXY, uniqueName("jwt-bob"))).status).toBe(403);
});

test("around Apache: no token, an unsigned token, or forged headers get 401", async ({ request }) => {
  const unsigned = `${Buffer.from('{"alg":"none"}').toString("base64url")}.${Buffer.from(JSON.stringify({ iss: SSO.issuer, aud: SSO.apacheClient.id, email: "mallory@example.com", groups: ["media-ops"], exp: 4102444800 })).toString("base64url")}.`;
  const attempts: Record<string, string>[] = [
    {},
    { authorization: `Bearer ${unsigned}` },
    { "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "media-ops" },
  ];
  for (const headers of attempts) {
    const res = await request.get(`${APP_PORT_DIRECTLY}/api/me`, { headers });
    expect(res.status(), JSON.stringify(headers).slice(0, 60)).toBe(401);
  }
});
