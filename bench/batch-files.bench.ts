/**
 * Files inside a batch (issue 13 item 2): what watching a 10,000-file batch costs CI. N viewers poll
 * GET /api/jobs/{jobId}/files (the job page's files panel: counts + first page) every POLL_MS:
 *   1. while a 10,000-file Workflow batch runs (the emulator spawns, runs and ends one instance per file), and on
 *      until its counts are complete;
 *   2. a finished 10,000-file batch opened cold (nothing counted yet).
 * Every request the emulator receives is a CI call of this feature (nothing else runs): reported per minute, with
 * the time to the first counts and to complete counts. Production settings: counting at ≤ 0.6 calls/s, file pages
 * and the batch's state reused 5 s, the default CI call budget. The app is the real route handlers in-process with
 * the emulator (one instance, embedded PGlite), as the route tests run them.
 *   --quick: a shorter batch and fewer viewers.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator } from "@/emulator/server";
import * as jobsRoute from "@/app/api/jobs/route";
import * as filesRoute from "@/app/api/jobs/[jobId]/files/route";
import * as workflowsRoute from "@/app/api/ci/workflows/route";
import type { BatchFilesPage } from "@/lib/jobs/batch-files";
import { closeDb } from "@/lib/server/db";
import { COUNT_SETTINGS } from "@/lib/server/jobs/file-counts";
import { APP, BUCKET, OTHER_BUCKET, SECRET_ID, SECRET_KEY, pointAppAt } from "@/test/support/route-harness";
import { runMain, writeSection } from "./lib/report";
import { fmt, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const VIEWERS = quick ? 10 : 25;
const POLL_MS = 2_000;
/** One emulator step: the batch runs for one step; its files are created over the first 60 % of it. */
const STEP_MS = quick ? 60_000 : 150_000;
/** Hard stop for each phase, whatever happens. */
const MAX_PHASE_MS = quick ? 240_000 : 480_000;
const FILES = 10_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
const viewer = (i: number) => ({ "x-forwarded-email": `viewer-${i}@example.com`, "x-forwarded-groups": "readers" });
const OPERATOR = { "x-forwarded-email": "bench.operator@example.com", "x-forwarded-groups": "media-ops" };

interface PhaseResult {
  label: string;
  seconds: number;
  polls: number;
  failures: Record<string, number>;
  callsPerMinute: number[];
  callsByRoute: Record<string, number>;
  firstCountsMs: number | null;
  /** When a poll first listed a file (a new batch is Submitted for one emulator step before its files appear). */
  firstFileMs: number | null;
  completeMs: number | null;
  finalTotal: number;
  counterCalls: number;
}

