import "server-only";
import { parseConfig, type AppConfig } from "./config-schema";

let cached: AppConfig | undefined;

/** The validated configuration, read from the environment once (start-up validation calls this first). */
export function getConfig(): AppConfig {
  cached ??= parseConfig(process.env);
  return cached;
}

/** Tests change the environment between cases. */
export function resetConfigForTests(): void {
  cached = undefined;
}
