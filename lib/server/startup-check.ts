/**
 * Runs once when the server starts: a missing or malformed variable stops it with one clear line naming the
 * variable (never its value), instead of failing later on the first request.
 */
import { ConfigError, parseConfig } from "./config-schema";

try {
  parseConfig(process.env);
} catch (e) {
  if (e instanceof ConfigError) {
    console.error(`\n${e.message}\n`);
    process.exit(1);
  }
  throw e;
}
