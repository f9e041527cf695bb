/**
 * Seed jobs: a bucket's last 60 days of batch jobs, both types, every state, deterministic for a given seed and
 * clock. Active seed jobs (Submitted, Running) move on hours from now, so a demo list stays lively but stable.
 */
import { buildXml, type XmlObject } from "@/lib/ci/xml";
import type { JobState } from "../store/job-states";
import type { JobRecord } from "../store/job-record";
import { FAILURES } from "../store/lifecycle";
import type { QueueRecord, TemplateRecord, WorkflowRecord } from "./catalog";
import { jobInput, jobName, jobOutput, TAG_WEIGHTS, workflowJobName, type SeedTag } from "./job-inputs";
import type { Rng } from "./prng";
import { PARAM_ELEMENT, tagParams } from "./tag-params";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

export interface SeedContext {
  now: number;
  bucket: string;
  region: string;
  count: number;
  queues: QueueRecord[];
  workflows: WorkflowRecord[];
  /** Official and this bucket's Custom templates. */
  templates: TemplateRecord[];
}

const TIME_INTERVALS: readonly XmlObject[] = [
  { Start: "2026-01-01T00:00:00+0800", End: "2026-06-30T23:59:59+0800" },
  { Start: "2025-10-01T00:00:00+0800" },
];

/** A Job-type Operation for a Tag, as a media team would write it. */
export function jobOperation(
  rng: Rng,
  tag: SeedTag,
  ctx: Pick<SeedContext, "bucket" | "region" | "queues" | "templates">,
  withPrefix: boolean,
): XmlObject {
  const op: XmlObject = {};
  if (withPrefix && rng.chance(0.3)) op.TimeInterval = { ...rng.pick(TIME_INTERVALS) };
  const activeQueues = ctx.queues.filter((q) => q.state === "Active" && q.category === "Transcoding");
  if (activeQueues.length && rng.chance(0.5)) op.QueueId = rng.pick(activeQueues).queueId;
  if (rng.chance(0.25)) op.UserData = rng.pick(["ticket MEDIA-2291", "requested by content-ops", "nightly backfill"]);
  if (rng.chance(0.2)) op.CallBack = "https://hooks.example.com/ci/batch-finished";
  op.Tag = tag;
  const element = PARAM_ELEMENT[tag];
  const templates = ctx.templates.filter((t) => t.tag === tag);
  const params = tagParams(tag, rng);
  let sprite = false;
  if (templates.length && rng.chance(0.5)) {
    op.JobParam = { TemplateId: rng.pick(templates).templateId };
  } else if (element && params) {
    sprite = params.SnapshotOutMode === "SnapshotAndSprite";
    const jobParam: XmlObject = { [element]: params };
    const transcodes = ctx.templates.filter((t) => t.tag === "Transcode");
    if (["SDRtoHDR", "VideoProcess", "SuperResolution"].includes(tag) && transcodes.length)
      jobParam.TranscodeTemplateId = rng.pick(transcodes).templateId;
    op.JobParam = jobParam;
  }
  const watermarks = ctx.templates.filter((t) => t.tag === "Watermark");
  if (tag === "Transcode" && op.JobParam && watermarks.length && rng.chance(0.2)) {
    (op.JobParam as XmlObject).WatermarkTemplateId = [rng.pick(watermarks).templateId];
  }
  const output = jobOutput(rng, tag, ctx.bucket, ctx.region, sprite);
  if (output) op.Output = output;
  if (rng.chance(0.3)) op.JobLevel = rng.pick(["0", "1", "2"]);
  return op;
}

/** States for `count` jobs: a fixed handful of the rarer ones, the rest mostly finished. */
function stateDeck(rng: Rng, count: number): JobState[] {
  const fixed: JobState[] = [
    "Submitted",
    "Submitted",
    "Submitted",
    "Running",
    "Running",
    "Running",
    "Running",
    "Pause",
    "Pause",
    "Pause",
    "Pause",
  ];
  const deck = fixed.slice(0, count);
  while (deck.length < count)
    deck.push(
      rng.weighted([
        ["Success", 68],
        ["Failed", 18],
        ["Cancel", 14],
      ] as const),
    );
  for (let i = deck.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [deck[i], deck[j]] = [deck[j]!, deck[i]!];
  }
  return deck;
}

export function seedJobs(rng: Rng, ctx: SeedContext): JobRecord[] {
  const { now } = ctx;
  return stateDeck(rng, ctx.count).map((state) => {
    const active = state === "Submitted" || state === "Running";
    // Finished jobs spread over 60 days, denser recently; active ones were created in the last two hours.
    const createdAt = active
      ? now - rng.between(2, 110) * MIN
      : now - Math.floor(Math.pow(rng.next(), 1.4) * 60 * DAY) - HOUR;
    const isWorkflow = rng.chance(0.3);
    const tag = isWorkflow ? undefined : rng.weighted(TAG_WEIGHTS);
    const input = jobInput(rng, tag, ctx.bucket, createdAt);
    let name: string;
    let operation: XmlObject;
    if (isWorkflow) {
      const wf = rng.pick(ctx.workflows);
      name = workflowJobName(rng, wf.name, createdAt);
      operation = {};
      if (input.Prefix && rng.chance(0.3)) operation.TimeInterval = { ...rng.pick(TIME_INTERVALS) };
      operation.WorkflowIds = wf.workflowId;
    } else {
      name = jobName(rng, tag!, createdAt);
      operation = jobOperation(rng, tag!, ctx, input.Prefix !== undefined);
    }
    const startAt = createdAt + rng.between(1, 30) * 1000;
    const job: JobRecord = {
      jobId: "b" + rng.hex(32),
      bucket: ctx.bucket,
      region: ctx.region,
      type: isWorkflow ? "Workflow" : "Job",
      name,
      tag,
      input,
      operation,
      createdAt,
      // Finished seed jobs ended at least a minute ago, whatever their drawn duration.
      timeline: { startAt, endAt: Math.min(startAt + rng.between(1, 180) * MIN, now - MIN), final: "Success" },
      requestXml: buildXml("Request", {
        Name: name,
        Type: isWorkflow ? "Workflow" : "Job",
        Input: input,
        Operation: operation,
      }),
      source: "seed",
    };
    if (state === "Submitted")
      job.timeline = {
        startAt: now + rng.between(60, 240) * MIN,
        endAt: now + rng.between(300, 480) * MIN,
        final: "Success",
      };
    if (state === "Running") job.timeline = { startAt, endAt: now + rng.between(60, 360) * MIN, final: "Success" };
    if (state === "Failed") {
      job.timeline.final = "Failed";
      job.failure = rng.pick(FAILURES);
    }
    if (state === "Pause") job.timeline = { startAt, endAt: startAt + rng.between(2, 40) * MIN, final: "Pause" };
    if (state === "Cancel")
      job.override = {
        state: "Cancel",
        at: job.timeline.startAt + Math.floor((job.timeline.endAt - job.timeline.startAt) * rng.next()),
      };
    return job;
  });
}
