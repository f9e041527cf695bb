import "server-only";
import { createCiClient, type CiClient } from "@/lib/ci/client";
import { CiBudget } from "./ci-budget";
import { getConfig } from "./config";
import type { Coalescer } from "./coalesce";
import { getDb } from "./db";
import { createDurableIdempotencyStore } from "./durable-idempotency";
import type { IdempotencyStore } from "./idempotency";
import { countRead, observeCiCall } from "./metrics";
import { createReadCache } from "./shared-reads";

interface Runtime {
  client: CiClient;
  reads: Coalescer;
  idempotency: IdempotencyStore;
  /** The CI call budget: every attempt to CI passes it; requests that would reach CI are charged to a person. */
  budget: CiBudget;
}

// Next bundles route handlers and server components separately; one runtime per process keeps one connection
// pool, one read cache and one idempotency store for all of them.
const KEY = Symbol.for("ci-batch-console.runtime");
type Holder = { [KEY]?: Runtime };

/** The process-wide CI client, read coalescer and idempotency store, created on first use from the config. */
export function getRuntime(): Runtime {
  const holder = globalThis as Holder;
  if (!holder[KEY]) {
    const config = getConfig();
    const budget = new CiBudget(config.budget);
    holder[KEY] = {
      budget,
      client: createCiClient({
        secretId: config.secretId,
        secretKey: config.secretKey,
        securityToken: config.securityToken,
        endpoint: config.endpoint,
        timeoutMs: config.timeoutMs,
        onCall: observeCiCall,
        gate: budget,
      }),
      // Shared through PostgreSQL when several instances use one (lib/server/shared-reads.ts).
      reads: createReadCache(getDb(), { lockTimeoutMs: config.timeoutMs + 1_000, onLookup: countRead }),
      // In the database, so a retry that lands on another instance (or after a restart) is still recognised.
      idempotency: createDurableIdempotencyStore(getDb()),
    };
  }
  return holder[KEY];
}

/** Tests swap configuration between cases. */
export function resetRuntimeForTests(): void {
  delete (globalThis as Holder)[KEY];
}
