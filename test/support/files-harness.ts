/**
 * A route harness for the files inside a batch (issue 13): the in-process emulator with a clock the test moves
 * forward, so a batch can be watched while it runs and after it ended without waiting. The emulator accepts the
 * app's signatures (made with the real clock) over the whole moved range.
 */
import { createEmulator } from "@/emulator/server";
import { closeDb } from "@/lib/server/db";
import { resetRuntimeForTests } from "@/lib/server/ci-runtime";
import { BUCKET, OTHER_BUCKET, SECRET_ID, SECRET_KEY, pointAppAt } from "./route-harness";

export interface FilesHarness {
  emulatorUrl: string;
  admin: <T = unknown>(path: string, init?: RequestInit) => Promise<T>;
  stats: () => Promise<Record<string, number>>;
  /** Moves the emulator's clock forward. */
  advance: (ms: number) => void;
  close: () => Promise<void>;
}

export async function startFilesHarness(opts: { stepMs: number; env?: Record<string, string> }): Promise<FilesHarness> {
  let offset = 0;
  const emulator = createEmulator({
    credentials: { secretId: SECRET_ID, secretKey: SECRET_KEY },
    buckets: [
      { bucket: BUCKET, region: "ap-beijing" },
      { bucket: OTHER_BUCKET, region: "ap-shanghai" },
    ],
    stepMs: opts.stepMs,
    seedCount: 20,
    now: () => Date.now() + offset,
    clockSkewSeconds: 30 * 24 * 3600,
  });
  const port = await emulator.listen(0, "127.0.0.1");
  const emulatorUrl = `http://127.0.0.1:${port}`;
  await pointAppAt(emulatorUrl, "ci-console-files-", opts.env ?? {});
  const admin = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${emulatorUrl}/__emulator/${path}`, init);
    const text = await res.text();
    return (text ? JSON.parse(text) : undefined) as T;
  };
  return {
    emulatorUrl,
    admin,
    stats: async () =>
      ((await admin<{ routes?: Record<string, number> }>("stats")).routes ?? {}) as Record<string, number>,
    advance: (ms) => {
      offset += ms;
    },
    close: async () => {
      resetRuntimeForTests();
      await closeDb();
      await emulator.close();
    },
  };
}
