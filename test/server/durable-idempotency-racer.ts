/**
 * One "server instance" for the cross-process idempotency test: opens PostgreSQL (running the migrations, like a
 * starting server), prints "ready", waits for "go" on stdin (so that all racers start together), claims the key, and
 * if it wins, answers after a short CI call. Prints one JSON line with the result.
 * Run with: node --conditions=react-server --import tsx <this file> <url> <schema> <scope> <key>
 */
import { openDb } from "@/lib/server/db/open-db";
import { createDurableIdempotencyStore } from "@/lib/server/durable-idempotency";

async function main() {
  const [url, schema, scope, key] = process.argv.slice(2);
  const db = await openDb({ engine: "postgres", url: url!, schema, max: 2 });
  try {
    const store = createDurableIdempotencyStore(db, { pollMs: { min: 10, max: 100 } });
    process.stdout.write("ready\n");
    await new Promise<void>((resolve) => process.stdin.once("data", () => resolve()));
    process.stdin.pause();
    const result = await store.begin(scope!, key!, "fingerprint-1");
    if (result.kind === "fresh") {
      await new Promise((r) => setTimeout(r, 300)); // "talking to CI"
      const answer = { status: 201, body: { job: { JobId: `job-from-${process.pid}` } } };
      await result.complete(answer, true);
      console.log(JSON.stringify({ pid: process.pid, kind: "fresh", answer }));
    } else {
      console.log(
        JSON.stringify({
          pid: process.pid,
          kind: result.kind,
          answer: result.kind === "replay" ? result.answer : null,
        }),
      );
    }
  } finally {
    await db.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : e);
  process.exit(1);
});
