import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { emulatorAdmin } from "./support/emulator-admin";
import { listJobs, type ApiJob } from "./support/jobs-api";
import { jobsScreen } from "./support/jobs-page";

/** CI time for an instant, in UTC (+0000): what the API accepts. */
function ciTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19) + "+0000";
}

/** Waits until the screen shows exactly the rows the API gives for `params` (both re-read on every try). */
async function expectScreenMatchesApi(page: Page, request: APIRequestContext, params: Record<string, string | number>) {
  const s = jobsScreen(page);
  let last = { screen: [] as string[], api: [] as string[] };
  await expect
    .poll(
      async () => {
        await s.ready();
        const api = (await listJobs(request, { size: 20, orderByTime: "Desc", ...params })).jobs.map((j) => j.JobId);
        last = { screen: await s.rowIds(), api };
        return last.screen.length > 0 && JSON.stringify(last.screen) === JSON.stringify(last.api);
      },
      { timeout: 20_000, message: `screen rows should equal GET /api/jobs ${JSON.stringify(params)}` },
    )
    .toBe(true);
  return last.api;
}

test.beforeEach(async () => {
  await emulatorAdmin.reset();
});

test("type and state filters narrow rows as CI does, live in the URL, and survive reload and Back", async ({
  page,
  request,
}) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  const all = await expectScreenMatchesApi(page, request, {});

  await s.type.selectOption("Job");
  await expect(page).toHaveURL(/[?&]type=Job(&|$)/);
  const jobsOnly = await expectScreenMatchesApi(page, request, { type: "Job" });
  expect(jobsOnly).not.toEqual(all);
  await expect(s.rows.locator("td:nth-child(4)")).toHaveText(Array(jobsOnly.length).fill("Job"));

  await s.state("Failed").check();
  await expect(page).toHaveURL(/states=Failed/);
  const failedJobs = await expectScreenMatchesApi(page, request, { type: "Job", states: "Failed" });
  expect(await s.rowStates()).toEqual(Array(failedJobs.length).fill("Failed"));

  await s.state("Running").check();
  await expect(page).toHaveURL(/states=Running(%2C|,)Failed/);
  await expectScreenMatchesApi(page, request, { type: "Job", states: "Running,Failed" });

  await page.reload();
  await expect(s.type).toHaveValue("Job");
  await expect(s.state("Failed")).toBeChecked();
  await expect(s.state("Running")).toBeChecked();
  await expect(s.state("Success")).not.toBeChecked();
  await expectScreenMatchesApi(page, request, { type: "Job", states: "Running,Failed" });

  await page.goBack();
  await expect(page).toHaveURL(/states=Failed(&|$)/);
  await expect(s.state("Running")).not.toBeChecked();
  await expectScreenMatchesApi(page, request, { type: "Job", states: "Failed" });

  await page.goBack();
  await expect(page).not.toHaveURL(/states=/);
  await expect(s.state("Failed")).not.toBeChecked();
  await expectScreenMatchesApi(page, request, { type: "Job" });

  await page.goForward();
  await expect(s.state("Failed")).toBeChecked();
  await s.clear.click();
  await expect(page).not.toHaveURL(/type=|states=/);
  await expect(s.type).toHaveValue("");
  await expectScreenMatchesApi(page, request, {});
});

test("name, JobId and WorkflowId filters find exactly what CI finds", async ({ page, request }) => {
  const s = jobsScreen(page);
  const workflowJobs = (await listJobs(request, { type: "Workflow", size: 50 })).jobs;
  const target = workflowJobs.find((j) => typeof j.Operation?.WorkflowIds === "string") as ApiJob;
  const workflowId = target.Operation!.WorkflowIds as string;

  await page.goto("/jobs");
  await s.ready();
  await s.name.fill(target.Name!);
  await s.name.press("Enter");
  await expect(page).toHaveURL(new RegExp(`name=${encodeURIComponent(target.Name!).replace(/-/g, "\\-")}`));
  const byName = await expectScreenMatchesApi(page, request, { name: target.Name! });
  expect(byName).toContain(target.JobId);
  await s.clear.click();

  await s.jobId.fill(target.JobId);
  await s.jobId.press("Enter");
  await expect(page).toHaveURL(new RegExp(`jobId=${target.JobId}`));
  expect(await expectScreenMatchesApi(page, request, { jobId: target.JobId })).toEqual([target.JobId]);
  await s.clear.click();
  await expect(s.jobId).toHaveValue("");

  // Typing alone commits after a pause (no Enter).
  await s.workflowId.fill(workflowId);
  await expect(page).toHaveURL(new RegExp(`workflowId=${workflowId}`));
  const byWorkflow = await expectScreenMatchesApi(page, request, { workflowId });
  expect(byWorkflow).toContain(target.JobId);

  // An ID with characters CI would refuse is flagged and never sent.
  await s.jobId.fill("not-an-id!");
  await expect(page.getByText("Letters and digits only (up to 64)")).toBeVisible();
  await s.jobId.press("Enter");
  await expect(page).not.toHaveURL(/jobId=/);
});

