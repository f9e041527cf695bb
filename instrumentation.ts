/**
 * Start-up validation: a missing or malformed variable stops the server with one clear line (never a value).
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { parseConfig, ConfigError } = await import("./lib/server/config-schema");
  try {
    parseConfig(process.env);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(`\n${e.message}\n`);
      process.exit(1);
    }
    throw e;
  }
}