async function main(): Promise<void> {
  const emulator = createEmulator({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    buckets: [
      { bucket: BUCKET, region: "ap-beijing" },
      { bucket: OTHER_BUCKET, region: "ap-shanghai" },
    ],
    stepMs: STEP_MS,
    seedCount: 20,
  });
  const port = await emulator.listen(0, "127.0.0.1");
  // Production pacing and budget: only the test-friendly budget lift of the route harness is undone.
  await pointAppAt(`http://127.0.0.1:${port}`, "ci-console-bench-files-", {
    DATA_DIR: mkdtempSync(join(tmpdir(), "ci-console-bench-files-")),
    CI_CACHE_MS: "1000",
    CI_TIMEOUT_MS: "10000",
    CI_BUDGET_QPS: "5",
    CI_BUDGET_BURST: "10",
    CI_BUDGET_USER_PER_MIN: "120",
    CI_BUDGET_USER_BURST: "30",
  });
  try {
    const wf = (await (
      await workflowsRoute.GET(new Request(`${APP}/api/ci/workflows`, { headers: OPERATOR }))
    ).json()) as { items: { id: string; state?: string }[] };
    const workflowId = wf.items.find((w) => w.state === "Active")!.id;
    const trigger = async (name: string) => {
      const res = await jobsRoute.POST(
        new Request(`${APP}/api/jobs`, {
          method: "POST",
          headers: { ...OPERATOR, origin: APP, host: "dashboard.test", "content-type": "application/json" },
          body: JSON.stringify({
            Name: name,
            Type: "Workflow",
            Input: { Prefix: "media/batch-10k/" },
            Operation: { WorkflowIds: workflowId },
          }),
        }),
      );
      if (res.status !== 201) throw new Error(`trigger answered ${res.status}: ${await res.text()}`);
      return ((await res.json()) as { job: { JobId: string } }).job.JobId;
    };

    async function watch(label: string, jobId: string, stopWhenComplete: boolean): Promise<PhaseResult> {
      emulator.stats.reset();
      const start = performance.now();
      const end = start + MAX_PHASE_MS;
      let firstCountsMs: number | null = null;
      let firstFileMs: number | null = null;
      let completeMs: number | null = null;
      let last: BatchFilesPage | null = null;
      let polls = 0;
      const failures: Record<string, number> = {};
      const minuteMarks: number[] = [];
      const done = () => performance.now() >= end || (stopWhenComplete && completeMs !== null);
      const sampler = (async () => {
        for (let m = 1; !done(); await sleep(250)) {
          if (performance.now() >= start + m * 60_000) {
            minuteMarks.push(emulator.stats.snapshot().total);
            m++;
          }
        }
      })();
      await Promise.all(
        Array.from({ length: VIEWERS }, async (_, i) => {
          await sleep((i * POLL_MS) / VIEWERS);
          while (!done()) {
            const t = performance.now();
            const res = await filesRoute.GET(
              new Request(`${APP}/api/jobs/${jobId}/files?size=20`, { headers: viewer(i) }),
              { params: Promise.resolve({ jobId }) },
            );
            polls++;
            if (res.status === 200) {
              const body = (await res.json()) as BatchFilesPage;
              const seen = Object.values(body.counts).reduce<number>((n, v) => n + (v ?? 0), 0);
              if (firstFileMs === null && body.items.length > 0) firstFileMs = performance.now() - start;
              if (firstCountsMs === null && seen > 0) firstCountsMs = performance.now() - start;
              if (completeMs === null && body.countsComplete) completeMs = performance.now() - start;
              last = body;
            } else {
              const code = ((await res.json()) as { error?: { code?: string } }).error?.code ?? "";
              failures[`${res.status} ${code}`] = (failures[`${res.status} ${code}`] ?? 0) + 1;
            }
            await sleep(t + POLL_MS - performance.now());
          }
        }),
      );
      const seconds = (performance.now() - start) / 1000;
      const total = emulator.stats.snapshot().total;
      await sampler;
      const marks = [...minuteMarks];
      // Whole minutes, then the part-minute at the end (if any).
      const perMinute = marks.map((m, i) => m - (marks[i - 1] ?? 0));
      if (total > (marks[marks.length - 1] ?? 0) || perMinute.length === 0)
        perMinute.push(total - (marks[marks.length - 1] ?? 0));
      const final = last as BatchFilesPage | null;
      return {
        label,
        seconds,
        polls,
        failures,
        callsPerMinute: perMinute,
        callsByRoute: emulator.stats.snapshot().routes as Record<string, number>,
        firstCountsMs,
        firstFileMs,
        completeMs,
        finalTotal: final ? Object.values(final.counts).reduce<number>((n, v) => n + (v ?? 0), 0) : 0,
        counterCalls: (final as (BatchFilesPage & { countCalls?: number }) | null)?.countCalls ?? 0,
      };
    }

    const running = await trigger("bench-files-running");
    const phase1 = await watch(`${FILES.toLocaleString("en")}-file batch, watched from its start`, running, true);
    const finished = await trigger("bench-files-finished");
    await sleep(STEP_MS * 2 + 5_000); // let it run and end unwatched
    const phase2 = await watch(`${FILES.toLocaleString("en")}-file batch, finished, opened cold`, finished, true);

    const rows = [phase1, phase2].map((p) => {
      const calls = p.callsPerMinute.reduce((a, b) => a + b, 0);
      return [
        p.label,
        `${fmt(p.seconds, 0)} s`,
        `${calls} (${fmt(calls / p.seconds, 2)}/s)`,
        p.callsPerMinute.join(" · "),
        p.firstCountsMs === null
          ? "never"
          : `${fmt(p.firstCountsMs / 1000, 1)} s (first file listed ${p.firstFileMs === null ? "never" : `${fmt(p.firstFileMs / 1000, 1)} s`})`,
        p.completeMs === null ? `not within ${MAX_PHASE_MS / 1000} s` : `${fmt(p.completeMs / 1000, 0)} s`,
        `${p.finalTotal}`,
        `${p.polls}${
          Object.keys(p.failures).length
            ? ` (${Object.entries(p.failures)
                .map(([k, v]) => `${k}: ${v}`)
                .join(", ")})`
            : ""
        }`,
      ];
    });
    const routes = [phase1, phase2].map(
      (p) =>
        `${p.label}: ${Object.entries(p.callsByRoute)
          .filter(([, v]) => v > 0)
          .map(([k, v]) => `${k} ${v}`)
          .join(", ")}`,
    );
    writeSection(
      "batch-files",
      [
        `## Files inside a batch: CI calls while ${VIEWERS} viewers watch a ${FILES.toLocaleString("en")}-file batch`,
        "",
        `${VIEWERS} viewers (distinct identities) poll GET /api/jobs/{jobId}/files?size=20 every ${POLL_MS / 1000} s. The emulator's batch runs`,
        `${STEP_MS / 1000} s (files created over the first 60 %, each running 10–35 % of it, ~7 % failing). Settings: counting ≤ ${COUNT_SETTINGS.callsPerSecond} calls/s (${COUNT_SETTINGS.finishedCallsPerSecond} once finished)`,
        `(≤ ${COUNT_SETTINGS.passPages} pages of ${COUNT_SETTINGS.pageSize} a pass), file page and batch state reused ${COUNT_SETTINGS.pageTtlMs / 1000} s, default CI budget and timeout. CI calls = every request the`,
        "emulator received; the phase ends when the counts are complete. Target: ≤ 1 call/s (60/min) on average.",
        "",
        table(
          ["Phase", "Duration", "CI calls", "Per minute", "First counts", "Counts complete", "Files counted", "Polls"],
          rows,
        ),
        "",
        ...routes.map((r) => `- ${r}`),
        "",
        "First counts: the first answer with any count (the first viewer waits for one pass of ≤ 10 pages); a new batch is",
        "Submitted for one emulator step before its first file exists, hence the time of the first listed file beside it. The counts are",
        "marked incomplete (countsComplete false) until a sweep that began after the batch ended has seen every file.",
      ].join("\n"),
    );
  } finally {
    await closeDb();
    await emulator.close();
  }
}

runMain(main);
