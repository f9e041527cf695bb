import { describe, expect, it } from "vitest";
import { createIdempotencyStore } from "@/lib/server/idempotency";

describe("idempotency store", () => {
  it("replays a remembered answer for the same key and body", async () => {
    const store = createIdempotencyStore();
    const first = await store.begin("alice|b", "key-12345", "fp1");
    expect(first.kind).toBe("fresh");
    if (first.kind !== "fresh") return;
    first.complete({ status: 201, body: { job: 1 } }, true);
    const again = await store.begin("alice|b", "key-12345", "fp1");
    expect(again).toEqual({ kind: "replay", answer: { status: 201, body: { job: 1 } } });
  });

  it("refuses the same key with a different body", async () => {
    const store = createIdempotencyStore();
    const first = await store.begin("alice|b", "key-12345", "fp1");
    if (first.kind === "fresh") first.complete({ status: 201, body: {} }, true);
    expect((await store.begin("alice|b", "key-12345", "fp2")).kind).toBe("mismatch");
  });

  it("scopes keys per user", async () => {
    const store = createIdempotencyStore();
    const a = await store.begin("alice|b", "key-12345", "fp1");
    if (a.kind === "fresh") a.complete({ status: 201, body: {} }, true);
    expect((await store.begin("bob|b", "key-12345", "fp1")).kind).toBe("fresh");
  });

  it("makes a concurrent duplicate wait for the first and then replay it", async () => {
    const store = createIdempotencyStore();
    const first = await store.begin("u", "key-12345", "fp");
    if (first.kind !== "fresh") throw new Error("expected fresh");
    let secondDone = false;
    const second = store.begin("u", "key-12345", "fp").then((r) => {
      secondDone = true;
      return r;
    });
    await new Promise((r) => setTimeout(r, 10));
    expect(secondDone).toBe(false);
    first.complete({ status: 201, body: { id: "b1" } }, true);
    expect(await second).toEqual({ kind: "replay", answer: { status: 201, body: { id: "b1" } } });
  });

  it("frees the key after a definite refusal so a retry goes through", async () => {
    const store = createIdempotencyStore();
    const first = await store.begin("u", "key-12345", "fp");
    if (first.kind === "fresh") first.complete({ status: 400, body: {} }, false);
    expect((await store.begin("u", "key-12345", "fp")).kind).toBe("fresh");
  });

  it("forgets answers after the time to live", async () => {
    let t = 0;
    const store = createIdempotencyStore(1_000, () => t);
    const first = await store.begin("u", "key-12345", "fp");
    if (first.kind === "fresh") first.complete({ status: 201, body: {} }, true);
    t = 1_001;
    expect((await store.begin("u", "key-12345", "fp")).kind).toBe("fresh");
  });
});
