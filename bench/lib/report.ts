/** Each benchmark prints its section and leaves it in bench/out/<name>.md for scripts/bench.mjs to collect. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT } from "./processes";

export function writeSection(name: string, markdown: string): void {
  const dir = join(ROOT, "bench/out");
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, `${name}.md`), markdown.trimEnd() + "\n");
  console.log(`\n${markdown.trimEnd()}\n`);
}

/** Runs a benchmark's main, printing a failure as one line and exiting non-zero. */
export function runMain(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (e: unknown) => {
      console.error(e instanceof Error ? (e.stack ?? e.message) : e);
      process.exit(1);
    },
  );
}
