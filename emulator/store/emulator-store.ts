/** All emulator state: one store per configured bucket (jobs and picker data), plus the log of trigger bodies. */
import type { BucketConfig } from "../types";
import type { JobRecord } from "./job-record";
import {
  customTemplates,
  familyQueues,
  officialTemplates,
  queues,
  workflows,
  type QueueRecord,
  type TemplateRecord,
  type WorkflowRecord,
} from "../seed/catalog";
import { seedJobs } from "../seed/jobs";
import { createRng } from "../seed/prng";
import { CosBucket } from "../cos/cos-bucket";
import { seedObjectSources } from "../cos/seed-objects";

export class BucketStore {
  readonly jobs = new Map<string, JobRecord>();
  /** The bucket's COS objects (seeded lazily, plus what clients PUT); set by EmulatorStore.reset. */
  objects!: CosBucket;

  constructor(
    readonly bucket: string,
    readonly region: string,
    readonly templates: TemplateRecord[],
    readonly queues: QueueRecord[],
    readonly workflows: WorkflowRecord[],
  ) {}

  addJob(job: JobRecord): void {
    this.jobs.set(job.jobId, job);
  }
}

export interface TriggerLogEntry {
  /** ms since epoch, by the emulator's clock. */
  receivedAt: number;
  bucket: string;
  region: string;
  /** The job created, or null when the body was refused. */
  jobId: string | null;
  status: number;
  /** The error code when refused. */
  code?: string;
  xml: string;
}

export interface StoreConfig {
  buckets: BucketConfig[];
  seed: number | string;
  seedCount: number;
  now: () => number;
}

const TRIGGER_LOG_LIMIT = 2000;
const key = (bucket: string, region: string) => `${bucket}@${region}`;

export class EmulatorStore {
  private buckets = new Map<string, BucketStore>();
  /** Oldest first; capped. */
  readonly triggers: TriggerLogEntry[] = [];

  constructor(private readonly config: StoreConfig) {
    this.reset();
  }

  /** Back to the seed data (as of now), with an empty trigger log. */
  reset(): void {
    const now = this.config.now();
    const { seed, seedCount } = this.config;
    const official = officialTemplates(createRng(`${seed}:official`), now);
    this.buckets.clear();
    this.triggers.length = 0;
    this.config.buckets.forEach(({ bucket, region }, index) => {
      const rng = createRng(`${seed}:${bucket}@${region}`);
      const isFirst = index === 0;
      const templates = [...official, ...customTemplates(rng, now, bucket, isFirst)];
      const qs = queues(rng, now, isFirst);
      const wfs = workflows(
        rng,
        now,
        bucket,
        region,
        qs.map((q) => q.queueId),
        templates,
        isFirst,
      );
      const store = new BucketStore(bucket, region, templates, qs, wfs);
      for (const job of seedJobs(rng, { now, bucket, region, count: seedCount, queues: qs, workflows: wfs, templates }))
        store.addJob(job);
      store.queues.push(...familyQueues(createRng(`${seed}:${bucket}@${region}:queue-families`), now));
      store.objects = new CosBucket(bucket, region, seedObjectSources(seed, bucket, region, store.jobs.values()));
      this.buckets.set(key(bucket, region), store);
    });
  }

  bucket(bucket: string, region: string): BucketStore | undefined {
    return this.buckets.get(key(bucket, region));
  }

  allBuckets(): BucketStore[] {
    return [...this.buckets.values()];
  }

  /** A job in any bucket (job IDs are unique across buckets). */
  findJob(jobId: string): JobRecord | undefined {
    for (const b of this.buckets.values()) {
      const job = b.jobs.get(jobId);
      if (job) return job;
    }
    return undefined;
  }

  logTrigger(entry: TriggerLogEntry): void {
    this.triggers.push(entry);
    if (this.triggers.length > TRIGGER_LOG_LIMIT) this.triggers.splice(0, this.triggers.length - TRIGGER_LOG_LIMIT);
  }
}
