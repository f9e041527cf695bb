import { chmodSync, mkdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { lockDataDir } from "@/lib/server/db/data-dir-lock";
import { tempDir } from "./db-engines";

describe("DATA_DIR permissions", () => {
  const tmp = tempDir("perm");
  afterAll(() => tmp.remove());
  const mode = (p: string) => statSync(p).mode & 0o777;

  it("creates a missing folder for this account only, whatever the umask", () => {
    const previous = process.umask(0o022);
    try {
      const dir = join(tmp.path, "new", "data");
      const unlock = lockDataDir(dir);
      unlock();
      expect(mode(dir)).toBe(0o700);
    } finally {
      process.umask(previous);
    }
  });

  it("tightens an existing folder that others could read", () => {
    const dir = join(tmp.path, "open");
    mkdirSync(dir);
    chmodSync(dir, 0o755);
    lockDataDir(dir)();
    expect(mode(dir)).toBe(0o700);
  });
});
