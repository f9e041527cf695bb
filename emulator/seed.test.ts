/** Seed data: enough, realistic, every state and Tag family, valid by the emulator's model of CI, deterministic. */
import { describe, expect, it } from "vitest";
import { parseXml, type XmlObject } from "@/lib/ci/xml";
import { JOB_NAME_PATTERN } from "./model/ci-formats";
import { validateTrigger } from "./model/validate";
import { EmulatorStore } from "./store/emulator-store";
import { jobStatus } from "./store/lifecycle";
import { T0 } from "./test-support/harness";

const BUCKETS = [
  { bucket: "examplebucket-1250000000", region: "ap-beijing" },
  { bucket: "archive-1250000000", region: "ap-shanghai" },
];
const make = (seed: number | string, now = T0) =>
  new EmulatorStore({ buckets: BUCKETS, seed, seedCount: 160, now: () => now });
const DAY = 86_400_000;

describe("seed jobs", () => {
  const store = make(1);

  it.each(BUCKETS)(
    "$bucket has at least 150 jobs over the last 60 days, both types, every state",
    ({ bucket, region }) => {
      const jobs = [...store.bucket(bucket, region)!.jobs.values()];
      expect(jobs.length).toBeGreaterThanOrEqual(150);
      expect(new Set(jobs.map((j) => j.type))).toEqual(new Set(["Job", "Workflow"]));
      const states = jobs.map((j) => jobStatus(j, T0).state);
      for (const s of ["Submitted", "Running", "Success", "Failed", "Pause", "Cancel"]) expect(states, s).toContain(s);
      expect(Math.min(...jobs.map((j) => j.createdAt))).toBeGreaterThanOrEqual(T0 - 61 * DAY);
      expect(Math.min(...jobs.map((j) => j.createdAt))).toBeLessThan(T0 - 40 * DAY);
      expect(Math.max(...jobs.map((j) => j.createdAt))).toBeLessThanOrEqual(T0);
      expect(jobs.every((j) => /^b[0-9a-f]{32}$/.test(j.jobId))).toBe(true);
    },
  );

  it("uses many Tags and sensible names", () => {
    const jobs = [...store.bucket(BUCKETS[0]!.bucket, BUCKETS[0]!.region)!.jobs.values()];
    expect(new Set(jobs.map((j) => j.tag).filter(Boolean)).size).toBeGreaterThanOrEqual(15);
    for (const j of jobs) expect(j.name, j.name).toMatch(JOB_NAME_PATTERN);
    expect(jobs.some((j) => /^transcode-[a-z0-9-]+-20\d\d-\d\d$/.test(j.name))).toBe(true);
  });

  it("every seed request passes the emulator's model of CI and echoes its Input/Operation (the app's schema: test/conformance)", () => {
    for (const b of store.allBuckets()) {
      for (const j of b.jobs.values()) {
        const request = parseXml(j.requestXml).Request as XmlObject;
        const r = validateTrigger(request);
        expect(r.ok ? [] : r.problems, String(j.tag)).toEqual([]);
        expect(request.Input).toEqual(j.input);
      }
    }
  });

  it("Failed seed jobs carry a Code and an English Message", () => {
    const failed = store
      .allBuckets()
      .flatMap((b) => [...b.jobs.values()])
      .filter((j) => jobStatus(j, T0).state === "Failed");
    expect(failed.length).toBeGreaterThan(5);
    for (const j of failed) {
      expect(j.failure?.code).toMatch(/^[A-Z][A-Za-z]+$/);
      expect(j.failure?.message).toMatch(/^[A-Z][ -~]+\.$/);
    }
  });

  it("is deterministic for a seed and clock, and differs between seeds and buckets", () => {
    const ids = (s: EmulatorStore, i = 0) => [...s.bucket(BUCKETS[i]!.bucket, BUCKETS[i]!.region)!.jobs.keys()];
    expect(ids(make(1))).toEqual(ids(store));
    expect(make(1).bucket(BUCKETS[0]!.bucket, BUCKETS[0]!.region)!.templates).toEqual(
      store.bucket(BUCKETS[0]!.bucket, BUCKETS[0]!.region)!.templates,
    );
    expect(ids(make(2))).not.toEqual(ids(store));
    expect(ids(store, 1)).not.toEqual(ids(store, 0));
  });
});

describe("seed catalog", () => {
  const store = make("catalog");

  it("Official templates are shared by every bucket; Custom ones belong to one", () => {
    const [a, b] = store.allBuckets();
    const official = (s: typeof a) => s!.templates.filter((t) => t.category === "Official").map((t) => t.templateId);
    expect(official(a)).toEqual(official(b));
    const custom = (s: typeof a) => s!.templates.filter((t) => t.category === "Custom");
    expect(custom(a).every((t) => t.bucketId === a!.bucket)).toBe(true);
    expect(custom(a).some((t) => custom(b).some((u) => u.templateId === t.templateId))).toBe(false);
  });

  it("has queues and workflows in both states with CI-shaped IDs", () => {
    for (const b of store.allBuckets()) {
      expect(new Set(b.queues.map((q) => q.state))).toEqual(new Set(["Active", "Paused"]));
      expect(new Set(b.workflows.map((w) => w.state))).toEqual(new Set(["Active", "Paused"]));
      expect(b.queues.every((q) => /^p[0-9a-f]{32}$/.test(q.queueId))).toBe(true);
      expect(b.workflows.every((w) => /^w[0-9a-f]{32}$/.test(w.workflowId))).toBe(true);
    }
  });
});
