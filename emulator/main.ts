/** Entry point: `npx tsx emulator/main.ts` (env in README). Prints one line with the URL and the buckets. */
import { EmulatorEnvError, parseEmulatorEnv } from "./env";
import { cosHostName } from "./cos/object-url";
import { ciHostName } from "./host";
import { createEmulator } from "./server";

async function main(): Promise<void> {
  let env;
  try {
    env = parseEmulatorEnv(process.env);
  } catch (e) {
    if (e instanceof EmulatorEnvError) {
      console.error(e.message);
      process.exit(1);
    }
    throw e;
  }
  const emulator = createEmulator({
    credentials: { secretId: env.secretId, secretKey: env.secretKey },
    buckets: env.buckets,
    stepMs: env.stepMs,
    seedCount: env.seedCount,
    seed: env.seed,
  });
  const port = await emulator.listen(env.port, env.host);
  const hostForUrl = env.host.includes(":") ? `[${env.host}]` : env.host;
  const buckets = env.buckets
    .map(
      (b) => `${b.bucket}@${b.region} (Host ${ciHostName(b.bucket, b.region)}, COS ${cosHostName(b.bucket, b.region)})`,
    )
    .join(", ");
  console.log(
    `CI emulator on http://${hostForUrl}:${port} — buckets: ${buckets}; step ${env.stepMs} ms; admin /__emulator/health`,
  );

  const stop = () => {
    emulator.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}

main().catch((e: unknown) => {
  console.error("CI emulator failed to start:", e instanceof Error ? e.message : e);
  process.exit(1);
});
