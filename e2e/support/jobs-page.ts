/** The jobs screen as a test sees it: rows by JobId, their states, the filter controls. */
import { expect, type Page } from "@playwright/test";

export function jobsScreen(page: Page) {
  const rows = page.locator("table tbody tr[data-job-id]");
  return {
    rows,
    row: (jobId: string) => page.locator(`table tbody tr[data-job-id="${jobId}"]`),
    /** JobIds in screen order. */
    rowIds: async () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-job-id") ?? "")),
    rowStates: async () => rows.evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-state") ?? "")),
    /** Waits until the table shows real rows (not skeletons, not the previous view's rows). */
    ready: async () => {
      await waitForHydration(page);
      await expect(page.getByRole("table")).toBeVisible();
      await expect(page.getByRole("table")).not.toHaveAttribute("aria-busy", "true");
    },
    /** Waits for React to have hydrated: times then read in the browser's zone instead of CI's raw text. */
    hydrated: () => waitForHydration(page),
    type: page.getByLabel("Type", { exact: true }),
    created: page.getByLabel("Created", { exact: true }),
    name: page.getByRole("searchbox", { name: "Name" }),
    jobId: page.getByRole("searchbox", { name: "JobId" }),
    // A combobox: the box suggests workflows by name (a <datalist>).
    workflowId: page.getByRole("combobox", { name: "WorkflowId" }),
    order: page.getByLabel("Order"),
    size: page.getByLabel("Per page"),
    state: (label: string) => page.getByRole("checkbox", { name: label, exact: true }),
    clear: page.getByRole("button", { name: "Clear filters" }),
    next: page.getByRole("button", { name: "Next →" }),
    previous: page.getByRole("button", { name: "← Previous" }),
    range: page.getByTestId("row-range"),
    banner: page.getByTestId("poll-error"),
  };
}

/** The visible text of the page's rows must equal `ids` (order included), once loading settles. */
export async function expectRows(page: Page, ids: string[]): Promise<void> {
  const s = jobsScreen(page);
  await expect.poll(async () => (await s.ready(), await s.rowIds()), { timeout: 20_000 }).toEqual(ids);
}

/** The jobs and job pages mark their root data-hydrated="true" once React has taken over (inputs then work). */
export async function waitForHydration(page: Page): Promise<void> {
  // How long hydration takes is the page-weight benchmark's business (bench/), not a pass/fail here: on a loaded
  // 2-core machine a reload's hydration has taken over 15 s, so this wait is longer than the default expect timeout.
  await expect(page.locator('[data-hydrated="true"]')).toBeAttached({ timeout: 45_000 });
}
