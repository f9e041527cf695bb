/** Issue 12 item 7: an answer identical to an earlier one apart from its RequestId is not parsed again. */
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const jobs = (n: number, state: string) =>
  Array.from({ length: n }, (_, i) => `<JobsDetail><JobId>j${i}</JobId><Name>n${i}</Name><State>${state}</State><Input><Prefix>in/${i}/</Prefix></Input></JobsDetail>`).join("");
const answer = (requestId: string, state = "Running") => `<Response><RequestId>${requestId}</RequestId>${jobs(60, state)}<NextToken>t</NextToken></Response>`;
const res = (body: string) => ({ status: 200, headers: {}, body });

describe("decodeResponse's parse memo", () => {
  it("reuses the parse for a repeat that differs only in RequestId, and reports the new RequestId", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const first = decodeResponse(res(answer("req-1")), "read");
    const second = decodeResponse(res(answer("req-2")), "read");
    // The very same tree: nothing was parsed for the repeat.
    expect(second.root).toBe(first.root);
    expect(second.requestId).toBe("req-2");
    expect(first.requestId).toBe("req-1");
    // A changed job is a different answer: parsed afresh, never served from the memo.
    const changed = decodeResponse(res(answer("req-3", "Success")), "read");
    expect(changed.root).not.toBe(first.root);
    expect(JSON.stringify(changed.root)).toContain("Success");
    expect(changed.requestId).toBe("req-3");
  });

  it("small answers are not remembered; the memo stays bounded", async () => {
    const { decodeResponse, parseMemoSize } = await import("@/lib/ci/responses");
    const before = parseMemoSize();
    decodeResponse(res("<Response><RequestId>x</RequestId></Response>"), "read");
    expect(parseMemoSize()).toBe(before);
    for (let i = 0; i < 40; i++) decodeResponse(res(answer(`r${i}`, `S${i}`)), "read");
    expect(parseMemoSize()).toBeLessThanOrEqual(16);
  });
});
