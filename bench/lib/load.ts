/**
 * A closed-loop HTTP load generator with sub-millisecond timing. autocannon records latencies in whole
 * milliseconds, which cannot resolve a "≤ 1 ms added" target, so latencies here come from process.hrtime.
 */
import http from "node:http";

export interface LoadSpec {
  url: string;
  headers?: Record<string, string>;
  /** Per-worker URL and headers instead (e.g. a distinct query per worker, so that nothing is coalesced). */
  target?: (worker: number) => { url: string; headers?: Record<string, string> };
  concurrency: number;
  /** Requests measured (after warm-up), spread over the workers. */
  requests: number;
  /** Unmeasured requests first (connections, JIT, caches). */
  warmup?: number;
  /** Hard stop, whatever is left. */
  maxMs?: number;
  /** Called between the warm-up and the measured requests (e.g. to reset server-side counters). */
  afterWarmup?: () => Promise<void>;
}

export interface LoadResult {
  latenciesMs: number[];
  errors: number;
  statuses: Record<string, number>;
  elapsedMs: number;
  rps: number;
  bytes: number;
}

function once(
  agent: http.Agent,
  url: URL,
  headers: Record<string, string>,
): Promise<{ status: number; bytes: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const req = http.request(
      { hostname: url.hostname, port: url.port, path: url.pathname + url.search, method: "GET", headers, agent },
      (res) => {
        let bytes = 0;
        res.on("data", (c: Buffer) => (bytes += c.length));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, bytes, ms: Number(process.hrtime.bigint() - t0) / 1e6 }),
        );
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency });
  const targets = Array.from({ length: spec.concurrency }, (_, w) => {
    const t = spec.target?.(w) ?? { url: spec.url, headers: spec.headers };
    return { url: new URL(t.url), headers: t.headers ?? {} };
  });
  const statuses: Record<string, number> = {};
  const latenciesMs: number[] = [];
  let errors = 0;
  let bytes = 0;

  async function phase(total: number, record: boolean, deadline: number) {
    let issued = 0;
    const worker = async (w: number) => {
      const { url, headers } = targets[w]!;
      while (issued < total && performance.now() < deadline) {
        issued++;
        try {
          const r = await once(agent, url, headers);
          if (!record) continue;
          statuses[r.status] = (statuses[r.status] ?? 0) + 1;
          if (r.status === 200) latenciesMs.push(r.ms);
          else errors++;
          bytes += r.bytes;
        } catch {
          if (record) errors++;
        }
      }
    };
    await Promise.all(Array.from({ length: spec.concurrency }, (_, w) => worker(w)));
  }

  const start = performance.now();
  const deadline = start + (spec.maxMs ?? 120_000);
  await phase(spec.warmup ?? Math.min(200, spec.requests), false, deadline);
  await spec.afterWarmup?.();
  const t0 = performance.now();
  await phase(spec.requests, true, deadline);
  const elapsedMs = performance.now() - t0;
  agent.destroy();
  return { latenciesMs, errors, statuses, elapsedMs, rps: (latenciesMs.length / elapsedMs) * 1000, bytes };
}
