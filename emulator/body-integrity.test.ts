/** A trigger body signed through Content-MD5 (as the dashboard signs it) cannot be changed on the way. */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorOf, startHarness, type Harness } from "./test-support/harness";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ seedCount: 3 });
});
afterAll(() => h.close());

const BODY =
  "<Request><Name>integrity-a</Name><Type>Job</Type><Input><Prefix>a/</Prefix></Input><Operation><Tag>MediaInfo</Tag></Operation></Request>";
const TAMPERED = BODY.replace("integrity-a", "integrity-b"); // same length: Content-Length still matches
const md5 = (s: string) => createHash("md5").update(s, "utf8").digest("base64");
const signHeaders = ["host", "content-length", "content-md5", "content-type"];
const trigger = (body: string, headers: Record<string, string>) =>
  h.send({
    method: "POST",
    path: "/inventorytriggerjob",
    body,
    headers,
    sign: { signHeaders, headerValues: { "content-md5": md5(BODY) } },
  });

describe("Content-MD5 on a trigger", () => {
  it("accepts the body it was signed for", async () => {
    expect((await trigger(BODY, { "Content-MD5": md5(BODY) })).status).toBe(200);
  });

  it("answers 400 InvalidContent when the body differs from the signed Content-MD5", async () => {
    const r = await trigger(TAMPERED, { "Content-MD5": md5(BODY) });
    expect([r.status, errorOf(r).Code]).toEqual([400, "InvalidContent"]);
  });

  it("refuses the request when the signed Content-MD5 header is changed to match a new body", async () => {
    const changed = await trigger(TAMPERED, { "Content-MD5": md5(TAMPERED) });
    expect([changed.status, errorOf(changed).Code]).toEqual([403, "AccessDenied"]);
  });
});