test("created-time presets and a custom range narrow by creation time", async ({ page, request }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();

  await s.created.selectOption("1h");
  await expect(page).toHaveURL(/created=1h/);
  // The screen resolves "last hour" when it fetches; bracket it between a slightly wider and a slightly narrower window.
  await expect
    .poll(
      async () => {
        const now = Date.now();
        const wider = (
          await listJobs(request, { size: 20, startCreationTime: ciTime(now - 3_600_000 - 120_000) })
        ).jobs.map((j) => j.JobId);
        const narrower = (
          await listJobs(request, { size: 20, startCreationTime: ciTime(now - 3_600_000 + 120_000) })
        ).jobs.map((j) => j.JobId);
        const screen = await s.rowIds();
        return (
          screen.length > 0 && screen.every((id) => wider.includes(id)) && narrower.every((id) => screen.includes(id))
        );
      },
      { timeout: 20_000 },
    )
    .toBe(true);
  const lastHour = await s.rowIds();
  const all = (await listJobs(request, { size: 20 })).jobs.map((j) => j.JobId);
  expect(lastHour.length).toBeLessThan(all.length);

  // A custom range around one older job: the datetime-local inputs are in the browser's time zone.
  const older = (await listJobs(request, { size: 20 })).jobs[15]!;
  const created = Date.parse(older.CreationTime!.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  const local = (ms: number) => {
    const d = new Date(ms);
    const p = (n: number) => String(n).padStart(2, "0");
    return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}`;
  };
  const from = Math.floor((created - 60_000) / 60_000) * 60_000;
  const to = Math.ceil((created + 60_000) / 60_000) * 60_000;
  await s.created.selectOption("custom");
  await page.getByLabel("From (your time)").fill(local(from));
  await expect(page).toHaveURL(/created=custom/);
  await page.getByLabel("To (your time)").fill(local(to));
  await expect(page).toHaveURL(/to=/);
  const inRange = await expectScreenMatchesApi(page, request, {
    startCreationTime: ciTime(from),
    endCreationTime: ciTime(to),
  });
  expect(inRange).toContain(older.JobId);

  await page.reload();
  await expect(page.getByLabel("From (your time)")).toHaveValue(local(from));
  await expectScreenMatchesApi(page, request, { startCreationTime: ciTime(from), endCreationTime: ciTime(to) });
});

test("order and page size follow the URL", async ({ page, request }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs");
  await s.ready();
  await s.order.selectOption("oldest");
  await expect(page).toHaveURL(/order=oldest/);
  await expectScreenMatchesApi(page, request, { orderByTime: "Asc" });
  await s.size.selectOption("10");
  await expect(page).toHaveURL(/size=10/);
  await expectScreenMatchesApi(page, request, { orderByTime: "Asc", size: 10 });
  await expect(s.rows).toHaveCount(10);
  await expect(s.range).toHaveText(/Showing 1–10/);
});

test("a stale or hostile URL falls back to defaults instead of failing", async ({ page, request }) => {
  // CI's cursor is opaque (any printable text goes to CI as given, issue 12); a control character is what no cursor has.
  const s = jobsScreen(page);
  const res = await page.goto(
    "/jobs?type=Nope&states=Running,Bogus&size=7&order=sideways&created=forever&jobId=%3Cscript%3E&cursor=%01%21&back=x&from=yesterday&bucket=NOT_A_BUCKET",
  );
  expect(res?.status()).toBe(200);
  await expect(s.type).toHaveValue("");
  await expect(s.state("Running")).toBeChecked();
  await expect(s.size).toHaveValue("20");
  await expect(s.order).toHaveValue("newest");
  await expect(s.created).toHaveValue("");
  await expect(s.jobId).toHaveValue("");
  await expect(s.banner).toHaveCount(0);
  await expectScreenMatchesApi(page, request, { states: "Running" });
});

test("the empty state says which filter hides everything and removes it", async ({ page }) => {
  const s = jobsScreen(page);
  await page.goto("/jobs?name=no-such-job-anywhere&type=Job");
  await s.hydrated();
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("No jobs match these filters");
  await expect(empty.getByRole("button", { name: "Remove filter Name: no-such-job-anywhere" })).toBeVisible();
  await empty.getByRole("button", { name: "Remove filter Name: no-such-job-anywhere" }).click();
  await expect(page).not.toHaveURL(/name=/);
  await expect(page).toHaveURL(/type=Job/);
  await expect(s.rows.first()).toBeVisible();
});
