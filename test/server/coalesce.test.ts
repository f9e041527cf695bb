import { describe, expect, it } from "vitest";
import { createCoalescer } from "@/lib/server/coalesce";

describe("createCoalescer", () => {
  it("shares one call among concurrent identical reads", async () => {
    const c = createCoalescer();
    let calls = 0;
    const load = () => new Promise<number>((r) => setTimeout(() => r(++calls), 10));
    const results = await Promise.all(Array.from({ length: 40 }, () => c.run("k", 0, load)));
    expect(calls).toBe(1);
    expect(new Set(results)).toEqual(new Set([1]));
  });

  it("reuses a settled answer within the window and reloads after it", async () => {
    let t = 1_000;
    const c = createCoalescer(() => t);
    let calls = 0;
    const load = async () => ++calls;
    expect(await c.run("k", 500, load)).toBe(1);
    t += 499;
    expect(await c.run("k", 500, load)).toBe(1);
    t += 2;
    expect(await c.run("k", 500, load)).toBe(2);
  });

  it("never caches a failure, but shares it while in flight", async () => {
    const c = createCoalescer();
    let calls = 0;
    const failing = () => new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`boom ${++calls}`)), 5));
    const both = await Promise.allSettled([c.run("k", 10_000, failing), c.run("k", 10_000, failing)]);
    expect(calls).toBe(1);
    expect(both.every((r) => r.status === "rejected")).toBe(true);
    await expect(c.run("k", 10_000, async () => "ok")).resolves.toBe("ok");
  });

  it("keys differ by content and clear(prefix) drops only matching entries", async () => {
    const c = createCoalescer();
    let calls = 0;
    const load = async () => ++calls;
    await c.run("a|list|1", 10_000, load);
    await c.run("b|list|1", 10_000, load);
    c.clear("a|");
    await c.run("a|list|1", 10_000, load);
    await c.run("b|list|1", 10_000, load);
    expect(calls).toBe(3);
  });

  it("stays bounded in size", async () => {
    const c = createCoalescer(Date.now, 10);
    for (let i = 0; i < 50; i++) await c.run(`k${i}`, 60_000, async () => i);
    expect(c.size).toBeLessThanOrEqual(10);
  });
});
