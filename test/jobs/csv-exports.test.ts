/**
 * Both CSV exports, opened as spreadsheets would open them: with a real CSV parser (csv-parse), under `,` (quotes
 * honoured, and ignored as careless importers do) and under `;` as a de-DE spreadsheet splits the file. Under `;` a
 * quote-aware parser refuses a `,` file outright (a closing quote followed by `,`), so `;` is read the worst way:
 * every `;` splits, quotes or not. No cell may start with a formula trigger.
 */
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { CSV_LIST_JOINER, neutraliseFormulas } from "@/lib/jobs/csv";
import type { JobDetail } from "@/lib/jobs/job-detail-schema";
import { buildJobsCsv } from "@/lib/jobs/job-view";
import { auditCsvHeader, auditCsvRow } from "@/lib/server/audit-csv";
import type { AuditEntry } from "@/lib/jobs/audit-types";

const HOSTILE = [
  "=1+2",
  "in;=1+2",
  "in,+SUM(A1)",
  "a|@x",
  "x\t=cmd",
  "line\n-2+3",
  'line\r\n=HYPERLINK("http://evil")',
  "a; =1",
  "\t=1",
  "\r=1",
  'quote";=1',
  "-5",
];

const job = (over: Partial<JobDetail>): JobDetail => ({
  JobId: "b3deffea2f84911ec9cb15254008618d9",
  Name: "demo",
  Type: "Job",
  State: "Failed",
  CreationTime: "2022-06-27T15:23:10+0800",
  StartTime: "2022-06-27T15:23:11+0800",
  EndTime: "2022-06-27T15:24:11+0800",
  Input: { Object: "in/a.mp4" },
  Operation: { Tag: "Transcode" },
  ...over,
});

const entry = (over: Partial<AuditEntry>): AuditEntry => ({
  id: "1",
  at: "2024-01-01T00:00:00.000Z",
  actor: "olivia.operator@example.com",
  actorGroups: ["media-ops", "admins"],
  action: "trigger",
  bucket: "examplebucket-1250000000",
  jobId: null,
  idempotencyKey: null,
  request: null,
  outcome: "error",
  finishedAt: null,
  ciRequestId: null,
  errorCode: null,
  errorMessage: null,
  reconciledAt: null,
  reconcileNote: null,
  ...over,
});

const jobsCsv = buildJobsCsv(
  HOSTILE.map((v, i) => job({ JobId: `j${i}`, Name: v, Code: v, Message: v, Input: { Object: v } })),
  Date.parse("2022-06-27T07:30:00Z"),
  Object.fromEntries(HOSTILE.map((v, i) => [`j${i}`, { actor: v, at: v }])),
);
const auditCsv =
  auditCsvHeader() +
  HOSTILE.map((v, i) =>
    auditCsvRow(
      entry({
        id: String(i),
        actor: v,
        actorGroups: [v, "=x", "ops"],
        jobId: v,
        errorMessage: v,
        reconcileNote: v,
        request: { Name: v, Input: { Object: v } },
      }),
    ),
  ).join("");

const TRIGGER = /^[=+\-@\t\r]/;

function cells(csv: string, delimiter: string, quoted: boolean): string[] {
  const rows = parse(csv, {
    delimiter,
    quote: quoted ? '"' : false,
    relax_column_count: true,
    relax_quotes: true,
    record_delimiter: ["\r\n", "\n", "\r"],
  }) as string[][];
  return rows.flat();
}

describe.each([
  ["jobs export", jobsCsv],
  ["audit export", auditCsv],
])("%s", (_name, csv) => {
  it.each([
    [",", true],
    [",", false],
    [";", false],
  ])("under %j (quotes honoured: %s) no cell starts with a formula trigger", (delimiter, quoted) => {
    const all = cells(csv, delimiter, quoted);
    expect(all.length).toBeGreaterThan(HOSTILE.length * 3);
    expect(all.filter((c) => TRIGGER.test(c))).toEqual([]);
  });

  it("reads back every value under ',' with quotes honoured (apostrophes added, nothing lost)", () => {
    const rows = parse(csv, { delimiter: ",", relax_column_count: false }) as string[][];
    expect(new Set(rows.map((r) => r.length)).size).toBe(1);
    const flat = rows.flat();
    for (const v of HOSTILE) expect(flat).toContain(neutraliseFormulas(v));
  });
});

describe("lists inside one cell", () => {
  it("joins groups with a character that no spreadsheet splits on", () => {
    expect(CSV_LIST_JOINER).not.toMatch(/[,;\t| ]/);
    const [, commaRow] = parse(auditCsvHeader() + auditCsvRow(entry({})), { delimiter: "," }) as string[][];
    expect(commaRow![3]).toBe(`media-ops${CSV_LIST_JOINER}admins`);
  });
});
