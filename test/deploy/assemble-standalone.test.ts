import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { assemble, checkAssembled, PGLITE_RUNTIME_FILES, runtimeLayout } from "@/scripts/assemble-standalone.mjs";

let dir: string;
const touch = (path: string) => {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), "x");
};

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "assemble-check-"));
  for (const f of [
    "server.js",
    ".next/BUILD_ID",
    ...PGLITE_RUNTIME_FILES,
    "node_modules/next/package.json",
    "node_modules/@electric-sql/pglite/package.json",
  ])
    touch(f);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("the runtime folder checks (scripts/assemble-standalone.mjs)", () => {
  it("copies the standalone server, the browser assets and public/ (Next leaves the last two out)", () => {
    expect(runtimeLayout(".next")).toEqual([
      [".next/standalone", "."],
      [".next/static", ".next/static"],
      ["public", "public"],
    ]);
  });

  it("accepts a folder with the server, the build id and PGlite's runtime files", () => {
    expect(() => checkAssembled(dir, ".next")).not.toThrow();
  });

  it("refuses a folder without PGlite's WebAssembly", () => {
    rmSync(join(dir, "node_modules/@electric-sql/pglite/dist/pglite.wasm"));
    expect(() => checkAssembled(dir, ".next")).toThrow(
      /missing node_modules\/@electric-sql\/pglite\/dist\/pglite\.wasm/,
    );
  });

  it("refuses a development-only package (package-lock.json says dev: true)", () => {
    touch("node_modules/vitest/package.json");
    touch("node_modules/@playwright/test/package.json");
    expect(() => checkAssembled(dir, ".next")).toThrow(
      /dev-only package in the runtime: vitest[\s\S]*@playwright\/test|@playwright\/test[\s\S]*vitest/,
    );
  });

  it("refuses an environment file", () => {
    touch(".env.production");
    expect(() => checkAssembled(dir, ".next")).toThrow(/environment file in the runtime: \.env\.production/);
  });

  it("assembles only into a fresh folder", () => {
    expect(() => assemble(dir, ".next")).toThrow(/not empty/);
  });
});
