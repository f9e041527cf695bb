/**
 * Files inside a batch (issue 13), as an operator does it: preview a seeded prefix in the wizard, trigger a Workflow
 * batch over it, watch the counts go from partial to final, open a failed file and read its CI error, download the
 * failed files, retry exactly those, and check what the dashboard wrote for CI. Axe on the new parts at 1440 and 390 px.
 *
 * The emulator's seeded prefix media/batch-250/ holds 250 objects; about 7 % of keys fail, deterministically per key
 * (emulator/batch/file-outcome.ts), so the failed set is fixed but read from the API rather than hard-coded.
 */
import { readFile } from "node:fs/promises";
import { parse } from "csv-parse/sync";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { triggerJob } from "./support/jobs-api";
import { E2E } from "./support/env";
import {
  emulatorTriggers,
  expectStep,
  next,
  noSeriousA11yViolations,
  openWizard,
  pickFirst,
  uniqueName,
} from "./trigger-helpers";

const PREFIX = "media/batch-250/";
const SEEDED_COUNT = 250;

interface FilesAnswer {
  counts: Record<string, number>;
  countsComplete: boolean;
  items: { object: string; state: string; id: string; code?: string }[];
  nextToken?: string;
}

/** Every file of a batch in the given state, through our API (the truth the screen and the CSV must match). */
async function filesInState(request: APIRequestContext, jobId: string, state?: string): Promise<FilesAnswer["items"]> {
  const out: FilesAnswer["items"] = [];
  let nextToken: string | undefined;
  for (let i = 0; i < 50; i++) {
    const q = new URLSearchParams({
      size: "100",
      ...(state ? { states: state } : {}),
      ...(nextToken ? { nextToken } : {}),
    });
    const res = await request.get(`/api/jobs/${jobId}/files?${q}`);
    expect(res.ok(), await res.text()).toBe(true);
    const page = (await res.json()) as FilesAnswer;
    out.push(...page.items);
    if (!page.nextToken) return out;
    nextToken = page.nextToken;
  }
  throw new Error("more than 50 pages of files");
}

