/**
 * Logs through the real route handlers and an in-process emulator: one JSON line per request and per CI call with
 * the fields ops need, and no secret anywhere in the output, even when a secret is handed to the logger by mistake.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import * as jobsRoute from "@/app/api/jobs/route";
import { parseConfig } from "@/lib/server/config-schema";
import { createLogger, logEvent, setLoggerForTests } from "@/lib/server/logger";
import { APP, OPERATOR, SECRET_KEY, get, post, startHarness, type Harness } from "../support/route-harness";

const PROXY_SECRET = "proxy-canary-secret-4242-0123456789abcdef";
const AUTH_HEADER = "Bearer auth-canary-token-9876";
const CALLBACK_TOKEN = "callback-canary-5555";
const METRICS_TOKEN = "metrics-canary-token-31337";
const CANARIES = [SECRET_KEY, PROXY_SECRET, "auth-canary-token-9876", CALLBACK_TOKEN, METRICS_TOKEN];

let h: Harness;
let lines: string[] = [];
const capture = { write: (chunk: string) => void lines.push(...chunk.split("\n").filter(Boolean)) };
const withSecrets = { ...OPERATOR, "x-auth-proxy-secret": PROXY_SECRET, authorization: AUTH_HEADER };

beforeAll(async () => {
  h = await startHarness({ AUTH_PROXY_SECRET: PROXY_SECRET, METRICS_TOKEN });
});
afterAll(async () => {
  setLoggerForTests(undefined);
  await h.close();
});
beforeEach(async () => {
  await h.admin("faults", { method: "DELETE" });
  lines = [];
  setLoggerForTests(createLogger(capture, { ...process.env, LOG_LEVEL: "trace" }));
});

const parsed = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const trigger = (name: string) =>
  jobsRoute.POST(
    post(
      "/api/jobs",
      {
        Name: name,
        Type: "Job",
        Input: { Prefix: "videos/" },
        Operation: {
          Tag: "MediaInfo",
          CallBack: `https://hooks.example.com/cb?token=${CALLBACK_TOKEN}`,
          CallBackType: "Url",
        },
      },
      {},
      withSecrets,
    ),
  );

describe("request and CI call lines", () => {
  it("a list writes one request line and one CI call line, tied by route, user and CI RequestId", async () => {
    const res = await jobsRoute.GET(get("/api/jobs?size=3", withSecrets));
    expect(res.status).toBe(200);
    const rows = parsed();
    const request = rows.filter((r) => r.route === "GET /api/jobs" && r.method === "GET");
    // The list's own call; the first list of a process also reads the picker lists once, for names (ci-names.ts).
    const ci = rows.filter((r) => r.event === "ci-call" && r.ciPath === "/inventorytriggerjob");
    expect(request).toHaveLength(1);
    expect(ci).toHaveLength(1);
    expect(request[0]).toMatchObject({ level: "info", status: 200, user: "olivia@example.com" });
    expect(typeof request[0]!.ms).toBe("number");
    expect(request[0]!.ciRequestId).toEqual(expect.any(String));
    expect(ci[0]).toMatchObject({
      route: "GET /api/jobs",
      user: "olivia@example.com",
      status: 200,
      ciMethod: "GET",
      ciRequestId: request[0]!.ciRequestId,
    });
    expect(typeof ci[0]!.time).toBe("string");
  });

  it("a CI fault logs every attempt as a warning with its code", async () => {
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 1 }),
    });
    expect((await jobsRoute.GET(get("/api/jobs?size=4", withSecrets))).status).toBe(502);
    const ci = parsed().filter((r) => r.event === "ci-call");
    expect(ci.length).toBeGreaterThanOrEqual(2); // reads are retried
    for (const r of ci) expect(r).toMatchObject({ level: "warn", status: 500, code: "InternalError" });
  });

  it("LOG_LEVEL filters lines and is validated at start-up, naming only the variable", () => {
    lines = [];
    const quiet = createLogger(capture, { ...process.env, LOG_LEVEL: "warn" });
    quiet.info({ event: "dropped" });
    quiet.warn({ event: "kept" });
    expect(parsed().map((r) => r.event)).toEqual(["kept"]);
    expect(() => parseConfig({ ...process.env, LOG_LEVEL: "chatty" })).toThrow(/^Invalid configuration: LOG_LEVEL: /);
  });
});

describe("no secret in any line", () => {
  it("triggers (with a callback token), lists, refusals and CI errors never write a canary value", async () => {
    expect((await trigger("log-canary")).status).toBe(201);
    expect((await jobsRoute.GET(get("/api/jobs?size=2", withSecrets))).status).toBe(200);
    // Wrong proxy secret: refused, and the wrong value is not echoed either.
    expect(
      (
        await jobsRoute.GET(
          new Request(`${APP}/api/jobs`, { headers: { ...OPERATOR, "x-auth-proxy-secret": `${PROXY_SECRET}-wrong` } }),
        )
      ).status,
    ).toBe(401);
    await h.admin("faults", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slowDownRate: 1 }),
    });
    expect((await trigger("log-canary-2")).status).toBe(503);
    const output = lines.join("\n");
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const canary of CANARIES) expect(output).not.toContain(canary);
    expect(output).not.toMatch(/q-sign-algorithm/);
  });

  it("secrets handed to the logger by mistake are redacted by field name, by URL parameter and by value", () => {
    logEvent({
      level: "error",
      event: "careless",
      authorization: AUTH_HEADER,
      headers: { "x-auth-proxy-secret": PROXY_SECRET },
      nested: { secretKey: SECRET_KEY, token: METRICS_TOKEN },
      error: `POST https://hooks.example.com/cb?id=1&token=${CALLBACK_TOKEN} failed; key ${SECRET_KEY}; proxy ${PROXY_SECRET}`,
      db: "postgres://app:db-canary-pw@db.internal/console",
    });
    const [row] = parsed();
    expect(row).toMatchObject({
      level: "error",
      event: "careless",
      authorization: "[redacted]",
      headers: "[redacted]",
    });
    expect(row!.error).toBe(
      "POST https://hooks.example.com/cb?id=1&token=[redacted] failed; key [redacted]; proxy [redacted]",
    );
    // URL credentials go whole (lib/server/audit-redact.ts, the same redaction as in answers); the host stays readable.
    expect(row!.db).not.toContain("db-canary-pw");
    expect(row!.db).toMatch(/^postgres:\/\/[^@]*redacted[^@]*@db\.internal\/console$/);
    const output = lines.join("\n");
    for (const canary of [...CANARIES, "db-canary-pw"]) expect(output).not.toContain(canary);
  });
});
