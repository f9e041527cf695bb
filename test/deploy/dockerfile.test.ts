/**
 * The image cannot be built where the tests run (no container engine), so its recipe is checked as text: the
 * runtime stage must contain exactly the folder scripts/assemble-standalone.mjs produces — the folder that
 * scripts/smoke-standalone.mjs starts and tests — and nothing that could carry a secret or a dev package.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";

const dockerfile = readFileSync(new URL("../../Dockerfile", import.meta.url), "utf8");
const dockerignore = readFileSync(new URL("../../.dockerignore", import.meta.url), "utf8")
  .split("\n")
  .map((l) => l.trim());

/** Instructions (continuation lines joined, comments dropped) grouped by stage name. */
function stages(text: string): Map<string, string[]> {
  const lines = text
    .replace(/\\\n\s*/g, " ")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"));
  const out = new Map<string, string[]>();
  let current = "";
  for (const line of lines) {
    const from = line.match(/^FROM\s+\S+\s+AS\s+(\S+)/i);
    if (from) out.set((current = from[1]!), []);
    else if (current) out.get(current)!.push(line);
  }
  return out;
}

describe("Dockerfile", () => {
  const s = stages(dockerfile);
  const runtime = s.get("runtime") ?? [];

  it("builds in deps → build → runtime stages on node:20-bookworm-slim", () => {
    expect([...s.keys()]).toEqual(["deps", "build", "runtime"]);
    expect(dockerfile).toMatch(/^ARG NODE_IMAGE=node:20-bookworm-slim$/m);
  });

  it("assembles the runtime with the same script the smoke test runs, and copies only that folder", () => {
    const build = s.get("build") ?? [];
    expect(build).toContain("ENV NEXT_TELEMETRY_DISABLED=1 NEXT_OUTPUT=standalone");
    const assembled = build.join("\n").match(/node scripts\/assemble-standalone\.mjs (\S+)/)?.[1];
    expect(assembled).toBe("/runtime");
    const copies = runtime.filter((l) => /^COPY\b/i.test(l));
    expect(copies).toEqual([`COPY --from=build ${assembled} ./`]);
  });

  it("runs as the unprivileged node user, writes only to DATA_DIR, checks liveness with node, starts server.js", () => {
    expect(runtime).toContain("USER node");
    expect(runtime.join("\n")).toMatch(/DATA_DIR=\/data/);
    expect(runtime).toContain('VOLUME ["/data"]');
    expect(runtime.find((l) => l.startsWith("HEALTHCHECK"))).toMatch(/CMD \["node", "-e", .*\/api\/health\/live/);
    expect(runtime.at(-1)).toBe('CMD ["node", "server.js"]');
    expect(runtime.some((l) => /^RUN\b.*\bnpm\b/.test(l))).toBe(false);
  });

  it("bakes no secret: no ARG or ENV names a credential, and .env files stay out of the build context", () => {
    expect(dockerfile).not.toMatch(/^(ARG|ENV)\b.*(SECRET|TOKEN|PASSWORD|DATABASE_URL|CI_SECRET)/im);
    expect(dockerignore).toEqual(expect.arrayContaining([".env", ".env.*", "node_modules", ".next", "data", ".git"]));
  });
});
