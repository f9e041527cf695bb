import "server-only";
/**
 * The process's COS client: same keys, endpoint and timeout as the CI client, and its calls pass the same call
 * budget (lib/server/ci-budget.ts) and metrics. Rebuilt when the configuration object changes (tests swap it).
 */
import { createCosClient, type CosClient } from "@/lib/ci/cos-client";
import { getRuntime } from "../ci-runtime";
import { getConfig } from "../config";
import { observeCiCall } from "../metrics";

const KEY = Symbol.for("ci-batch-console.cos-client");
type Holder = { [KEY]?: { config: object; client: CosClient } };

export function cosClient(): CosClient {
  const holder = globalThis as Holder;
  const config = getConfig();
  if (holder[KEY]?.config !== config) {
    holder[KEY]?.client.close();
    holder[KEY] = {
      config,
      client: createCosClient({
        secretId: config.secretId,
        secretKey: config.secretKey,
        securityToken: config.securityToken,
        endpoint: config.endpoint,
        timeoutMs: config.timeoutMs,
        onCall: observeCiCall,
        gate: getRuntime().budget,
      }),
    };
  }
  return holder[KEY].client;
}
