/**
 * The import directions of docs/architecture.md are enforced by ESLint (eslint.config.mjs). These lint deliberate
 * violations, as source text placed at real paths of the tree (nothing is written), and expect the rule to fail them,
 * next to the same import from a place where it is allowed.
 */
import path from "node:path";
import { ESLint } from "eslint";
import { beforeAll, describe, expect, it } from "vitest";

const ROOT = path.resolve(__dirname, "../..");
let eslint: ESLint;

beforeAll(() => {
  eslint = new ESLint({ cwd: ROOT });
});

/** The rule ids ESLint reports for `code` as if it were the file at `file` (relative to the repository). */
async function ruleIds(code: string, file: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  return (result?.messages ?? []).map((m) => m.ruleId ?? m.message);
}

describe("import boundaries", () => {
  it("lib/ never imports components/ or app/", async () => {
    const bad = 'import { Button } from "@/components/ui/button";\nexport const b = Button;\n';
    expect(await ruleIds(bad, "lib/query/boundary-demo.ts")).toContain("import/no-restricted-paths");
    expect(await ruleIds(bad, "components/jobs/boundary-demo.ts")).not.toContain("import/no-restricted-paths");
    const fromApp =
      'import { toShownError } from "@/app/(dashboard)/jobs/shown-error";\nexport const f = toShownError;\n';
    expect(await ruleIds(fromApp, "lib/server/boundary-demo.ts")).toContain("import/no-restricted-paths");
  }, 60_000);

  it("lib/jobs imports nothing of ours outside lib/jobs, relative paths included", async () => {
    const viaAlias = 'import { getConfig } from "@/lib/server/config";\nexport const c = getConfig;\n';
    expect(await ruleIds(viaAlias, "lib/jobs/boundary-demo.ts")).toContain("import/no-restricted-paths");
    const relative = 'import { apiFetch } from "../query/api-fetch";\nexport const a = apiFetch;\n';
    expect(await ruleIds(relative, "lib/jobs/boundary-demo.ts")).toContain("import/no-restricted-paths");
    const inside =
      'import { JOB_ID_PATTERN } from "./patterns";\nimport { z } from "zod";\nexport const p = [JOB_ID_PATTERN, z];\n';
    expect(await ruleIds(inside, "lib/jobs/boundary-demo.ts")).toEqual([]);
  }, 60_000);

  it('a "use client" module never imports a server-only module, directly or through another of ours', async () => {
    const direct = '"use client";\nimport { getConfig } from "@/lib/server/config";\nexport const c = getConfig;\n';
    expect(await ruleIds(direct, "components/jobs/boundary-demo.tsx")).toContain("ci-console/server-only-boundary");
    const viaPage = '"use client";\nimport { loadJob } from "@/lib/server/jobs/job";\nexport const l = loadJob;\n';
    expect(await ruleIds(viaPage, "components/jobs/boundary-demo.tsx")).toContain("ci-console/server-only-boundary");
    // The same import in a server component is fine, and so is a type-only import in a client one.
    const server = 'import { getConfig } from "@/lib/server/config";\nexport const c = getConfig;\n';
    expect(await ruleIds(server, "components/layout/boundary-demo.tsx")).not.toContain(
      "ci-console/server-only-boundary",
    );
    const typeOnly =
      '"use client";\nimport type { AppConfig } from "@/lib/server/config-schema";\nexport type C = AppConfig;\n';
    expect(await ruleIds(typeOnly, "components/jobs/boundary-demo.tsx")).not.toContain(
      "ci-console/server-only-boundary",
    );
  }, 60_000);

  it("finds a server-only module behind a plain one (transitive), and lets plain modules through", async () => {
    const viaPlain =
      '"use client";\nimport { getConfig } from "@/test/lint/fixtures/reexports-server-config";\nexport const c = getConfig;\n';
    expect(await ruleIds(viaPlain, "components/jobs/boundary-demo.tsx")).toContain("ci-console/server-only-boundary");
    // lib/server/problem.ts has no `import "server-only"` and imports nothing that has.
    const plain = '"use client";\nimport { ApiProblem } from "@/lib/server/problem";\nexport const p = ApiProblem;\n';
    expect(await ruleIds(plain, "components/jobs/boundary-demo.tsx")).not.toContain("ci-console/server-only-boundary");
  }, 60_000);
});
