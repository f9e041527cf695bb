import { exportSPKI, SignJWT, UnsecuredJWT } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import * as cancelRoute from "@/app/api/jobs/[jobId]/cancel/route";
import * as meRoute from "@/app/api/me/route";
import * as healthRoute from "@/app/api/health/route";
import { resetKeyCachesForTests } from "@/lib/server/auth/jwt-keys";
import { listAudit } from "@/lib/server/audit";
import { resetConfigForTests } from "@/lib/server/config";
import { APP, get, params, post, startHarness, type Harness } from "../support/route-harness";
import {
  now,
  PROXY_SECRET,
  signingKey,
  signToken,
  startKeyServer,
  type KeyServer,
  type SigningKey,
} from "./auth-support";

/**
 * Every refusal through the real route handlers: the answer is a 4xx JSON error, CI (the in-process emulator) sees
 * no call, and the audit log gets no row.
 */

const SECRET = { "x-auth-proxy-secret": PROXY_SECRET };
const OPERATOR = { ...SECRET, "x-forwarded-email": "olivia@example.com", "x-forwarded-groups": "media-ops" };
const VIEWER = { ...SECRET, "x-forwarded-email": "victor@example.com", "x-forwarded-groups": "readers" };
const OUTSIDER = { ...SECRET, "x-forwarded-email": "carl@example.com", "x-forwarded-groups": "contractors" };
const headerEnv = {
  AUTH_MODE: "header",
  AUTH_PROXY_SECRET: PROXY_SECRET,
  PUBLIC_ORIGIN: APP,
  AUTH_OPERATOR_GROUPS: "media-ops",
  AUTH_ALLOWED_GROUPS: "readers",
};

let h: Harness;
let workflowId: string;

const trigger = (name: string) => ({
  Name: name,
  Type: "Workflow",
  Input: { Prefix: "pause/in/" },
  Operation: { WorkflowIds: workflowId },
});
const ciCalls = async () => Object.values(await h.stats()).reduce((a, b) => a + b, 0);
const auditRows = async () => (await listAudit({ limit: 200 })).entries.length;

