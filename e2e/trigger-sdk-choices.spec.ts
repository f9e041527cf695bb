/**
 * Issue 12 item 2, the wizard's side: `Output.Force` and `Operation.FreeTranscode` (cos-go-sdk-v5 JobOutput and
 * InventoryTriggerJobOperation) and several workflows in one trigger (`WorkflowIds` comma-separated, cos-java-sdk-v5
 * BatchJobDemo) are set in the wizard and reach the emulator as exactly the XML shown on Review.
 */
import { expect, test, type Locator, type Page } from "@playwright/test";
import {
  basicsAndInput,
  expectStep,
  next,
  noSeriousA11yViolations,
  openWizard,
  pickFirst,
  reviewXml,
  submitAndGetJobId,
  triggerFor,
  uniqueName,
} from "./trigger-helpers";

/** The IDs a workflow row offers (its real entries, not the empty choice or "Type an ID…"). */
async function offeredIds(select: Locator): Promise<string[]> {
  const options = select.locator('option:not([value=""]):not([value="__manual__"])');
  await expect(options.first()).toBeAttached();
  return options.evaluateAll((els) => els.map((e) => (e as HTMLOptionElement).value));
}

async function workflowRow(page: Page, n: number): Promise<Locator> {
  return page.getByRole("combobox", { name: n === 1 ? "Workflow" : `Workflow ${n}`, exact: true });
}

test("Transcode with Force and FreeTranscode reaches CI as the reviewed XML, and a duplicate keeps both", async ({
  page,
}) => {
  const name = uniqueName("e2e-force");
  await openWizard(page);
  await basicsAndInput(page, { name, type: "Job", input: { kind: "Prefix", value: "incoming/" } });
  await page.getByRole("radio", { name: /^Transcode\b/ }).check();
  await page.getByRole("radio", { name: /^A saved template/ }).check();
  const templateId = await pickFirst(page, "Template");
  const free = page.getByRole("combobox", { name: /^Free transcoding/ });
  await expect(free).toHaveAccessibleDescription(/Operation\.FreeTranscode/);
  await free.selectOption("false");
  await next(page, 4, "Output & delivery");
  await page.getByRole("textbox", { name: "Object", exact: true }).fill("out/${InventoryTriggerJobId}.mp4");
  const force = page.getByRole("combobox", { name: /^Force/ });
  await expect(force).toHaveAccessibleDescription(/Output\.Force/);
  await force.selectOption("true");
  await noSeriousA11yViolations(page, "Output & delivery (Force)");
  await next(page, 5, "Review");
  await expect(page.getByText("Force = true")).toBeVisible();
  await expect(page.getByRole("term").filter({ hasText: "Free transcoding" })).toBeVisible();
  const xml = await reviewXml(page);
  expect(xml).toBe(
    `<Request><Name>${name}</Name><Type>Job</Type><Input><Prefix>incoming/</Prefix></Input><Operation>` +
      `<Tag>Transcode</Tag><JobParam><TemplateId>${templateId}</TemplateId></JobParam>` +
      "<Output><Region>ap-beijing</Region><Bucket>examplebucket-1250000000</Bucket>" +
      "<Object>out/${InventoryTriggerJobId}.mp4</Object><Force>true</Force></Output>" +
      "<FreeTranscode>false</FreeTranscode></Operation></Request>",
  );
  const jobId = await submitAndGetJobId(page);
  const sent = await triggerFor(jobId);
  expect(sent.status).toBe(200);
  expect(sent.xml).toBe(xml);

  // Duplicate: both switches come back into the form and the Review lists only the renamed Name as a change.
  await page.goto(`/jobs/new?from=${jobId}`);
  await expect(page.getByRole("heading", { level: 1, name: `Duplicate job ${jobId}` })).toBeVisible();
  await page.getByRole("textbox", { name: "Name" }).fill(`${name}-copy`);
  await next(page, 2, "Input");
  await next(page, 3, "Operation");
  await expect(page.getByRole("combobox", { name: /^Free transcoding/ })).toHaveValue("false");
  await next(page, 4, "Output & delivery");
  await expect(page.getByRole("combobox", { name: /^Force/ })).toHaveValue("true");
  await next(page, 5, "Review");
  const changes = page.getByRole("table", { name: "Changed elements" });
  await expect(changes.getByRole("row", { name: /^Name/ })).toContainText(`${name}-copy`);
  await expect(changes.getByRole("row")).toHaveCount(2); // header + the Name, nothing removed
  const copyId = await submitAndGetJobId(page);
  expect((await triggerFor(copyId)).xml).toBe(xml.replace(`<Name>${name}</Name>`, `<Name>${name}-copy</Name>`));
});

