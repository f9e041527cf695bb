/**
 * Runs once when the server starts (instrumentation.ts): a missing or malformed variable stops it with one clear line
 * naming the variable (never its value), instead of failing later on the first request. So does an audit log whose
 * guard triggers were switched off (lib/server/db/startup-guard.ts).
 */
import { ConfigError, parseConfig } from "./config-schema";
import { auditGuardProblemAtStartup } from "./db/startup-guard";

export async function runStartupChecks(): Promise<void> {
  let databaseUrl: string | undefined;
  try {
    databaseUrl = parseConfig(process.env).database.url;
  } catch (e) {
    if (e instanceof ConfigError) stop(e.message);
    throw e;
  }
  if (databaseUrl) {
    const problem = await auditGuardProblemAtStartup(databaseUrl);
    if (problem) stop(problem);
  }
}

function stop(line: string): never {
  console.error(`\n${line}\n`);
  process.exit(1);
}
