/**
 * Issue 12: the wizard produces request shapes the official SDKs send — a picture queue for PicProcess, a queue
 * type, a Kafka callback — and the emulator receives exactly the XML shown on Review.
 */
import { expect, test } from "@playwright/test";
import {
  basicsAndInput,
  next,
  noSeriousA11yViolations,
  openWizard,
  pickFirst,
  reviewXml,
  submitAndGetJobId,
  triggerFor,
  uniqueName,
} from "./trigger-helpers";

test("Transcode with QueueType and a Kafka callback reaches CI as the reviewed XML", async ({ page }) => {
  const name = uniqueName("e2e-kafka");
  await openWizard(page);
  await basicsAndInput(page, { name, type: "Job", input: { kind: "Prefix", value: "incoming/" } });
  await page.getByRole("radio", { name: /^Transcode\b/ }).check();
  await page.getByRole("radio", { name: /^A saved template/ }).check();
  await pickFirst(page, "Template");
  await page.getByRole("combobox", { name: "Queue type" }).selectOption("SpeedTranscoding");
  await next(page, 4, "Output & delivery");
  await page.getByRole("textbox", { name: "Object", exact: true }).fill("out/${InventoryTriggerJobId}.mp4");
  await page.getByRole("combobox", { name: "Callback type" }).selectOption("Kafka");
  await page.getByRole("textbox", { name: "Kafka region" }).fill("ap-guangzhou");
  await page.getByRole("textbox", { name: "Instance ID" }).fill("ckafka-e2e01");
  await page.getByRole("textbox", { name: "Topic" }).fill("ci-events");
  await noSeriousA11yViolations(page, "Output & delivery (Kafka)");
  await next(page, 5, "Review");
  await expect(page.getByText("Kafka · ap-guangzhou/ckafka-e2e01/ci-events")).toBeVisible();
  const xml = await reviewXml(page);
  expect(xml).toContain("<QueueType>SpeedTranscoding</QueueType>");
  expect(xml).toContain(
    "<CallBackType>Kafka</CallBackType><CallBackKafkaConfig><Region>ap-guangzhou</Region><InstanceId>ckafka-e2e01</InstanceId><Topic>ci-events</Topic></CallBackKafkaConfig>",
  );
  const jobId = await submitAndGetJobId(page);
  expect((await triggerFor(jobId)).xml).toBe(xml);
});

test("PicProcess offers the bucket's picture queues, not its media queues", async ({ page }) => {
  await openWizard(page);
  await basicsAndInput(page, {
    name: uniqueName("e2e-picq"),
    type: "Job",
    input: { kind: "Prefix", value: "images/" },
  });
  await page.getByRole("radio", { name: /\(PicProcess\)/ }).check();
  const queue = page.getByRole("combobox", { name: "Queue", exact: true });
  await expect(queue.locator("option", { hasText: "image-processing" })).toBeAttached();
  await expect(queue.locator("option", { hasText: "default-transcode" })).toHaveCount(0);
  await page.getByRole("radio", { name: /^Transcode\b/ }).check();
  await expect(queue.locator("option", { hasText: "default-transcode" })).toBeAttached();
  await expect(queue.locator("option", { hasText: "image-processing" })).toHaveCount(0);
});

test("ImageInspect with no queue and no output (cos-python-sdk-v5 ut/test.py) reaches CI as the reviewed XML", async ({
  page,
}) => {
  await openWizard(page);
  await basicsAndInput(page, {
    name: uniqueName("e2e-inspect"),
    type: "Job",
    input: { kind: "Prefix", value: "images/" },
  });
  await page.getByRole("radio", { name: /^Image inspection\b/ }).check();
  await page.getByRole("combobox", { name: "Act on suspicious images" }).selectOption("true");
  await page.getByRole("combobox", { name: "What to do" }).selectOption("BackupObject");
  await noSeriousA11yViolations(page, "Operation (ImageInspect)");
  await next(page, 4, "Output & delivery");
  await expect(page.getByRole("textbox", { name: "Object", exact: true })).toHaveCount(0);
  await next(page, 5, "Review");
  const xml = await reviewXml(page);
  expect(xml).toContain(
    "<Tag>ImageInspect</Tag><JobParam><ImageInspect><AutoProcess>true</AutoProcess><ProcessType>BackupObject</ProcessType></ImageInspect></JobParam>",
  );
  expect(xml).not.toContain("<Output>");
  expect(xml).not.toContain("<QueueId>");
  const jobId = await submitAndGetJobId(page);
  expect((await triggerFor(jobId)).xml).toBe(xml);
});

test("SDRtoHDR with its own inline encoding (JobParam.Transcode, CI doc 1045/50369) reaches CI as the reviewed XML", async ({
  page,
}) => {
  await openWizard(page);
  await basicsAndInput(page, {
    name: uniqueName("e2e-hdr"),
    type: "Job",
    input: { kind: "Prefix", value: "incoming/" },
  });
  await page.getByRole("radio", { name: /^SDR to HDR\b/ }).check();
  await page.getByRole("checkbox", { name: "Set Encoding" }).check();
  await expect(page.getByRole("combobox", { name: "Format" }).first()).toBeVisible();
  await next(page, 4, "Output & delivery");
  await page.getByRole("textbox", { name: "Object", exact: true }).fill("hdr/${InventoryTriggerJobId}.mp4");
  await next(page, 5, "Review");
  const xml = await reviewXml(page);
  expect(xml).toMatch(
    /<Tag>SDRtoHDR<\/Tag><JobParam><SDRtoHDR><HdrMode>HLG<\/HdrMode><\/SDRtoHDR><Transcode><Container><Format>mp4<\/Format>/,
  );
  expect(xml).not.toContain("<TranscodeTemplateId>");
  const jobId = await submitAndGetJobId(page);
  expect((await triggerFor(jobId)).xml).toBe(xml);
});
