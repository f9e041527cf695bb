import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as healthRoute from "@/app/api/health/route";
import * as liveRoute from "@/app/api/health/live/route";
import * as readyRoute from "@/app/api/health/ready/route";
import { resetRuntimeForTests } from "@/lib/server/ci-runtime";
import { resetConfigForTests } from "@/lib/server/config";
import { closeDb } from "@/lib/server/db";
import { getReadiness, READINESS_CACHE_MS, resetReadinessForTests } from "@/lib/server/readiness";
import { resetShutdownForTests } from "@/lib/server/shutdown";
import { APP, BUCKET, OTHER_BUCKET, startHarness, type Harness } from "../support/route-harness";

let h: Harness;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());
beforeEach(async () => {
  await h.admin("faults", { method: "DELETE" });
  resetReadinessForTests();
  for (const k of [
    "CI_ENDPOINT",
    "CI_SECRET_KEY",
    "DATABASE_URL",
    "AUTH_MODE",
    "AUTH_PROXY_SECRET",
    "PUBLIC_ORIGIN",
    "CI_EMULATOR",
  ])
    saved[k] = process.env[k];
});
afterEach(async () => {
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  resetConfigForTests();
  resetRuntimeForTests();
  resetShutdownForTests();
});

/** A request as a probe sends it: no identity headers at all. */
const probe = (path: string) => new Request(`${APP}${path}`);

/** Nothing an outsider could use: no bucket, host, port, URL, credential or error text. */
function expectNothingSensitive(text: string) {
  for (const secret of [
    BUCKET,
    OTHER_BUCKET,
    "myqcloud",
    "127.0.0.1",
    "localhost",
    "http",
    "postgres",
    "route-test",
    "ECONN",
    "Error",
  ]) {
    expect(text).not.toContain(secret);
  }
}

function reconfigure(env: Record<string, string>) {
  Object.assign(process.env, env);
  resetConfigForTests();
  resetRuntimeForTests();
}

describe("/api/health/live", () => {
  it("answers 200 without an identity, even when CI is down", async () => {
    reconfigure({ CI_ENDPOINT: "http://127.0.0.1:1" });
    const res = await liveRoute.GET(probe("/api/health/live"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ live: true });
  });
});

describe("/api/health/ready", () => {
  it("is ready when the database and CI answer", async () => {
    const res = await readyRoute.GET(probe("/api/health/ready"));
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(await res.json()).toEqual({ ready: true, checks: { database: "ok", ci: "ok" } });
  });

  it("stays ready when CI itself fails (the dashboard shows CI's error; every instance would see it)", async () => {
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 1 }),
    });
    const res = await readyRoute.GET(probe("/api/health/ready"));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ready: true, checks: { database: "ok", ci: "degraded" } });
  });

  it("answers 503 when CI cannot be reached, naming no host or port", async () => {
    reconfigure({ CI_ENDPOINT: "http://127.0.0.1:1" });
    const res = await readyRoute.GET(probe("/api/health/ready"));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ ready: false, checks: { database: "ok", ci: "unreachable" } });
    expectNothingSensitive(text);
  });

  it("answers 503 when CI refuses our key (a misconfigured instance must not take traffic)", async () => {
    // No longer the emulator's demo keys, so the production sign-in settings are needed to start at all.
    reconfigure({
      CI_SECRET_KEY: "not-the-key-the-emulator-knows",
      CI_EMULATOR: "0",
      AUTH_MODE: "header",
      AUTH_PROXY_SECRET: "p".repeat(32),
      PUBLIC_ORIGIN: APP,
    });
    const res = await readyRoute.GET(probe("/api/health/ready"));
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ ready: false, checks: { ci: "refused" } });
    expectNothingSensitive(text);
  });

  it("answers 503 when the database is unavailable, without its URL or error", async () => {
    await closeDb();
    reconfigure({ DATABASE_URL: "postgres://secret-user:secret-pass@127.0.0.1:1/nodb" });
    try {
      const res = await readyRoute.GET(probe("/api/health/ready"));
      expect(res.status).toBe(503);
      const text = await res.text();
      expect(JSON.parse(text)).toMatchObject({ ready: false, checks: { database: "unavailable" } });
      expectNothingSensitive(text);
      expect(text).not.toContain("secret");
      // The older /api/health says no more than an error code either.
      const legacy = await (await healthRoute.GET(probe("/api/health"))).text();
      expect(JSON.parse(legacy)).toMatchObject({ db: { ok: false } });
      expect(legacy).not.toContain("secret");
      expect(legacy).not.toContain("127.0.0.1");
    } finally {
      await closeDb();
    }
  });

  it("reuses one result for a few seconds: a burst of probes costs CI one call", async () => {
    const listCalls = async () => (await h.stats())["GET /inventorytriggerjob"] ?? 0;
    let now = 1_000_000;
    const before = await listCalls();
    await getReadiness(() => now);
    for (let i = 0; i < 5; i++) await getReadiness(() => now + i * 100);
    expect((await listCalls()) - before).toBe(1);
    now += READINESS_CACHE_MS + 1;
    await getReadiness(() => now);
    // The stale result is refreshed (answered from the refresh, which is quick here).
    await new Promise((r) => setTimeout(r, 100));
    expect((await listCalls()) - before).toBe(2);
  });

  it("answers 503 from the first stop signal on", async () => {
    (globalThis as Record<symbol, { since?: number }>)[Symbol.for("ci-batch-console.shutdown")] = { since: Date.now() };
    const res = await readyRoute.GET(probe("/api/health/ready"));
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ready: false, shuttingDown: true });
    expect((await liveRoute.GET(probe("/api/health/live"))).status).toBe(200);
  });
});
