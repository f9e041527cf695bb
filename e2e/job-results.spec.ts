/**
 * Issue 12 item 3: result blocks CI echoes under a finished batch's `Operation.JobParam` (cos-go-sdk-v5 ci_media.go
 * `InventoryTriggerJobOperationJobParam`: MediaResult, MediaInfo, the per-Tag …Result blocks) show on the job page's
 * "Results" section. The emulator echoes what its admin API attaches (emulator/admin-results.ts).
 */
import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { E2E } from "./support/env";
import { emulatorAdmin } from "./support/emulator-admin";
import { getJob, uniqueName } from "./support/jobs-api";
import { jobsScreen, waitForHydration } from "./support/jobs-page";

const BUCKET = E2E.bucket;
const OUTPUT = { Region: E2E.region, Bucket: BUCKET };

/** Triggers a Job-type batch through POST /api/jobs and forces it to Success (finished jobs are not polled). */
async function finishedJob(request: APIRequestContext, operation: Record<string, unknown>): Promise<string> {
  const res = await request.post("/api/jobs", {
    headers: { "Idempotency-Key": randomUUID(), Origin: E2E.appUrl, "Content-Type": "application/json" },
    data: { Name: uniqueName("results"), Type: "Job", Input: { Prefix: "media/small/" }, Operation: operation },
  });
  if (res.status() !== 201) throw new Error(`POST /api/jobs → ${res.status()}: ${await res.text()}`);
  const jobId = ((await res.json()) as { job: { JobId: string } }).job.JobId;
  await emulatorAdmin.forceState(jobId, "Success");
  return jobId;
}

async function openJob(page: Page, jobId: string): Promise<void> {
  await page.goto(`/jobs/${jobId}`);
  await waitForHydration(page);
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", "Success");
  await expect(page.getByRole("region", { name: "Operation" })).toBeVisible();
}

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("a Snapshot batch: no Results until CI echoes them, then every file written with its MD5 and the sprite", async ({
  page,
  request,
}) => {
  const jobId = await finishedJob(request, {
    Tag: "Snapshot",
    JobParam: {
      Snapshot: {
        Mode: "Interval",
        Count: "2",
        SnapshotOutMode: "SnapshotAndSprite",
        SpriteSnapshotConfig: { CellWidth: "320", CellHeight: "180", Color: "White", Columns: "2", Lines: "1" },
      },
    },
    Output: { ...OUTPUT, Object: "snap/${InventoryTriggerJobId}/frame-${Number}.jpg", SpriteObject: "snap/sprite.jpg" },
  });

  await openJob(page, jobId);
  await expect(page.getByRole("region", { name: "Results" })).toHaveCount(0);

  await emulatorAdmin.attachResults(jobId, {
    MediaResult: {
      OutputFile: {
        Bucket: BUCKET,
        Region: E2E.region,
        ObjectName: [`snap/${jobId}/frame-0.jpg`, `snap/${jobId}/frame-1.jpg`],
        Md5Info: [
          { ObjectName: `snap/${jobId}/frame-0.jpg`, Md5: "0cc175b9c0f1b6a831c399e269772661" },
          { ObjectName: `snap/${jobId}/frame-1.jpg`, Md5: "92eb5ffee6ae2fec3ad71c777531578f" },
        ],
        SpriteOutputFile: {
          Bucket: BUCKET,
          ObjectName: "snap/sprite.jpg",
          Md5Info: { ObjectName: "snap/sprite.jpg", Md5: "4a8a08f09d37b73795649038408b5f33" },
        },
      },
    },
    MediaInfo: { Format: { Duration: "12.960000", FormatName: "mov,mp4,m4a,3gp,3g2,mj2" } },
  });
  // The app reuses an identical job answer for CI_CACHE_MS (1 s): wait until it serves the one with results.
  await expect
    .poll(async () => "MediaResult" in ((await getJob(request, jobId)).Operation!.JobParam as object))
    .toBe(true);
  await page.reload();
  await waitForHydration(page);

  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("heading", { name: "Files written" })).toBeVisible();
  const files = results.getByRole("list", { name: "Files written" }).getByRole("listitem");
  await expect(files).toHaveCount(3);
  await expect(files.nth(0)).toContainText(`${BUCKET}/snap/${jobId}/frame-0.jpg`);
  await expect(files.nth(0)).toContainText("MD5 0cc175b9c0f1b6a831c399e269772661");
  await expect(files.nth(0)).not.toContainText("(sprite)");
  await expect(files.nth(1)).toContainText(`${BUCKET}/snap/${jobId}/frame-1.jpg`);
  await expect(files.nth(1)).toContainText("MD5 92eb5ffee6ae2fec3ad71c777531578f");
  await expect(files.nth(2)).toContainText(`${BUCKET}/snap/sprite.jpg`);
  await expect(files.nth(2)).toContainText("(sprite)");
  await expect(files.nth(2)).toContainText("MD5 4a8a08f09d37b73795649038408b5f33");
  // Every block as CI sent it, under its own heading; results are not repeated among the parameters.
  await expect(results.getByRole("heading", { name: "MediaResult" })).toBeVisible();
  await expect(results.getByRole("heading", { name: "MediaInfo" })).toBeVisible();
  await expect(results).toContainText("12.960000");
  await expect(page.getByRole("region", { name: "Operation" })).not.toContainText("Md5Info");
  await expect(page.getByText(/details not understood/i)).toHaveCount(0);

  // The list answer carries the same blocks: the row reads normally, not marked as misunderstood.
  await page.goto(`/jobs?jobId=${jobId}`);
  const screen = jobsScreen(page);
  await screen.ready();
  await expect(screen.row(jobId)).toHaveAttribute("data-state", "Success");
  await expect(screen.row(jobId)).not.toContainText(/details not understood/i);
});

