import "server-only";
import { chmodSync, closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { join } from "node:path";

/**
 * PGlite is Postgres in this process's memory: two processes opening one data directory would both write to it
 * and corrupt it. A lock file with our pid keeps a second process out with a clear message; a lock whose process
 * is gone (a crash, a restart) is taken over.
 */
export function lockDataDir(dir: string): () => void {
  // The audit log and Idempotency-Key answers live here: this account only, whatever the umask (an existing
  // folder is tightened too).
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  chmodSync(dir, 0o700);
  const path = join(dir, "pglite.lock");
  const open = openHere();
  if (open.has(path)) throw new Error(`DATA_DIR ${dir} is already open in this process`);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, String(process.pid));
      closeSync(fd);
      open.add(path);
      return () => {
        open.delete(path);
        try {
          if (readFileSync(path, "utf8").trim() === String(process.pid)) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number.parseInt(readFileSync(path, "utf8").trim(), 10);
      // Our own pid means a lock left by an earlier life of this process id (container restarts reuse pids).
      if (Number.isInteger(owner) && owner > 0 && owner !== process.pid && isAlive(owner)) {
        throw new Error(
          `DATA_DIR ${dir} is in use by process ${owner}. The embedded database serves one process; ` +
            "to run several instances, set DATABASE_URL to a shared PostgreSQL",
        );
      }
      try {
        unlinkSync(path);
      } catch {
        // someone else removed it first; try again
      }
    }
  }
  throw new Error(`Could not lock DATA_DIR ${dir}`);
}

// Data directories this process has open (shared across Next's bundles, like the database itself).
const KEY = Symbol.for("ci-batch-console.data-dir-locks");
const openHere = (): Set<string> => ((globalThis as { [KEY]?: Set<string> })[KEY] ??= new Set());

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
