import { request as httpRequest } from "node:http";
import { connect } from "node:net";
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { E2E, ssoHeaders } from "./support/env";

/**
 * The sign-in boundary as a browser and a direct caller meet it: real statuses (401, 403, 421), a page that says
 * what to do, and forged identity headers without the proxy secret refused.
 */

async function expectNoSeriousA11yViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);
}

/** A raw HTTP request, so the Host header can be anything (browsers and fetch pin it to the URL). */
function rawGet(path: string, headers: Record<string, string>): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: "127.0.0.1", port: E2E.appPort, path, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end();
  });
}

/** Raw header lines on one socket: the only way to send a header twice exactly as a misconfigured proxy would. */
function rawLines(path: string, lines: string[]): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    let data = "";
    const socket = connect(E2E.appPort, "127.0.0.1", () =>
      socket.write(
        [`GET ${path} HTTP/1.1`, `Host: 127.0.0.1:${E2E.appPort}`, ...lines, "Connection: close", "", ""].join("\r\n"),
      ),
    );
    socket.setEncoding("utf8");
    socket.on("data", (c: string) => (data += c));
    socket.on("end", () =>
      resolve({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0),
        body: data.slice(data.indexOf("\r\n\r\n") + 4),
      }),
    );
    socket.on("error", reject);
  });
}

test("repeated header lines through next start: groups lines are separate groups, a repeated user line is refused", async () => {
  const secret = `X-Auth-Proxy-Secret: ${E2E.proxySecret}`;
  const twoGroupLines = await rawLines("/api/me", [
    secret,
    `X-Forwarded-Email: ${E2E.viewer.email}`,
    "X-Forwarded-Groups: readers",
    "X-Forwarded-Groups: media-ops",
  ]);
  expect(twoGroupLines.status).toBe(200);
  expect(twoGroupLines.body).toContain('"groups":["readers","media-ops"]');
  const twoUsers = await rawLines("/api/me", [
    secret,
    `X-Forwarded-Email: ${E2E.viewer.email}`,
    `X-Forwarded-Email: ${E2E.operator.email}`,
    "X-Forwarded-Groups: media-ops",
  ]);
  expect(twoUsers.status).toBe(401);
  expect(twoUsers.body).toContain("arrived more than once");
});

test.describe("not signed in", () => {
  test.use({ extraHTTPHeaders: {} });

  test("the page answers 401 and says how to get in", async ({ page }) => {
    const response = await page.goto("/jobs");
    expect(response?.status()).toBe(401);
    await expect(page.getByRole("heading", { name: "You are not signed in" })).toBeVisible();
    await expect(page.getByRole("link", { name: E2E.appUrl })).toHaveAttribute("href", E2E.appUrl);
    await expect(page.getByRole("table")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page);
  });

  test("identity headers without the proxy secret are refused, on pages and the API", async ({ page, request }) => {
    const forged = { "x-forwarded-email": E2E.operator.email, "x-forwarded-groups": E2E.operator.groups };
    await page.setExtraHTTPHeaders(forged);
    expect((await page.goto("/jobs/new"))?.status()).toBe(401);
    const api = await request.get("/api/jobs?size=1", { headers: forged });
    expect(api.status()).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("Unauthenticated");
    const wrong = await request.get("/api/me", { headers: { ...forged, "x-auth-proxy-secret": "x".repeat(40) } });
    expect(wrong.status()).toBe(401);
  });
});

test.describe("signed in outside AUTH_ALLOWED_GROUPS", () => {
  test.use({ extraHTTPHeaders: ssoHeaders(E2E.outsider) });

  test("the page answers 403 and says whom to ask; the API answers 403 NoAccess", async ({ page, request }) => {
    const response = await page.goto("/audit");
    expect(response?.status()).toBe(403);
    await expect(page.getByRole("heading", { name: "You have no access to this dashboard" })).toBeVisible();
    await expect(page.getByText(/Ask the team that runs the CI Batch Console/)).toBeVisible();
    const api = await request.get("/api/jobs?size=1");
    expect(api.status()).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe("NoAccess");
    await expectNoSeriousA11yViolations(page);
  });
});

test("viewer and operator: /api/me names the role", async ({ playwright }) => {
  for (const [user, role] of [
    [E2E.viewer, "viewer"],
    [E2E.operator, "operator"],
  ] as const) {
    const ctx = await playwright.request.newContext({ baseURL: E2E.appUrl, extraHTTPHeaders: ssoHeaders(user) });
    const me = (await (await ctx.get("/api/me")).json()) as {
      role: string;
      signOutUrl: string | null;
      user: { id: string };
    };
    expect(me).toMatchObject({ role, signOutUrl: null, user: { id: user.email } });
    await ctx.dispose();
  }
});

test("a request addressed to another host (DNS rebinding) is refused: 421 from the API, 404 for pages", async () => {
  const headers = { ...ssoHeaders(E2E.operator), host: "rebound.example" };
  const api = await rawGet("/api/jobs?size=1", headers);
  expect(api.status).toBe(421);
  expect(JSON.parse(api.body)).toMatchObject({ error: { code: "MisdirectedRequest" } });
  const page = await rawGet("/jobs", headers);
  expect(page.status).toBe(404);
  expect(page.body).not.toMatch(/b[0-9a-f]{32}/);
  // The same request with the right Host works, so the refusal above is the Host rule and nothing else.
  expect((await rawGet("/api/jobs?size=1", { ...headers, host: `127.0.0.1:${E2E.appPort}` })).status).toBe(200);
});