test("an ImageInspect batch shows its ImageInspectResult block", async ({ page, request }) => {
  // The shape cos-python-sdk-v5 ut/test.py triggers (no queue, no Output).
  const jobId = await finishedJob(request, {
    Tag: "ImageInspect",
    JobParam: { ImageInspect: { AutoProcess: "false" } },
  });
  await emulatorAdmin.attachResults(jobId, {
    ImageInspectResult: {
      State: "Success",
      InputObjectName: "media/small/clip-01.mp4",
      ProcessResult: { PicType: "jpg", Suspicious: "true", SuspiciousType: "zip" },
    },
  });
  await openJob(page, jobId);
  const results = page.getByRole("region", { name: "Results" });
  await expect(results.getByRole("heading", { name: "ImageInspectResult" })).toBeVisible();
  await expect(results).toContainText("SuspiciousType");
  await expect(results).toContainText("zip");
  await expect(results.getByRole("heading", { name: "Files written" })).toHaveCount(0);
});

test("one ObjectName and one Md5Info: a list of one, on the page and in the JSON", async ({ page, request }) => {
  const jobId = await finishedJob(request, {
    Tag: "Transcode",
    JobParam: { TemplateId: "t1460606b9752148c4ab182f55163ba7cd" },
    Output: { ...OUTPUT, Object: "out/${InputName}.mp4" },
  });
  await emulatorAdmin.attachResults(jobId, {
    MediaResult: {
      OutputFile: {
        Bucket: BUCKET,
        ObjectName: "out/clip-01.mp4",
        Md5Info: { ObjectName: "out/clip-01.mp4", Md5: "852883012a6ba726e6ed8d9b984edfdf" },
      },
    },
  });
  // The emulator writes one <ObjectName> and one <Md5Info>; the app reads them as lists by their path.
  const file = (
    ((await getJob(request, jobId)).Operation!.JobParam as Record<string, unknown>).MediaResult as {
      OutputFile: Record<string, unknown>;
    }
  ).OutputFile;
  expect(file.ObjectName).toEqual(["out/clip-01.mp4"]);
  expect(file.Md5Info).toEqual([{ Md5: "852883012a6ba726e6ed8d9b984edfdf", ObjectName: "out/clip-01.mp4" }]);

  await openJob(page, jobId);
  const files = page
    .getByRole("region", { name: "Results" })
    .getByRole("list", { name: "Files written" })
    .getByRole("listitem");
  await expect(files).toHaveCount(1);
  await expect(files.first()).toContainText(`${BUCKET}/out/clip-01.mp4`);
  await expect(files.first()).toContainText("MD5 852883012a6ba726e6ed8d9b984edfdf");
});
