import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const child = fileURLToPath(new URL("./shutdown-child.ts", import.meta.url));
const root = fileURLToPath(new URL("../..", import.meta.url));

function run(env: Record<string, string>): Promise<{ code: number | null; output: string; ms: number }> {
  const started = Date.now();
  return new Promise((done) => {
    const p = spawn(process.execPath, ["--import", "tsx", child], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    p.stdout.on("data", (d: Buffer) => (output += d.toString()));
    p.stderr.on("data", (d: Buffer) => (output += d.toString()));
    p.on("exit", (code) => done({ code, output, ms: Date.now() - started }));
  });
}

describe("graceful shutdown (lib/server/shutdown.ts)", () => {
  it("closes the database after Next's drain, then exits with Next's code", async () => {
    const r = await run({ DRAIN_MS: "300", GRACE_MS: "10000" });
    expect(r.code).toBe(143);
    expect(r.output).toMatch(/SIGTERM received; finishing requests in flight \(at most 10000 ms\)/);
    // Closed exactly once, before the exit, although two signals arrived.
    expect(r.output.match(/closed database/g)).toHaveLength(1);
    expect(r.output.indexOf("closed database")).toBeLessThan(r.output.indexOf("requests finished; database closed"));
  });

  it("exits when the grace period is over although requests are still running", async () => {
    const r = await run({ DRAIN_MS: "never", GRACE_MS: "1000" });
    expect(r.code).toBe(1);
    expect(r.output).toMatch(/grace period of 1000 ms over with requests still running; database closed/);
    expect(r.output).toMatch(/closed database/);
  });
});
