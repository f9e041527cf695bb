/**
 * Issue 12 "Done when": the emulator has no import from the app's lib/jobs (schemas, the Tag registry, its rules).
 * It may use the XML codec and the request signer of lib/ci (see emulator/README.md "What it borrows from the app").
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const ALLOWED = new Set(["@/lib/ci/xml", "@/lib/ci/sign"]);

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : /\.tsx?$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

describe("the emulator is not the app's mirror", () => {
  const imports = tsFiles(join(ROOT, "emulator")).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:from\s+|import\(\s*)["']([^"']+)["']/g)].map((m) => ({
      file: relative(ROOT, file),
      spec: m[1]!,
    })),
  );

  it("reads its files (a scan that finds nothing proves nothing)", () => {
    expect(imports.length).toBeGreaterThan(100);
  });

  it("imports nothing of the app except lib/ci's XML codec and signer", () => {
    const app = imports.filter((i) => i.spec.startsWith("@/") || /^(\.\.\/)+(lib|app|components)\//.test(i.spec));
    expect(app.filter((i) => !ALLOWED.has(i.spec))).toEqual([]);
    expect(app.some((i) => i.spec === "@/lib/ci/xml")).toBe(true);
  });
});
