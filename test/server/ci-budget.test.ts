import { describe, expect, it } from "vitest";
import { CallBudgetError, createCaller } from "@/lib/ci/signed-call";
import { ApiProblem } from "@/lib/server/problem";
import { CiBudget, retryAfterSeconds, withPriority } from "@/lib/server/ci-budget";
import { TokenBucket } from "@/lib/server/token-bucket";

process.env.LOG_LEVEL = "silent"; // refusals are logged; not wanted in test output

const HOST = "examplebucket-1250000000.ci.ap-beijing.myqcloud.com";
const settings = { qps: 5, burst: 10, userPerMinute: 60, userBurst: 20 };

describe("TokenBucket", () => {
  it("gives its capacity at once, then refills at its rate, and says how long to wait", () => {
    const tb = new TokenBucket(3, 2, 0);
    expect([tb.take(0), tb.take(0), tb.take(0)]).toEqual([0, 0, 0]);
    expect(tb.take(0)).toBe(500);
    expect(tb.take(499)).toBeGreaterThan(0);
    expect(tb.take(500)).toBe(0);
    expect(tb.level(10_000)).toBe(3);
  });

  it("keeps a reserve for callers of higher priority", () => {
    const tb = new TokenBucket(4, 1, 0);
    expect(tb.take(0, 3)).toBe(0); // 4 → 3
    expect(tb.take(0, 3)).toBeGreaterThan(0); // would leave fewer than 3
    expect(tb.take(0, 0)).toBe(0);
  });
});

describe("CiBudget", () => {
  it("never lets more than burst + qps·t attempts through per CI bucket, whoever asks", () => {
    let t = 0;
    const budget = new CiBudget(settings, () => t);
    let granted = 0;
    for (t = 0; t <= 60_000; t += 10) {
      for (const kind of ["read", "trigger"] as const) if (budget.acquire(HOST, kind) === 0) granted++;
    }
    expect(granted).toBeLessThanOrEqual(settings.burst + settings.qps * 60);
    expect(granted).toBeGreaterThanOrEqual(settings.qps * 60);
    // Another CI bucket has its own allowance.
    expect(budget.acquire("other-1250000000.ci.ap-shanghai.myqcloud.com", "read")).toBe(0);
  });

  it("lets light readers and changes use tokens that heavy readers must leave", async () => {
    const budget = new CiBudget(settings, () => 0);
    let heavy = 0;
    await withPriority("heavy", async () => {
      while (budget.acquire(HOST, "read") === 0) heavy++;
    });
    expect(heavy).toBe(settings.burst - 3);
    let light = 0;
    await withPriority("light", async () => {
      while (budget.acquire(HOST, "read") === 0) light++;
    });
    expect(light).toBe(2);
    expect(budget.acquire(HOST, "trigger")).toBe(0);
    expect(budget.acquire(HOST, "cancel")).toBeGreaterThan(0);
  });

  it("charges a person up to their burst, then answers 429 with a Retry-After, and marks heavy users", () => {
    let t = 0;
    const budget = new CiBudget(settings, () => t);
    const priorities = Array.from({ length: settings.userBurst }, () => budget.charge("mallory@example.com"));
    // Two at once are a page opening; more, faster than a poll every 2 s, is heavy.
    expect(priorities.slice(0, 4)).toEqual(["light", "light", "heavy", "heavy"]);
    expect(priorities[settings.userBurst - 1]).toBe("heavy");
    let refused: unknown;
    try {
      budget.charge("mallory@example.com");
    } catch (e) {
      refused = e;
    }
    expect(refused).toBeInstanceOf(ApiProblem);
    expect((refused as ApiProblem).status).toBe(429);
    expect((refused as ApiProblem).message).toMatch(/Try again in 1 s/);
    expect(retryAfterSeconds(refused)).toBe(1);
    // Someone else is not affected; a second later Mallory may make one more.
    expect(budget.charge("olivia@example.com")).toBe("light");
    t += 1_000;
    expect(() => budget.charge("mallory@example.com")).not.toThrow();
    expect(budget.snapshot().people).toMatchObject({ tracked: 2, denied: 1 });
  });

  it("keeps someone asking once a second heavy for good (no light read every now and then)", () => {
    let t = 0;
    const budget = new CiBudget({ ...settings, userPerMinute: 600, userBurst: 100 }, () => t);
    const priorities: string[] = [];
    for (; t < 60_000; t += 1_000) priorities.push(budget.charge("hammer@example.com"));
    expect(priorities.slice(3).every((p) => p === "heavy")).toBe(true);
  });

  it("keeps a viewer polling every 3 s light, however long", () => {
    let t = 0;
    const budget = new CiBudget(settings, () => t);
    const priorities: string[] = [];
    for (; t < 600_000; t += 3_000) priorities.push(budget.charge("patient@example.com"));
    expect(new Set(priorities)).toEqual(new Set(["light"]));
  });

  it("shows its state: settings, tokens left and refusals per bucket", () => {
    const budget = new CiBudget(settings, () => 0);
    for (let i = 0; i < 12; i++) budget.acquire(HOST, "trigger");
    expect(budget.snapshot().buckets).toEqual([
      { bucket: "examplebucket-1250000000", tokens: 0, granted: 10, denied: 2 },
    ]);
  });
});

describe("the signed-call layer asks the budget before every attempt", () => {
  it("refuses a read with CallBudgetError (429) without sending anything", async () => {
    const asked: string[] = [];
    const caller = createCaller({
      secretId: "id",
      secretKey: "key",
      // Nothing listens here: had the call been sent, it would fail with NetworkError instead.
      endpoint: new URL("http://127.0.0.1:9"),
      timeoutMs: 1_000,
      gate: { acquire: (host, kind) => (asked.push(`${kind} ${host}`), 2_500) },
    });
    const err = await caller
      .call({ host: HOST }, { method: "GET", path: "/inventorytriggerjob", kind: "read" })
      .catch((e: unknown) => e);
    caller.close();
    expect(err).toBeInstanceOf(CallBudgetError);
    expect(err).toMatchObject({ status: 429, code: "CiBudgetExhausted", retryable: true });
    expect(retryAfterSeconds(err)).toBe(3);
    expect(asked).toEqual([`read ${HOST}`]);
  });

  it("counts retries: a refused retry ends with the error that caused it", async () => {
    let grants = 1;
    const caller = createCaller({
      secretId: "id",
      secretKey: "key",
      endpoint: new URL("http://127.0.0.1:9"),
      timeoutMs: 2_000,
      backoff: { baseMs: 1, capMs: 1 },
      gate: { acquire: () => (grants-- > 0 ? 0 : 1_000) },
    });
    const err = await caller
      .call({ host: HOST }, { method: "GET", path: "/inventorytriggerjob", kind: "read" })
      .catch((e: unknown) => e);
    caller.close();
    expect(err).toMatchObject({ code: "NetworkError" });
    expect(grants).toBe(-1); // one attempt granted, the retry refused
  });
});
