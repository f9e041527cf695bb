/** What rendering a child needs from its bucket: names of workflows and templates, and the media job's queue. */
import type { BucketStore } from "../store/emulator-store";
import type { JobRecord } from "../store/job-record";

export interface BatchStoreView {
  bucket: string;
  region: string;
  workflows: BucketStore["workflows"];
  templates: BucketStore["templates"];
  /** The batch's QueueId, or the bucket's first active Transcoding queue (the emulator's default queue). */
  queueIdOf(batch: JobRecord): string;
}

export function storeView(store: BucketStore): BatchStoreView {
  const fallback =
    store.queues.find((q) => q.state === "Active" && q.category === "Transcoding" && !q.family)?.queueId ?? "";
  return {
    bucket: store.bucket,
    region: store.region,
    workflows: store.workflows,
    templates: store.templates,
    queueIdOf: (batch) =>
      typeof batch.operation.QueueId === "string" && batch.operation.QueueId ? batch.operation.QueueId : fallback,
  };
}