test("two workflows chosen in the wizard run in one trigger, in the order chosen, and the job page shows both", async ({
  page,
}) => {
  const name = uniqueName("e2e-2wf");
  await openWizard(page);
  await basicsAndInput(page, { name, type: "Workflow", input: { kind: "Prefix", value: "videos/" } });
  const first = await workflowRow(page, 1);
  const [a, b] = await offeredIds(first); // Active workflows are listed first
  expect(a && b).toBeTruthy();
  // Chosen in reverse list order, to show the order is the person's, not the list's.
  await first.selectOption(b!);
  await page.getByRole("button", { name: "Add another workflow" }).click();
  const second = await workflowRow(page, 2);
  expect(await offeredIds(second)).not.toContain(b); // one workflow is not offered twice
  await second.selectOption(a!);
  await noSeriousA11yViolations(page, "Operation (two workflows)");
  // A third row left empty is not sent.
  await page.getByRole("button", { name: "Add another workflow" }).click();
  await expect(await workflowRow(page, 3)).toHaveValue("");
  await next(page, 5, "Review");
  const xml = await reviewXml(page);
  expect(xml).toBe(
    `<Request><Name>${name}</Name><Type>Workflow</Type><Input><Prefix>videos/</Prefix></Input>` +
      `<Operation><WorkflowIds>${b},${a}</WorkflowIds></Operation></Request>`,
  );
  const jobId = await submitAndGetJobId(page);
  const sent = await triggerFor(jobId);
  expect(sent.status).toBe(200);
  expect(sent.xml).toBe(xml);

  const operation = page.getByRole("region", { name: "Operation" });
  const shown = operation.locator('[data-ref-kind="workflows"]');
  await expect(shown).toHaveCount(2);
  expect(await shown.evaluateAll((els) => els.map((e) => e.getAttribute("data-ref-id")))).toEqual([b, a]);
  await expect(operation.getByRole("button", { name: `Copy workflow ID ${a}` })).toBeVisible();
  await expect(operation.getByRole("button", { name: `Copy workflow ID ${b}` })).toBeVisible();
});

test("several workflow IDs typed into the manual box become rows; a removed row is not sent", async ({ page }) => {
  await openWizard(page);
  await basicsAndInput(page, {
    name: uniqueName("e2e-wfman"),
    type: "Workflow",
    input: { kind: "Prefix", value: "videos/" },
  });
  const first = await workflowRow(page, 1);
  const [a, b, c, d] = await offeredIds(first);
  await first.selectOption({ label: "Type an ID…" });
  const typed = page.getByRole("textbox", { name: "Workflow ID" });
  await expect(typed).toBeFocused();
  await typed.fill(`${a}, ${b}`);
  await typed.blur();
  await expect(typed).toHaveValue(a!);
  await expect(await workflowRow(page, 2)).toHaveValue(b!);
  await page.getByRole("button", { name: "Add another workflow" }).click();
  await (await workflowRow(page, 3)).selectOption(c!);
  await page.getByRole("button", { name: "Add another workflow" }).click();
  await (await workflowRow(page, 4)).selectOption(d!);
  await page.getByRole("button", { name: "Remove workflow 3" }).click();
  await expect(page.getByRole("combobox", { name: "Workflow 4", exact: true })).toHaveCount(0);
  await expect(await workflowRow(page, 3)).toHaveValue(d!);
  await next(page, 5, "Review");
  expect(await reviewXml(page)).toContain(`<WorkflowIds>${a},${b},${d}</WorkflowIds>`);
  // Back on the step, the rows are as left.
  await page.getByRole("button", { name: "Back" }).click();
  await expectStep(page, 3, "Operation");
  await expect(first).toHaveValue(a!);
  await expect(await workflowRow(page, 2)).toHaveValue(b!);
  await expect(await workflowRow(page, 3)).toHaveValue(d!);
});