function useEnv(env: Record<string, string | undefined>) {
  for (const [k, v] of Object.entries(env)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
}

/** Runs `send`, then checks: a JSON error with that status, no CI call, no audit row. */
async function expectRefused(
  status: number,
  send: () => Promise<Response>,
): Promise<{ code: string; message: string }> {
  await h.admin("stats/reset", { method: "POST" });
  const rowsBefore = await auditRows();
  const res = await send();
  expect(res.status).toBe(status);
  expect(res.headers.get("content-type")).toMatch(/application\/json/);
  const body = (await res.json()) as { error: { code: string; message: string } };
  expect(body.error.message).toBeTruthy();
  expect(await ciCalls()).toBe(0);
  expect(await auditRows()).toBe(rowsBefore);
  return body.error;
}

beforeAll(async () => {
  h = await startHarness(headerEnv);
  const wf = (await (
    await import("@/app/api/ci/workflows/route")
  )
    .GET(get("/api/ci/workflows", OPERATOR))
    .then((r) => r.json())) as { items: { id: string; state?: string }[] };
  workflowId = wf.items.find((w) => w.state === "Active")!.id;
});
afterAll(async () => h.close());

describe("header mode behind a proxy secret", () => {
  beforeEach(() => useEnv(headerEnv));

  it("baseline: the operator through the proxy triggers (one CI call, one audit row), so the counters below can fail", async () => {
    await h.admin("stats/reset", { method: "POST" });
    const rows = await auditRows();
    const res = await jobsRoute.POST(post("/api/jobs", trigger("auth-baseline"), {}, OPERATOR));
    expect(res.status).toBe(201);
    expect(await ciCalls()).toBeGreaterThanOrEqual(1);
    expect(await auditRows()).toBe(rows + 1);
  });

  it.each([
    ["no secret", { "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "media-ops" }],
    ["a wrong secret", { ...OPERATOR, "x-auth-proxy-secret": "w".repeat(40) }],
    ["a short secret", { ...OPERATOR, "x-auth-proxy-secret": "x" }],
    ["a duplicated user header", { ...OPERATOR, "x-forwarded-email": "victor@example.com, olivia@example.com" }],
    ["a 10 kB user header", { ...OPERATOR, "x-forwarded-email": `${"a".repeat(10_240)}@example.com` }],
    ["garbage cookies and no identity", { ...SECRET, cookie: "session=%%%; __Host-x=\u00ff\u00fe; ;;=;" }],
  ])("a trigger with %s → 401, no CI call, no audit row", async (_t, identity) => {
    const e = await expectRefused(401, () => jobsRoute.POST(post("/api/jobs", trigger("forged"), {}, identity)));
    expect(e.code).toBe("Unauthenticated");
  });

  it("viewer trigger and cancel → 403", async () => {
    expect(
      (await expectRefused(403, () => jobsRoute.POST(post("/api/jobs", trigger("viewer"), {}, VIEWER)))).code,
    ).toBe("Forbidden");
    expect(
      (
        await expectRefused(403, () =>
          cancelRoute.POST(post("/api/jobs/j1/cancel", {}, {}, VIEWER), params({ jobId: "j1" })),
        )
      ).code,
    ).toBe("Forbidden");
  });

  it("a signed-in user outside AUTH_ALLOWED_GROUPS → 403 with a clear message, for reads too", async () => {
    const e = await expectRefused(403, () => jobsRoute.GET(get("/api/jobs?size=1", OUTSIDER)));
    expect(e).toMatchObject({
      code: "NoAccess",
      message: expect.stringContaining("not in a group that may use this dashboard"),
    });
    await expectRefused(403, () => jobsRoute.POST(post("/api/jobs", trigger("outsider"), {}, OUTSIDER)));
  });

  it("changes must come from PUBLIC_ORIGIN, not from whatever Host the client sends (DNS rebinding)", async () => {
    const rebound = { origin: "http://rebound.example", host: "rebound.example" };
    expect(
      (await expectRefused(403, () => jobsRoute.POST(post("/api/jobs", trigger("rebound"), rebound, OPERATOR)))).code,
    ).toBe("CrossOriginRefused");
    await expectRefused(403, () =>
      jobsRoute.POST(post("/api/jobs", trigger("evil"), { origin: "https://evil.example" }, OPERATOR)),
    );
  });

  it("/api/me tells the role; signOutUrl is null outside oidc mode", async () => {
    const me = async (who: Record<string, string>) =>
      (await (await meRoute.GET(get("/api/me", who))).json()) as {
        role: string;
        signOutUrl: string | null;
        canTrigger: boolean;
      };
    expect(await me(OPERATOR)).toMatchObject({ role: "operator", canTrigger: true, signOutUrl: null });
    expect(await me(VIEWER)).toMatchObject({ role: "viewer", canTrigger: false, signOutUrl: null });
  });

  it("deny by default: with no operator groups or users nobody may trigger, unless AUTH_EVERYONE_OPERATES=1", async () => {
    useEnv({ ...headerEnv, AUTH_OPERATOR_GROUPS: undefined, AUTH_ALLOWED_GROUPS: undefined });
    await expectRefused(403, () => jobsRoute.POST(post("/api/jobs", trigger("nobody"), {}, OPERATOR)));
    useEnv({
      ...headerEnv,
      AUTH_OPERATOR_GROUPS: undefined,
      AUTH_ALLOWED_GROUPS: undefined,
      AUTH_OPERATOR_USERS: "olivia@example.com",
    });
    expect((await (await meRoute.GET(get("/api/me", OPERATOR))).json()) as object).toMatchObject({ role: "operator" });
    expect(
      (await (
        await meRoute.GET(get("/api/me", { ...OPERATOR, "x-forwarded-email": "Olivia@example.com" }))
      ).json()) as object,
    ).toMatchObject({ role: "viewer" });
    useEnv({
      ...headerEnv,
      AUTH_OPERATOR_GROUPS: undefined,
      AUTH_ALLOWED_GROUPS: undefined,
      AUTH_EVERYONE_OPERATES: "1",
    });
    expect((await (await meRoute.GET(get("/api/me", VIEWER))).json()) as object).toMatchObject({ role: "operator" });
    useEnv({ AUTH_OPERATOR_USERS: undefined, AUTH_EVERYONE_OPERATES: undefined });
  });

  it("in production, a request addressed to another host → 421; health stays reachable for probes", async () => {
    const nodeEnv = process.env.NODE_ENV;
    useEnv({ ...headerEnv, NODE_ENV: "production" });
    try {
      const e = await expectRefused(421, () =>
        jobsRoute.GET(
          new Request(`http://10.0.0.5:3000/api/jobs`, { headers: { ...OPERATOR, host: "10.0.0.5:3000" } }),
        ),
      );
      expect(e.code).toBe("MisdirectedRequest");
      await expectRefused(421, () =>
        jobsRoute.GET(
          new Request(`${APP}/api/jobs`, {
            headers: { ...OPERATOR, host: "dashboard.test", "x-forwarded-host": "evil.example" },
          }),
        ),
      );
      expect(
        (
          await jobsRoute.GET(
            new Request(`${APP}/api/jobs?size=1`, { headers: { ...OPERATOR, host: "dashboard.test" } }),
          )
        ).status,
      ).toBe(200);
      expect(
        (await healthRoute.GET(new Request("http://10.0.0.5:3000/api/health", { headers: { host: "10.0.0.5:3000" } })))
          .status,
      ).toBe(200);
    } finally {
      useEnv({ NODE_ENV: nodeEnv });
    }
  });
});

describe("jwt mode", () => {
  let keys: KeyServer;
  let rsa: SigningKey;
  const ISS = "https://idp.corp";
  const claims = { iss: ISS, aud: "ci-console", email: "ann@corp.example", groups: ["media-ops"] };
  const jwtEnv = {
    ...headerEnv,
    AUTH_MODE: "jwt",
    AUTH_PROXY_SECRET: undefined,
    AUTH_JWT_ISSUER: ISS,
    AUTH_JWT_AUDIENCE: "ci-console",
    AUTH_ALLOWED_GROUPS: undefined,
  };
  const asBearer = (token: string) => ({ authorization: `Bearer ${token}` });

  beforeAll(async () => {
    keys = await startKeyServer();
    rsa = await signingKey("RS256", "rsa-1");
    keys.set("/jwks", { keys: [rsa.publicJwk] });
  });
  beforeEach(() => useEnv({ ...jwtEnv, AUTH_JWKS_URL: `${keys.url}/jwks` }));
  afterEach(() => resetKeyCachesForTests());
  afterAll(async () => {
    await keys.close();
    useEnv(headerEnv);
  });

  it("baseline: a valid token triggers", async () => {
    expect(
      (await jobsRoute.POST(post("/api/jobs", trigger("jwt-ok"), {}, asBearer(await signToken(rsa, claims))))).status,
    ).toBe(201);
  });

  it("each forged or broken token → 401 JSON, no CI call, no audit row", async () => {
    const pem = new TextEncoder().encode(await exportSPKI(rsa.publicKey));
    const forged: [string, string][] = [
      ["alg none", new UnsecuredJWT({ ...claims, exp: now() + 300 }).encode()],
      [
        "HS256 with the public key",
        await new SignJWT({ ...claims, exp: now() + 300 }).setProtectedHeader({ alg: "HS256", kid: "rsa-1" }).sign(pem),
      ],
      ["wrong iss", await signToken(rsa, { ...claims, iss: "https://evil.example" })],
      ["wrong aud", await signToken(rsa, { ...claims, aud: "other" })],
      ["expired", await signToken(rsa, { ...claims, iat: now() - 900, exp: now() - 300 })],
      ["nbf in the future", await signToken(rsa, { ...claims, nbf: now() + 600 })],
      ["unknown kid", await signToken(await signingKey("RS256", "rsa-unknown"), claims)],
      ["malformed", "eyJhbGciOiJSUzI1NiJ9.%%%.x"],
      ["10 kB", `${"A".repeat(10_240)}.B.C`],
    ];
    for (const [, token] of forged) {
      await expectRefused(401, () => jobsRoute.POST(post("/api/jobs", trigger("forged-jwt"), {}, asBearer(token))));
    }
  });

  it("hostile input in every header never gives a 5xx", async () => {
    const nasty = [
      "",
      " ",
      "Bearer ",
      "Bearer \u00ff\u00fe",
      "Bearer a.b.c.d",
      `Bearer ${"=".repeat(9_000)}`,
      "Bearer eyJ.eyJ.",
      "null",
      "Bearer e30.e30.",
      "Bearer W10.W10.W10",
    ];
    for (const value of nasty) {
      const res = await jobsRoute.GET(get("/api/jobs?size=1", { authorization: value, cookie: value || "x" }));
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("Unauthenticated");
    }
  });
});
