/** Issue 12 item 7: an answer identical to an earlier one apart from its RequestId is not parsed again. */
import { describe, expect, it, vi } from "vitest";

vi.mock("server-only", () => ({}));

const jobs = (n: number, state: string) =>
  Array.from(
    { length: n },
    (_, i) =>
      `<JobsDetail><JobId>j${i}</JobId><Name>n${i}</Name><State>${state}</State><Input><Prefix>in/${i}/</Prefix></Input></JobsDetail>`,
  ).join("");
const answer = (requestId: string, state = "Running") =>
  `<Response><RequestId>${requestId}</RequestId>${jobs(60, state)}<NextToken>t</NextToken></Response>`;
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

describe("decodeResponse's job memo (a poll where a few jobs moved)", () => {
  const list = (root: unknown) => (root as Record<string, unknown>).JobsDetail as Record<string, unknown>[];

  it("parses only the jobs that changed and reuses the others' trees", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const { parseXml } = await import("@/lib/ci/xml");
    const base = jobs(60, "Running");
    const first = decodeResponse(
      res(`<Response><RequestId>a</RequestId>${base}<NextToken>t</NextToken></Response>`),
      "read",
    );
    const moved = base.replace(
      "<JobId>j7</JobId><Name>n7</Name><State>Running</State>",
      "<JobId>j7</JobId><Name>n7</Name><State>Success</State>",
    );
    const body = `<Response><RequestId>b</RequestId>${moved}<NextToken>t2</NextToken></Response>`;
    const second = decodeResponse(res(body), "read");
    expect(list(second.root)[6]).toBe(list(first.root)[6]);
    expect(list(second.root)[7]).not.toBe(list(first.root)[7]);
    expect(list(second.root)[7]!.State).toBe("Success");
    expect(second.root.NextToken).toBe("t2");
    // The same value a whole-answer parse gives.
    expect(second.root).toEqual(parseXml(body).Response);
  });

  it("refuses an answer whose changed job is not well-formed", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const broken = jobs(60, "Running").replace("<Name>n9</Name>", "<Name>n9</Nme>");
    expect(() => decodeResponse(res(`<Response><RequestId>c</RequestId>${broken}</Response>`), "read")).toThrow(
      /not well-formed/,
    );
  });

  it("reads an answer that a split by tag would misread (a job tag in a comment) as a whole", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const { parseXml } = await import("@/lib/ci/xml");
    const body = `<Response><RequestId>d</RequestId><!-- <JobsDetail> -->${jobs(60, "Cancel")}</Response>`;
    const decoded = decodeResponse(res(body), "read");
    expect(list(decoded.root)).toHaveLength(60);
    expect(decoded.root).toEqual(parseXml(body).Response);
  });

  it("decides a job's repeatable result blocks by their path in the answer", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const job = (i: number) =>
      `<JobsDetail><JobId>m${i}</JobId><State>Success</State><Operation><Tag>Transcode</Tag><JobParam>` +
      `<Transcode><Video><Codec>H.264</Codec></Video></Transcode>` +
      `<MediaResult><OutputFile><Bucket>b-1250000000</Bucket><ObjectName>out/${i}.mp4</ObjectName><Md5Info><Md5>x</Md5><ObjectName>out/${i}.mp4</ObjectName></Md5Info></OutputFile></MediaResult>` +
      `</JobParam></Operation></JobsDetail>`;
    const body = `<Response><RequestId>e</RequestId>${Array.from({ length: 20 }, (_, i) => job(i)).join("")}</Response>`;
    const jp = list(decodeResponse(res(body), "read").root)[3]!.Operation as Record<string, Record<string, unknown>>;
    expect(jp.JobParam!.Transcode).toEqual({ Video: { Codec: "H.264" } });
    expect(jp.JobParam!.MediaResult).toEqual({
      OutputFile: {
        Bucket: "b-1250000000",
        ObjectName: ["out/3.mp4"],
        Md5Info: [{ Md5: "x", ObjectName: "out/3.mp4" }],
      },
    });
  });
});
