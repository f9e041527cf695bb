import { readFile } from "node:fs/promises";
import { expect, test } from "@playwright/test";
import { parse } from "csv-parse/sync";
import { emulatorAdmin } from "./support/emulator-admin";
import { listJobs, triggerJob, uniqueName } from "./support/jobs-api";
import { expectRows, jobsScreen } from "./support/jobs-page";

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("Export CSV writes the rows in view, in a file named after the filters", async ({ page, request }) => {
  const s = jobsScreen(page);
  const truth = (await listJobs(request, { size: 20, type: "Job", states: "Failed,Success", orderByTime: "Desc" }))
    .jobs;
  await page.goto("/jobs?type=Job&states=Failed,Success");
  await expectRows(
    page,
    truth.map((j) => j.JobId),
  );
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(
    /^jobs_type-Job_states-Success-Failed_\d{4}-\d{2}-\d{2}-\d{2}-\d{2}-\d{2}\.csv$/,
  );
  const text = (await readFile((await file.path())!, "utf8")).replace(/^\uFEFF/, "");
  expect(text.endsWith("\r\n")).toBe(true);
  const [header, ...records] = parse(text) as string[][];
  expect(header!.join(",")).toBe(
    "JobId,Name,Type,TagOrWorkflow,WorkflowName,QueueId,QueueName,TemplateIds,TemplateNames,State,Code,Message,CreationTime,StartTime,EndTime,DurationSeconds,InputKind,Input,TriggeredBy,TriggeredAt",
  );
  expect(records.map((r) => r[0])).toEqual(truth.map((j) => j.JobId));
  const failed = truth.find((j) => j.State === "Failed");
  if (failed) expect(records.find((r) => r[0] === failed.JobId)!.slice(9, 11)).toEqual(["Failed", failed.Code]);
  await expect(s.rows).toHaveCount(truth.length);
});

test("the bucket selector switches bucket; an unknown bucket in a link falls back to the default", async ({
  page,
  request,
}) => {
  const archive = (await listJobs(request, { size: 20, bucket: "archive-1250000000" })).jobs.map((j) => j.JobId);
  const main = (await listJobs(request, { size: 20 })).jobs.map((j) => j.JobId);
  await page.goto("/jobs");
  await expectRows(page, main);
  await page.getByLabel("Bucket").selectOption("archive-1250000000");
  await expect(page).toHaveURL(/bucket=archive-1250000000/);
  await expectRows(page, archive);
  await page.reload();
  await expectRows(page, archive);
  await page.goto("/jobs?bucket=unknown-1250000000");
  await expectRows(page, main);
  await expect(jobsScreen(page).banner).toHaveCount(0);
});

test("notifications are asked for on a click, never on load, and announce watched jobs as they finish", async ({
  page,
  request,
}) => {
  // A stand-in for the browser's Notification API that records what the page shows.
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    const shown: { title: string; body?: string }[] = [];
    let permission: NotificationPermission = "default";
    let asked = 0;
    class FakeNotification {
      onclick: (() => void) | null = null;
      static get permission() {
        return permission;
      }
      static async requestPermission() {
        asked++;
        permission = "granted";
        return permission;
      }
      constructor(title: string, options?: { body?: string }) {
        shown.push({ title, body: options?.body });
      }
    }
    w.Notification = FakeNotification;
    w.__notes = { shown, asked: () => asked };
  });
  const notes = () =>
    page.evaluate(
      () =>
        (window as unknown as { __notes: { shown: { title: string; body?: string }[]; asked: () => number } }).__notes
          .shown,
    );
  const asked = () => page.evaluate(() => (window as unknown as { __notes: { asked: () => number } }).__notes.asked());
  const s = jobsScreen(page);

  await page.goto("/jobs");
  await s.ready();
  expect(await asked()).toBe(0);
  await page.getByRole("button", { name: "Notify me" }).click();
  await expect(page.getByText("Notifications on")).toBeVisible();
  expect(await asked()).toBe(1);

  // One job watched from its row, one "triggered from this browser" (the wizard's localStorage list).
  const watched = await triggerJob(request, uniqueName("watch"), `e2e/slow/${Date.now()}/a/`);
  const remembered = await triggerJob(request, uniqueName("mine"), `e2e/slow/${Date.now()}/b/`);
  await page.evaluate((id) => localStorage.setItem("ci-console:watched-jobs", JSON.stringify([id])), remembered.JobId);
  const watchButton = s.row(watched.JobId).getByRole("button", { name: /^Watch / });
  await watchButton.click();
  await expect(s.row(watched.JobId).getByRole("button", { name: /^Stop watching / })).toHaveAttribute(
    "aria-pressed",
    "true",
  );

  await expect(s.row(watched.JobId)).toHaveAttribute("data-state", "Success", { timeout: 30_000 });
  await expect(s.row(remembered.JobId)).toHaveAttribute("data-state", "Success", { timeout: 30_000 });
  await expect
    .poll(async () => (await notes()).map((n) => n.body ?? "").sort())
    .toEqual(
      [`${remembered.Name} (${remembered.JobId}) is Success`, `${watched.Name} (${watched.JobId}) is Success`].sort(),
    );
  expect((await notes()).every((n) => n.title === "Batch job succeeded")).toBe(true);
  // Each job notifies once, then is no longer watched.
  await expect(s.row(watched.JobId).getByRole("button", { name: /^Watch / })).toHaveAttribute("aria-pressed", "false");
  expect(await page.evaluate(() => localStorage.getItem("ci-console:watched-jobs"))).toBe("[]");
});
