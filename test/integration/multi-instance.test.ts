/**
 * Three app instances (separate processes) behind a round-robin proxy on one PostgreSQL: idempotency keys, the
 * audit log and — through shared_reads — the list answers of a poll window are shared, and reconciliation runs on
 * one instance at a time. PostgreSQL only (TEST_DATABASE_URL); PGlite is one process by design.
 */
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PG_SKIP, PG_URL } from "../server/db-engines";
import { BUCKET, OPERATOR, startCluster, type Cluster } from "./multi-instance-support";

const LIST = "GET /inventorytriggerjob";
const TRIGGER = "POST /inventorytriggerjob";
let c: Cluster;

const request = (name: string) => ({
  Name: name,
  Type: "Job",
  Input: { Prefix: "videos/" },
  Operation: { Tag: "MediaInfo" },
});
const trigger = (body: unknown, key: string) =>
  fetch(`${c.proxyUrl}/api/jobs`, {
    method: "POST",
    headers: { ...OPERATOR, "content-type": "application/json", "idempotency-key": key },
    body: JSON.stringify(body),
  });

/** One metric's value on one instance (loopback Host, so no token is needed), summed over matching label sets. */
async function metric(instanceUrl: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${instanceUrl}/api/metrics`)).text();
  return text
    .split("\n")
    .filter((l) => l.startsWith(`${name}{`) && l.includes(labels))
    .reduce((sum, l) => sum + Number(l.slice(l.lastIndexOf(" ") + 1)), 0);
}

describe.skipIf(!PG_URL)(`three instances on one PostgreSQL ${PG_URL ? "" : PG_SKIP}`, () => {
  beforeAll(async () => {
    c = await startCluster(PG_URL!, 3);
  }, 120_000);
  afterAll(async () => c?.close());

  it("one Idempotency-Key raced through all three instances creates exactly one job, and every caller gets it", async () => {
    await c.resetStats();
    const before = await c.triggerCount();
    const answers = await Promise.all(Array.from({ length: 9 }, () => trigger(request("raced-once"), "race-key-0001")));
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { job: { JobId: string } }[];
    expect(answers.map((r) => r.status)).toEqual(Array(9).fill(201));
    expect(new Set(bodies.map((b) => b.job.JobId)).size).toBe(1);
    expect((await c.stats())[TRIGGER]).toBe(1);
    expect((await c.triggerCount()) - before).toBe(1);
  });

  it("the audit log holds every trigger, whichever instance took it, each settled once", async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `audit-key-${i}-abcdef`);
    const answers = await Promise.all(keys.map((k, i) => trigger(request(`audited-${i}`), k)));
    const jobIds = await Promise.all(
      answers.map(async (r) => ((await r.json()) as { job: { JobId: string } }).job.JobId),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(6).fill(201));
    const client = new pg.Client({ connectionString: c.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ job_id: string; outcome: string; idempotency_key: string; actor: string }>(
        `SELECT job_id, outcome, idempotency_key, actor FROM audit_log WHERE action = 'trigger' AND bucket = $1`,
        [BUCKET],
      );
      for (const [i, key] of keys.entries()) {
        const mine = rows.filter((r) => r.idempotency_key === key);
        expect(mine).toHaveLength(1);
        expect(mine[0]).toMatchObject({ outcome: "success", job_id: jobIds[i], actor: "olivia@example.com" });
      }
      // The raced key of the previous case: one intent, one outcome, not nine.
      expect(rows.filter((r) => r.idempotency_key === "race-key-0001")).toHaveLength(1);
    } finally {
      await client.end();
    }
    // The same log through the API, from any instance.
    const listed = (await (await fetch(`${c.proxyUrl}/api/audit?action=trigger`, { headers: OPERATOR })).json()) as {
      entries: { jobId?: string }[];
    };
    for (const id of jobIds) expect(listed.entries.map((e) => e.jobId)).toContain(id);
  });

  it("list polls spread over the instances within one window cost CI one list call", async () => {
    // A query no earlier case used, so the window starts with this burst.
    const path = "/api/jobs?size=7&orderByTime=Desc";
    await c.resetStats();
    const burst = await Promise.all(
      Array.from({ length: 30 }, () => fetch(`${c.proxyUrl}${path}`, { headers: OPERATOR })),
    );
    expect(burst.map((r) => r.status)).toEqual(Array(30).fill(200));
    // Later polls of the same window, one per instance in turn (an instance that already holds the row's answer
    // is not sent it again: it must still answer the same page).
    const later: Response[] = [];
    for (let i = 0; i < 6; i++) later.push(await fetch(`${c.proxyUrl}${path}`, { headers: OPERATOR }));
    expect(later.map((r) => r.status)).toEqual(Array(6).fill(200));
    expect((await c.stats())[LIST]).toBe(1);
    const pages = (await Promise.all([...burst, ...later].map((r) => r.json()))) as {
      fetchedAt: string;
      jobs: { JobId: string }[];
    }[];
    expect(new Set(pages.map((p) => p.fetchedAt)).size).toBe(1);
    expect(new Set(pages.map((p) => p.jobs.map((j) => j.JobId).join(","))).size).toBe(1);
    expect(pages[0]!.jobs).toHaveLength(7);
    const shared = await Promise.all(
      c.instances.map((i) => metric(i.url, "ci_console_read_cache_total", 'result="shared_hit"')),
    );
    expect(shared.filter((n) => n > 0).length).toBeGreaterThanOrEqual(2); // the instances that did not call CI read the row
  });

  it("a trigger on one instance shows in the next list poll on every instance", async () => {
    const path = "/api/jobs?size=5";
    for (const i of c.instances) expect((await fetch(`${i.url}${path}`, { headers: OPERATOR })).status).toBe(200);
    const created = await trigger(request("fresh-after-trigger"), "fresh-key-000001");
    const { job } = (await created.json()) as { job: { JobId: string } };
    for (const i of c.instances) {
      const page = (await (await fetch(`${i.url}${path}`, { headers: OPERATOR })).json()) as {
        jobs: { JobId: string }[];
      };
      expect(page.jobs.map((j) => j.JobId)).toContain(job.JobId);
    }
  });

  it("while another holder has a bucket's reconcile lock, the instances skip their passes instead of running them", async () => {
    const holder = new pg.Client({ connectionString: c.databaseUrl });
    await holder.connect();
    try {
      await holder.query(`SELECT pg_advisory_lock(hashtextextended(current_schema() || '|reconcile|' || $1, 0))`, [
        BUCKET,
      ]);
      const ranBefore = await Promise.all(
        c.instances.map((i) => metric(i.url, "ci_console_reconcile_passes_total", 'result="ran"')),
      );
      const skippedBefore = await Promise.all(
        c.instances.map((i) => metric(i.url, "ci_console_reconcile_passes_total", 'result="skipped"')),
      );
      // A job whose history is still open makes the detail route run a pass on the instance answering it.
      await client(async (db) => {
        await db.query(
          `INSERT INTO audit_log (at, actor, actor_groups, action, bucket, job_id, outcome, finished_at)
           VALUES (now() - interval '2 minutes', 'olivia@example.com', '{}', 'cancel', $1, $2, 'unknown', now())`,
          [BUCKET, (await firstJobId())!],
        );
      });
      const id = (await firstJobId())!;
      for (let n = 0; n < 3; n++)
        expect((await fetch(`${c.proxyUrl}/api/jobs/${id}`, { headers: OPERATOR })).status).toBe(200);
      const ranAfter = await Promise.all(
        c.instances.map((i) => metric(i.url, "ci_console_reconcile_passes_total", 'result="ran"')),
      );
      const skippedAfter = await Promise.all(
        c.instances.map((i) => metric(i.url, "ci_console_reconcile_passes_total", 'result="skipped"')),
      );
      expect(ranAfter).toEqual(ranBefore);
      expect(skippedAfter.reduce((a, b) => a + b, 0) - skippedBefore.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(
        1,
      );
    } finally {
      await holder.end(); // ends the session: the lock goes with it
    }
  });
});

async function client<T>(fn: (db: pg.Client) => Promise<T>): Promise<T> {
  const db = new pg.Client({ connectionString: c.databaseUrl });
  await db.connect();
  try {
    return await fn(db);
  } finally {
    await db.end();
  }
}

async function firstJobId(): Promise<string | undefined> {
  const page = (await (await fetch(`${c.proxyUrl}/api/jobs?size=1`, { headers: OPERATOR })).json()) as {
    jobs: { JobId: string }[];
  };
  return page.jobs[0]?.JobId;
}
