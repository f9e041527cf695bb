import { expect, test, type Page } from "@playwright/test";
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

/** The job is listed on the jobs screen (filtered by its name). */
async function expectListed(page: Page, name: string, jobId: string) {
  await page.goto(`/jobs?name=${encodeURIComponent(name)}`);
  await expect(page.getByRole("link", { name: `Duplicate ${name}` })).toBeVisible();
  await expect(page.getByText(jobId).first()).toBeVisible();
}

test.describe("trigger wizard: creating jobs", () => {
  test("a Workflow job from the picker", async ({ page }) => {
    const name = uniqueName("e2e-wf");
    await openWizard(page);
    await basicsAndInput(page, { name, type: "Workflow", input: { kind: "Prefix", value: "videos/" } });
    const workflowId = await pickFirst(page, "Workflow");
    await expect(page.getByRole("combobox", { name: "Workflow", exact: true }).locator("option").nth(1)).toContainText(
      "(Active)",
    );
    await next(page, 5, "Review");
    await expect(page.getByText("Output & delivery").first()).toBeVisible(); // skipped step still listed
    const xml = await reviewXml(page);
    expect(xml).toContain(`<WorkflowIds>${workflowId}</WorkflowIds>`);
    const jobId = await submitAndGetJobId(page);
    const sent = await triggerFor(jobId);
    expect(sent.status).toBe(200);
    expect(sent.xml).toBe(xml); // the preview is the exact body CI received
    expect(sent.xml).toContain("<Type>Workflow</Type>");
    expect(sent.xml).toContain("<Input><Prefix>videos/</Prefix></Input>");
    expect(sent.xml).not.toContain("<Tag>");
    await expectListed(page, name, jobId);
  });

  test("a Transcode job with a template, output name built with the variable chips", async ({ page }) => {
    const name = uniqueName("e2e-tpl");
    await openWizard(page);
    await basicsAndInput(page, { name, type: "Job", input: { kind: "Object", value: "in/clip.mp4" } });
    await page.getByRole("radio", { name: /^Transcode\b/ }).check();
    await page.getByRole("radio", { name: /^A saved template/ }).check();
    const templateId = await pickFirst(page, "Template");
    await next(page, 4, "Output & delivery");
    const object = page.getByRole("textbox", { name: "Object", exact: true });
    await object.fill("out/");
    await page.getByRole("button", { name: "${InventoryTriggerJobId}" }).click();
    // The chip hands focus back to the field (a person sees the caret return) before typing goes on.
    await expect(object).toBeFocused();
    await expect(object).toHaveValue("out/${InventoryTriggerJobId}");
    await page.keyboard.type(".");
    await page.getByRole("button", { name: "${ext}" }).click();
    await expect(object).toHaveValue("out/${InventoryTriggerJobId}.${ext}");
    await page.getByRole("combobox", { name: "Priority (JobLevel)" }).selectOption("1");
    await next(page, 5, "Review");
    const jobId = await submitAndGetJobId(page);
    const { xml } = await triggerFor(jobId);
    expect(xml).toContain("<Tag>Transcode</Tag>");
    expect(xml).toContain(`<JobParam><TemplateId>${templateId}</TemplateId></JobParam>`);
    expect(xml).toContain("<Object>out/${InventoryTriggerJobId}.${ext}</Object>");
    expect(xml).toContain("<JobLevel>1</JobLevel>");
    expect(xml).toContain("<Bucket>examplebucket-1250000000</Bucket>");
    await expectListed(page, name, jobId);
  });

  test("a Transcode job with inline parameters", async ({ page }) => {
    const name = uniqueName("e2e-inline");
    await openWizard(page);
    await basicsAndInput(page, { name, type: "Job", input: { kind: "Object", value: "in/clip.mov" } });
    await page.getByRole("radio", { name: /^Transcode\b/ }).check();
    await page.getByRole("radio", { name: /^Set them here/ }).check();
    await expect(page.getByRole("combobox", { name: "Format" })).toHaveValue("mp4");
    await page.getByRole("combobox", { name: "Format" }).selectOption("hls");
    // ClipConfig appears only for hls/dash (visibleWhen).
    await expect(page.getByRole("group", { name: "Segmenting" })).toBeVisible();
    await noSeriousA11yViolations(page, "inline Transcode parameters");
    await next(page, 4, "Output & delivery");
    await page.getByRole("textbox", { name: "Object", exact: true }).fill("hls/${InventoryTriggerJobId}/index.m3u8");
    await next(page, 5, "Review");
    await expect(page.getByRole("region", { name: "Request XML" })).toContainText("<Format>hls</Format>");
    const jobId = await submitAndGetJobId(page);
    const { xml } = await triggerFor(jobId);
    expect(xml).toContain("<JobParam><Transcode><Container><Format>hls</Format>");
    expect(xml).not.toContain("<TemplateId>");
    await expectListed(page, name, jobId);
  });

  test("a Snapshot job with sprite output", async ({ page }) => {
    const name = uniqueName("e2e-snap");
    await openWizard(page);
    await basicsAndInput(page, { name, type: "Job", input: { kind: "Object", value: "in/movie.mp4" } });
    await page.getByRole("radio", { name: /^Snapshot\b/ }).check();
    await page.getByRole("radio", { name: /^Set them here/ }).check();
    await page.getByRole("textbox", { name: "Count" }).fill("9");
    await page.getByRole("combobox", { name: "Output mode" }).selectOption("SnapshotAndSprite");
    await page.getByRole("checkbox", { name: "Set Sprite settings" }).check();
    await page.getByRole("textbox", { name: "Background colour" }).fill("White");
    await page.getByRole("textbox", { name: "Columns" }).fill("3");
    await page.getByRole("textbox", { name: "Rows" }).fill("3");
    await next(page, 4, "Output & delivery");
    await page
      .getByRole("textbox", { name: "Object", exact: true })
      .fill("snap/${InventoryTriggerJobId}/${Number}.jpg");
    await page
      .getByRole("textbox", { name: "Sprite object (SpriteObject)" })
      .fill("sprite/${InventoryTriggerJobId}/${Number}.jpg");
    await next(page, 5, "Review");
    const jobId = await submitAndGetJobId(page);
    const { xml } = await triggerFor(jobId);
    expect(xml).toContain("<Tag>Snapshot</Tag>");
    expect(xml).toContain("<SnapshotOutMode>SnapshotAndSprite</SnapshotOutMode>");
    expect(xml).toContain("<SpriteSnapshotConfig>");
    expect(xml).toContain("<Columns>3</Columns>");
    expect(xml).toContain("<SpriteObject>sprite/${InventoryTriggerJobId}/${Number}.jpg</SpriteObject>");
    await expectListed(page, name, jobId);
  });

  test("a Concat job with three fragments", async ({ page }) => {
    const name = uniqueName("e2e-concat");
    await openWizard(page);
    await basicsAndInput(page, { name, type: "Job", input: { kind: "Object", value: "in/main.mp4" } });
    await page.getByRole("radio", { name: /^Concatenate\b/ }).check();
    await page.getByRole("radio", { name: /^Set them here/ }).check();
    const urls = [1, 2, 3].map(
      (i) => `https://examplebucket-1250000000.cos.ap-beijing.myqcloud.com/parts/part${i}.mp4`,
    );
    await page.getByRole("textbox", { name: "Fragment URL" }).fill(urls[0]!);
    for (const [i, url] of urls.slice(1).entries()) {
      await page.getByRole("button", { name: "Add fragment" }).click();
      const box = page.getByRole("group", { name: `Fragment ${i + 2}` }).getByRole("textbox", { name: "Fragment URL" });
      await expect(box).toBeFocused(); // the new item takes focus
      await box.fill(url);
    }
    await expect(page.getByRole("group", { name: /^Fragments/ })).toContainText("(3 of at most 100)");
    await next(page, 4, "Output & delivery");
    await page.getByRole("textbox", { name: "Object", exact: true }).fill("joined/${InventoryTriggerJobId}.mp4");
    await next(page, 5, "Review");
    const jobId = await submitAndGetJobId(page);
    const { xml } = await triggerFor(jobId);
    expect(xml).toContain("<Tag>Concat</Tag>");
    expect(xml.match(/<ConcatFragment>/g)).toHaveLength(3);
    for (const url of urls) expect(xml).toContain(`<Url>${url}</Url>`);
    await expectListed(page, name, jobId);
  });

  test("Next checks only the current step and focuses the first error", async ({ page }) => {
    await openWizard(page);
    await page.getByRole("button", { name: "Next" }).click();
    const nameBox = page.getByRole("textbox", { name: "Name" });
    await expect(nameBox).toBeFocused();
    await expect(nameBox).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Name is required").first()).toBeVisible();
    await expectStep(page, 1, "Basics"); // still here
    await noSeriousA11yViolations(page, "Basics with an error");
    await nameBox.fill("bad name!");
    await expect(page.getByText("Name may contain letters").first()).toBeVisible(); // re-checked while typing
    await nameBox.fill("fine-name");
    await expect(nameBox).not.toHaveAttribute("aria-invalid", "true");
    await next(page, 2, "Input"); // Input is empty, but that is the next step's business
    await page.getByRole("button", { name: "Back" }).click();
    await expectStep(page, 1, "Basics");
    await expect(nameBox).toHaveValue("fine-name");
  });
});
