import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordIntent, recordOutcome } from "@/lib/server/audit";
import { csvField } from "@/lib/server/audit-csv";
import { resetConfigForTests } from "@/lib/server/config";
import { closeDb, getDb } from "@/lib/server/db";
import { tempDir } from "./db-engines";

/**
 * GET /api/audit through withApi, on the process-wide database (getDb → PGlite in a temp DATA_DIR), as the app
 * runs it. The route module is imported after the environment is set.
 */
const dir = tempDir("audit-route");
const saved = { ...process.env };
const origin = "http://127.0.0.1:3000";
const asUser = (path: string, user = "viewer.vic@example.com") =>
  new Request(`${origin}${path}`, { headers: { "x-forwarded-email": user, "x-forwarded-groups": "readers" } });

let route: typeof import("@/app/api/audit/route");

beforeAll(async () => {
  Object.assign(process.env, {
    // The emulator's demo pair on loopback (no CI call is made here): header mode without a proxy secret.
    CI_SECRET_ID: "emulator-secret-id",
    CI_SECRET_KEY: "emulator-secret-key",
    CI_ENDPOINT: "http://127.0.0.1:9",
    CI_BUCKET: "examplebucket-1250000000",
    CI_REGION: "ap-beijing",
    AUTH_MODE: "header",
    AUTH_OPERATOR_GROUPS: "media-ops",
    DATA_DIR: dir.path,
    LOG_LEVEL: "silent",
  });
  delete process.env.DATABASE_URL;
  resetConfigForTests();
  route = await import("@/app/api/audit/route");
  const bucket = "examplebucket-1250000000";
  for (let i = 0; i < 5; i++) {
    const id = await recordIntent({
      actor: i % 2 ? "bob@example.com" : "ada@example.com",
      actorGroups: ["media-ops"],
      action: "trigger",
      bucket,
      request: { Name: `n${i}` },
    });
    await recordOutcome(id, {
      outcome: i === 4 ? "error" : "success",
      jobId: i === 4 ? undefined : `bjob${i}`,
      errorCode: i === 4 ? "InvalidArgument" : undefined,
      errorMessage: i === 4 ? '=HYPERLINK("http://evil")' : undefined,
    });
  }
}, 90_000);

afterAll(async () => {
  await closeDb();
  process.env = saved;
  resetConfigForTests();
  dir.remove();
});

describe("GET /api/audit", () => {
  it("uses PGlite in DATA_DIR when no DATABASE_URL is set", () => {
    expect(getDb().engine).toBe("pglite");
  });

  it("answers 401 without an identity", async () => {
    const res = await route.GET(new Request(`${origin}/api/audit`));
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("Unauthenticated");
  });

  it("shows any signed-in viewer a page, newest first, with a cursor to the next", async () => {
    const res = await route.GET(asUser("/api/audit?limit=2"));
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      entries: { actor: string; outcome: string; request: unknown }[];
      nextCursor: string;
    };
    expect(body.entries.map((e) => e.outcome)).toEqual(["error", "success"]);
    expect(body.entries[0]!.request).toEqual({ Name: "n4" });
    const next = await (await route.GET(asUser(`/api/audit?limit=2&cursor=${body.nextCursor}`))).json();
    expect(next.entries).toHaveLength(2);
    const filtered = await (await route.GET(asUser("/api/audit?actor=BOB&outcome=success"))).json();
    expect(filtered.entries.map((e: { actor: string }) => e.actor)).toEqual(["bob@example.com", "bob@example.com"]);
  });

  it("validates the query: limit ≤ 200, known actions, ISO times, no unknown parameters", async () => {
    for (const q of [
      "limit=201",
      "limit=0",
      "action=delete",
      "from=yesterday",
      "from=2026-02-02&to=2026-02-01",
      "cursor=%27;drop",
      "sort=asc",
    ]) {
      const res = await route.GET(asUser(`/api/audit?${q}`));
      expect(res.status, q).toBe(400);
      const body = await res.json();
      expect(body.error.code).toBe("ValidationError");
      expect(body.error.fields.length).toBeGreaterThan(0);
    }
    const ok = await route.GET(asUser("/api/audit?from=2020-01-01&to=2099-12-31T23:59&limit=200"));
    expect(ok.status).toBe(200);
    expect((await ok.json()).entries).toHaveLength(5);
    const stale = await route.GET(asUser(`/api/audit?cursor=${Buffer.from("x|y").toString("base64url")}`));
    expect(stale.status).toBe(400);
  });

  it("exports every matching row as a CSV download, safe to open in a spreadsheet", async () => {
    const res = await route.GET(asUser("/api/audit?format=csv&limit=1&action=trigger"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="audit-log-\d{8}T\d{6}Z\.csv"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // UTF-8 byte-order mark, for spreadsheets
    const text = new TextDecoder().decode(bytes);
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe(
      '"id","at","actor","actor_groups","action","bucket","job_id","workflow_ids","workflow_names","queue_id","queue_name","template_ids","template_names","outcome","finished_at","ci_request_id","error_code","error_message","idempotency_key","reconciled_at","reconcile_note","request"',
    );
    expect(lines).toHaveLength(6); // header + all 5 rows, though limit=1 (limit pages the JSON view only)
    expect(text).toContain(`'=HYPERLINK(""http://evil"")`);
    expect(text).not.toMatch(/[,;"]=HYPERLINK/);
  });

  it("offers no way to change or delete an entry", async () => {
    const exported = Object.keys(route).filter((k) => /^(POST|PUT|PATCH|DELETE)$/.test(k));
    expect(exported).toEqual([]);
  });
});

describe("CSV fields", () => {
  it.each([
    ["plain", '"plain"'],
    ["a,b", '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ["line\nbreak", '"line\nbreak"'],
    ["=1+1", `"'=1+1"`],
    ["+1", `"'+1"`],
    ["-1", `"'-1"`],
    ["@SUM(A1)", `"'@SUM(A1)"`],
    ["in;=1+2", `"in;'=1+2"`],
    ["a, -b|+c\t@d\n=e", `"a, '-b|'+c\t'@d\n'=e"`],
    ["2022-06-27T15:23:10+0800", '"2022-06-27T15:23:10+0800"'],
    [null, '""'],
  ])("%j → %j", (input, out) => expect(csvField(input)).toBe(out));
});