/** The page body must not scroll sideways at phone width (the files table scrolls inside its own region). */
async function expectNoPageOverflow(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
}

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("preview, trigger, watch the counts, read a failed file, download and retry exactly the failed files", async ({
  page,
  request,
}) => {
  test.setTimeout(150_000);
  const name = uniqueName("e2e-files");

  // Wizard: the Input step previews the prefix before anything is sent.
  await openWizard(page);
  await page.getByRole("textbox", { name: "Name" }).fill(name);
  await page.getByRole("radio", { name: /^Workflow\b/ }).check();
  await next(page, 2, "Input");
  await page.getByRole("radio", { name: /^Prefix\b/ }).check();
  await page.getByRole("textbox", { name: "Prefix", exact: true }).fill(PREFIX);
  const preview = page.getByTestId("input-preview");
  await expect(preview.getByTestId("preview-count")).toHaveAttribute("data-count", String(SEEDED_COUNT));
  await expect(preview.getByTestId("preview-count")).toHaveAttribute("data-exact", "true");
  await expect(preview).toContainText(`${SEEDED_COUNT} objects under ${PREFIX}`);
  await preview.getByText(/^Sample of \d+ names$/).click();
  await expect(preview.getByTestId("preview-sample").locator("li").first()).toContainText(PREFIX);
  await noSeriousA11yViolations(page, "input step with preview, 1440 px");

  await next(page, 3, "Operation");
  await pickFirst(page, "Workflow");
  await next(page, 5, "Review");
  await expect(page.getByTestId("input-preview").getByTestId("preview-count")).toHaveAttribute(
    "data-count",
    String(SEEDED_COUNT),
  );
  await page.getByRole("button", { name: "Submit job" }).click();
  await page.waitForURL(/\/jobs\/b[0-9a-f]+$/);
  const jobId = /\/jobs\/(b[0-9a-f]+)$/.exec(page.url())![1]!;

  // Counts become final once the batch has ended and every file has been counted (the 10,000-file test below
  // watches partial counts grow).
  const files = page.getByTestId("batch-files");
  const counts = files.getByTestId("file-counts");
  await expect(counts).toHaveAttribute("data-complete", "true", { timeout: 90_000 });
  await expect(files.getByTestId("files-total")).toHaveText(String(SEEDED_COUNT));
  await expect(page.getByTestId("detail-state")).toHaveAttribute("data-state", "Success");

  const failedTruth = await filesInState(request, jobId, "Failed");
  expect(failedTruth.length).toBeGreaterThan(0);
  // The emulator's own view agrees with our API (it decides failures per key, emulator/batch/file-outcome.ts).
  const emulatorFailed = await emulatorAdmin.batchFiles(jobId, "Failed");
  expect(emulatorFailed.files.map((f) => f.key).sort()).toEqual(failedTruth.map((f) => f.object).sort());
  await expect(files.getByTestId("count-Failed")).toHaveAttribute("data-count", String(failedTruth.length));
  await expect(files.getByTestId("count-Success")).toHaveAttribute(
    "data-count",
    String(SEEDED_COUNT - failedTruth.length),
  );
  await noSeriousA11yViolations(page, "job page with files, 1440 px");

  // Filter by state, then find one file by its exact key.
  await files.getByRole("combobox", { name: "State" }).selectOption("Failed");
  const rows = files.getByTestId("file-row");
  await expect(rows).toHaveCount(Math.min(failedTruth.length, 50));
  await expect(rows.and(page.locator('[data-state="Failed"]'))).toHaveCount(Math.min(failedTruth.length, 50));
  const target = failedTruth[0]!;
  await files.getByRole("searchbox", { name: "Find a file by its exact key" }).fill(target.object);
  await files.getByRole("button", { name: "Find", exact: true }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute("data-object", target.object);
  // A workflow instance's list entry carries no step errors (CI lists RunId, Object, State): its detail does.
  const detailRes = await request.get(`/api/jobs/${jobId}/files/${target.id}`);
  expect(detailRes.ok()).toBe(true);
  const detail = (await detailRes.json()) as { code?: string; state: string };
  expect(detail.state).toBe("Failed");
  expect(detail.code).toBe(emulatorFailed.files.find((f) => f.key === target.object)?.code);
  if (target.code) await expect(rows.first()).toContainText(target.code);

  // The failed file's detail: its CI error code, and each step of its workflow instance.
  await rows.first().getByRole("link", { name: target.object }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/${jobId}/files/`));
  await expect(page.getByRole("heading", { level: 1, name: target.object })).toBeVisible();
  await expect(page.getByTestId("file-error-code")).toHaveText(detail.code!);
  await expect(page.locator('[data-testid="file-step"][data-state="Failed"]').first()).toContainText(detail.code!);
  await noSeriousA11yViolations(page, "file detail, 1440 px");
  await page.getByRole("link", { name: `← Job ${jobId}` }).click();
  await expect(page.getByTestId("file-counts")).toHaveAttribute("data-complete", "true");

  // Download failed files: every page of them, whatever the table shows.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download failed files" }).click();
  const csvPath = await (await download).path();
  const [header, ...csvRows] = parse((await readFile(csvPath!, "utf8")).replace(/^\uFEFF/, "")) as string[][];
  expect(header![0]).toBe("Object");
  expect(csvRows.map((r) => r[0]).sort()).toEqual(failedTruth.map((f) => f.object).sort());
  expect(csvRows.every((r) => r[1] === "Failed")).toBe(true);
  await expect(page.getByTestId("export-status")).toHaveText(
    `Downloaded ${failedTruth.length} failed ${failedTruth.length === 1 ? "file" : "files"}.`,
  );

  // Retry: the review shows the count, the list's key and the exact XML; confirming opens the new job.
  await page.getByRole("button", { name: "Retry failed files" }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog.getByTestId("retry-file-count")).toHaveText(String(failedTruth.length));
  const listKey = (await dialog.getByTestId("retry-list-key").textContent())!;
  expect(listKey.startsWith("retry-lists/")).toBe(true);
  const xml = (await dialog.getByTestId("retry-xml").textContent())!;
  expect(xml).toContain(`<UrlFile>`);
  expect(xml).toContain(listKey.split("/").pop()!);
  await noSeriousA11yViolations(page, "retry review dialog, 1440 px");
  await dialog
    .getByRole("button", { name: `Retry ${failedTruth.length} failed ${failedTruth.length === 1 ? "file" : "files"}` })
    .click();
  await page.waitForURL((u) => /\/jobs\/b[0-9a-f]+$/.test(u.pathname) && !u.pathname.endsWith(jobId));
  const retryId = /\/jobs\/(b[0-9a-f]+)$/.exec(page.url())![1]!;
  await expect(page.getByTestId("retry-links")).toContainText("Retry of");
  await expect(page.getByTestId("retry-links").getByRole("link", { name: jobId })).toBeVisible();

  // What CI received: a batch over Input.UrlFile = the list, and the list names exactly the failed objects.
  const sent = (await emulatorTriggers()).find((t) => t.jobId === retryId);
  expect(sent?.xml).toBe(xml);
  const written = (await emulatorAdmin.cosObjects(E2E.bucket, "retry-lists/")).objects.find((o) => o.key === listKey);
  expect(written, `the app wrote ${listKey}`).toBeTruthy();
  const listed = written!.body
    .split(/\r?\n/)
    .filter(Boolean)
    .map((line) => decodeURIComponent(new URL(line).pathname.slice(1)));
  expect(listed.sort()).toEqual(failedTruth.map((f) => f.object).sort());
  // The emulator expands the URL file into the retry's files: exactly the failed objects, each once.
  await expect
    .poll(async () => (await filesInState(request, retryId)).map((f) => f.object).sort(), { timeout: 30_000 })
    .toEqual(failedTruth.map((f) => f.object).sort());

  // Both pages link to each other.
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("retry-links").getByRole("link", { name: retryId })).toBeVisible();
  await expect(page.getByTestId("retry-links")).toContainText("Retried by");
});

test("a 10,000-file batch: partial counts say 'at least' and grow until the counter has seen every file", async ({
  page,
  request,
}) => {
  const { JobId: jobId } = await triggerJob(request, uniqueName("e2e-files-10k"), "media/batch-10k/");
  // The batch itself is over within seconds; counting 10,000 files at the counter's pace takes minutes.
  await emulatorAdmin.finishBatch(jobId);
  await page.goto(`/jobs/${jobId}`);
  const counts = page.getByTestId("file-counts");
  const total = page.getByTestId("files-total");
  await expect(counts).toHaveAttribute("data-complete", "false");
  await expect(page.getByTestId("counts-incomplete")).toContainText("Counts are incomplete");
  await expect(total).toHaveText(/^at least [1-9][\d,]*$/);
  const first = Number((await total.textContent())!.replace(/\D/g, ""));
  expect(first).toBeLessThan(10_000);
  // Counts move: a later refresh shows more files counted, still as a lower bound.
  await expect(total).not.toHaveText(`at least ${first.toLocaleString("en-US")}`, { timeout: 30_000 });
  const later = Number((await total.textContent())!.replace(/\D/g, ""));
  expect(later).toBeGreaterThan(first);
  await expect(counts).toHaveAttribute("data-complete", "false");
  await expect(page.getByTestId("count-Success")).toHaveText(/≥ [\d,]+/);
  // Not finished counting: no retry offered yet (a retry needs the final set of failed files).
  await expect(page.getByRole("button", { name: "Retry failed files" })).toHaveCount(0);
});

test("phone width: the wizard preview and the files section fit at 390 px and pass axe", async ({ page, request }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await openWizard(page);
  await page.getByRole("textbox", { name: "Name" }).fill(uniqueName("e2e-files-phone"));
  await next(page, 2, "Input");
  await page.getByRole("radio", { name: /^Object\b/ }).check();
  await page.getByRole("textbox", { name: "Object", exact: true }).fill("media/no-such-object.mp4");
  await expect(page.getByTestId("preview-exists")).toHaveAttribute("data-exists", "false");
  await expectStep(page, 2, "Input");
  await expectNoPageOverflow(page);
  await noSeriousA11yViolations(page, "input step with preview, 390 px");

  const { JobId: jobId } = await triggerJob(request, uniqueName("e2e-files-phone"), "media/small/");
  await page.goto(`/jobs/${jobId}`);
  await expect(page.getByTestId("file-counts")).toHaveAttribute("data-complete", "true", { timeout: 60_000 });
  await expect(page.getByTestId("file-row").first()).toBeVisible();
  await expectNoPageOverflow(page);
  await noSeriousA11yViolations(page, "job page with files, 390 px");
});
