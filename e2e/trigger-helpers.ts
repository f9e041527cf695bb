/** Page helpers and emulator look-ups for the trigger wizard specs. */
import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import { E2E } from "./support/env";

export interface EmulatorTrigger {
  receivedAt: string;
  bucket: string;
  jobId: string | null;
  status: number;
  code?: string;
  xml: string;
}

/** Every trigger body the emulator received (admin API, loopback only). */
export async function emulatorTriggers(): Promise<EmulatorTrigger[]> {
  const res = await fetch(`${E2E.emulatorUrl}/__emulator/triggers`);
  expect(res.ok).toBe(true);
  return (await res.json()) as EmulatorTrigger[];
}

export async function triggerFor(jobId: string): Promise<EmulatorTrigger> {
  const found = (await emulatorTriggers()).find((t) => t.jobId === jobId);
  expect(found, `emulator received a trigger for ${jobId}`).toBeTruthy();
  return found!;
}

/** A job name unique to this run (CI's rules: letters, digits, - and _). */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
}

export async function expectStep(page: Page, n: number, title: string): Promise<void> {
  await expect(page.getByRole("heading", { level: 2, name: `Step ${n} of 5: ${title}` })).toBeVisible();
}

/** Next (or Review) and wait for the given step. */
export async function next(page: Page, n: number, title: string): Promise<void> {
  await page.getByRole("button", { name: /^(Next|Review)$/ }).click();
  await expectStep(page, n, title);
}

export async function noSeriousA11yViolations(page: Page, label: string): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  const bad = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    label,
  ).toEqual([]);
}

export async function openWizard(page: Page): Promise<void> {
  await page.goto("/jobs/new");
  await expectStep(page, 1, "Basics");
}

/** Step 1 and 2 with the common choices. */
export async function basicsAndInput(
  page: Page,
  opts: { name: string; type: "Job" | "Workflow"; input: { kind: "Prefix" | "Object"; value: string } },
) {
  await page.getByRole("textbox", { name: "Name" }).fill(opts.name);
  await page.getByRole("radio", { name: new RegExp(`^${opts.type}\\b`) }).check();
  await next(page, 2, "Input");
  await page.getByRole("radio", { name: new RegExp(`^${opts.input.kind}\\b`) }).check();
  await page.getByRole("textbox", { name: opts.input.kind, exact: true }).fill(opts.input.value);
  await next(page, 3, "Operation");
}

/** The job's ID after Submit took us to its page. */
export async function submitAndGetJobId(page: Page): Promise<string> {
  await page.getByRole("button", { name: "Submit job" }).click();
  await page.waitForURL(/\/jobs\/b[0-9a-f]+/);
  const id = /\/jobs\/(b[0-9a-f]+)/.exec(page.url())?.[1];
  expect(id).toBeTruthy();
  return id!;
}

/** The indented XML shown on Review, as the exact one-line body. */
export async function reviewXml(page: Page): Promise<string> {
  const xml = await page.locator("pre[data-xml]").getAttribute("data-xml");
  expect(xml).toBeTruthy();
  return xml!;
}

/** Selects the first real entry of a picker (after the empty choice) and returns its ID. */
export async function pickFirst(page: Page, label: string): Promise<string> {
  const select = page.getByRole("combobox", { name: label, exact: true });
  // Until the list has loaded there are only the empty choice and "Type an ID…".
  const first = select.locator('option:not([value=""]):not([value="__manual__"])').first();
  await expect(first).toBeAttached();
  const value = await first.getAttribute("value");
  expect(value).toBeTruthy();
  await select.selectOption(value!);
  return value!;
}
