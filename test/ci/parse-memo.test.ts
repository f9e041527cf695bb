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

  it("an answer of all-new jobs is parsed in one go, and its jobs are remembered when the next poll repeats them", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const { parseMemoSizes } = await import("@/lib/ci/answer-parse");
    const { parseXml } = await import("@/lib/ci/xml");
    const fresh = jobs(60, "Fresh");
    const before = parseMemoSizes();
    const first = decodeResponse(res(`<Response><RequestId>f1</RequestId>${fresh}</Response>`), "read");
    expect(first.root).toEqual(parseXml(`<Response><RequestId>f1</RequestId>${fresh}</Response>`).Response);
    // Nothing split or remembered yet: that work waits for an answer that repeats these jobs.
    expect(parseMemoSizes().jobs).toBe(before.jobs);
    expect(parseMemoSizes().pending).toBe(Math.min(before.pending + 1, 2));
    // An unrelated all-new answer leaves it waiting.
    decodeResponse(res(`<Response><RequestId>u1</RequestId>${jobs(60, "Unrelated")}</Response>`), "read");
    expect(parseMemoSizes().jobs).toBe(before.jobs);
    expect(parseMemoSizes().pending).toBe(2); // at most two wait; the oldest is dropped unremembered
    const next = decodeResponse(
      res(
        `<Response><RequestId>f2</RequestId>${fresh.replace("<State>Fresh</State>", "<State>Done</State>")}</Response>`,
      ),
      "read",
    );
    expect(list(next.root)[0]!.State).toBe("Done");
    // The first answer's jobs were remembered on the way: 59 of 60 trees reused, one parsed.
    expect(list(next.root)[59]).toBe(list(first.root)[59]);
    expect(list(next.root)[1]).toBe(list(first.root)[1]);
    expect(parseMemoSizes().jobs).toBeGreaterThanOrEqual(before.jobs + 60);
    expect(parseMemoSizes().pending).toBe(1);
  });

  it("remembers no job of a whole-read answer whose job tags do not line up with its jobs", async () => {
    const { decodeResponse } = await import("@/lib/ci/responses");
    const { parseXml } = await import("@/lib/ci/xml");
    // A self-closing job the split does not see, and one job wrapped where it is not an answer-level job: as many
    // answer-level jobs as `<JobsDetail>` chunks, but answer-level job 0 is not the first chunk's text.
    const all = jobs(60, "Odd");
    const first = all.slice(0, all.indexOf("</JobsDetail>") + "</JobsDetail>".length);
    const body = `<Response><RequestId>g1</RequestId><JobsDetail/><Wrap>${first}</Wrap>${all.slice(first.length)}</Response>`;
    const decoded = decodeResponse(res(body), "read");
    expect(decoded.root).toEqual(parseXml(body).Response);
    expect(list(decoded.root)).toHaveLength(60);
    expect(list(decoded.root)[0]).toBe("");
    // Had the first chunk's text been remembered as answer-level job 0 (the empty one), this poll would show it empty.
    const next = `<Response><RequestId>g2</RequestId>${all}<NextToken>z</NextToken></Response>`;
    const again = decodeResponse(res(next), "read");
    expect(list(again.root)[0]!.JobId).toBe("j0");
    expect(again.root).toEqual(parseXml(next).Response);
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
