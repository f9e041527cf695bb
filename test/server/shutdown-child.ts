/**
 * Child process for shutdown.test.ts: installs the graceful shutdown beside a stand-in for Next's own SIGTERM handler
 * (which drains and then calls process.exit(143)), then signals itself. DRAIN_MS=never: the drain never ends.
 */
import { installGracefulShutdown } from "@/lib/server/shutdown";

const drain = process.env.DRAIN_MS ?? "100";
const keepAlive = setInterval(() => {}, 1_000); // an open server keeps the process alive until it exits

process.on("SIGTERM", () => {
  if (drain !== "never") setTimeout(() => process.exit(143), Number(drain));
});
installGracefulShutdown({
  graceMs: Number(process.env.GRACE_MS ?? "5000"),
  close: async () => {
    await new Promise((r) => setTimeout(r, 50));
    console.log("closed database");
  },
});
void keepAlive;
process.kill(process.pid, "SIGTERM");
setTimeout(() => process.kill(process.pid, "SIGTERM"), 20); // a second signal changes nothing
