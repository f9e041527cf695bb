/**
 * createSharedReads on two database handles of one PostgreSQL schema (two "instances" in one process): one load per
 * window across both, failures shared by nobody and never stored, a clear reaching the other instance, and a
 * database failure falling back to CI instead of failing the poll.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/lib/server/db";
import { createReadCache, createSharedReads } from "@/lib/server/shared-reads";
import { engineCases } from "../server/db-engines";

const pgCase = engineCases("shared-reads").find((e) => e.name === "postgres")!;

describe.skipIf(pgCase.skip !== null)(`shared reads on PostgreSQL ${pgCase.skip ?? ""}`, () => {
  let a: Db;
  let b: Db;
  beforeAll(async () => {
    a = await pgCase.open();
    b = await pgCase.openAnother();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await pgCase.dispose();
  });

  const counted = () => {
    let calls = 0;
    return {
      load: async () => {
        calls++;
        await new Promise((r) => setTimeout(r, 50));
        return { page: calls, jobs: ["j1", "j2"] };
      },
      calls: () => calls,
    };
  };

  it("two instances loading one key at once call the loader once and get the same answer", async () => {
    const one = createSharedReads(a, { lockTimeoutMs: 5_000 });
    const two = createSharedReads(b, { lockTimeoutMs: 5_000 });
    const l = counted();
    const answers = await Promise.all([
      one.run("bkt|list|x", 5_000, l.load),
      two.run("bkt|list|x", 5_000, l.load),
      two.run("bkt|list|x", 5_000, l.load),
      one.run("bkt|list|x", 5_000, l.load),
    ]);
    expect(l.calls()).toBe(1);
    for (const v of answers) expect(v).toEqual({ page: 1, jobs: ["j1", "j2"] });
    // Later in the window, from a third instance with nothing in memory: the stored row.
    const three = createSharedReads(b, { lockTimeoutMs: 5_000 });
    expect(await three.run("bkt|list|x", 5_000, l.load)).toEqual({ page: 1, jobs: ["j1", "j2"] });
    expect(l.calls()).toBe(1);
  });

  it("an answer older than the window is loaded again", async () => {
    const one = createSharedReads(a, { lockTimeoutMs: 5_000 });
    const l = counted();
    await one.run("bkt|job|old", 100, l.load);
    await new Promise((r) => setTimeout(r, 250));
    expect(await one.run("bkt|job|old", 100, l.load)).toEqual({ page: 2, jobs: ["j1", "j2"] });
  });

  it("a failed load is not stored: the next caller tries CI again", async () => {
    const one = createSharedReads(a, { lockTimeoutMs: 5_000 });
    const two = createSharedReads(b, { lockTimeoutMs: 5_000 });
    await expect(one.run("bkt|list|fail", 5_000, () => Promise.reject(new Error("CI down")))).rejects.toThrow(
      "CI down",
    );
    expect(await two.run("bkt|list|fail", 5_000, async () => "recovered")).toBe("recovered");
  });

  it("clear on one instance makes the other load again", async () => {
    const one = createSharedReads(a, { lockTimeoutMs: 5_000 });
    const two = createSharedReads(b, { lockTimeoutMs: 5_000 });
    const l = counted();
    await one.run("bkt|list|y", 5_000, l.load);
    await two.run("bkt|list|y", 5_000, l.load);
    expect(l.calls()).toBe(1);
    await one.clear("bkt|list|");
    expect(await two.run("bkt|list|y", 5_000, l.load)).toEqual({ page: 2, jobs: ["j1", "j2"] });
  });

  it("when the database fails, the poll is answered from CI", async () => {
    const broken: Db = {
      ...a,
      engine: "postgres",
      query: () => Promise.reject(new Error("db down")),
      transaction: () => Promise.reject(new Error("db down")),
    };
    const reads = createReadCache(broken, { lockTimeoutMs: 5_000 });
    expect(await reads.run("bkt|list|z", 5_000, async () => "from CI")).toBe("from CI");
  });
});
