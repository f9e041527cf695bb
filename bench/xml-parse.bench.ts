/**
 * The XML layer's cost (issue 12 item 7): one 100-job list answer read the way the CI client reads it.
 * - before: validate + parse with the library's own object conversion and a bare-name isArray (parseXml as it was
 *   up to this change, kept here as the baseline, bench/lib/legacy-parse-xml.ts);
 * - parseXml now: a cheap well-formedness check for plain XML instead of the validator pass, then the parser with the
 *   objects built from its callbacks (lib/ci/xml.ts, xml-quick-check.ts, xml-object-builder.ts);
 * - an answer whose every job is new through decodeResponse: one parse of the whole answer (lib/ci/answer-parse.ts);
 *   its jobs are remembered only when a later answer repeats one of them, which the next step measures: the previous
 *   round's all-new answer polled again with one job changed;
 * - 3 jobs changed: the job memo serves the 97 others;
 * - an unchanged answer with a fresh RequestId (a poll where nothing changed): the answer memo serves the earlier parse.
 * Steps run round-robin in one process, so load from elsewhere hits them alike; compare the ratios. Wall-clock and
 * the process's CPU time are both recorded: on a loaded machine CPU time is less disturbed by waiting for a core
 * (it includes the garbage collector's helper threads). `--rounds=N` for more rounds (default 300);
 * `--order=shuffled` for a random step order each round (see below).
 */
import { parseXml } from "@/lib/ci/xml";
import { legacyParseXml } from "./lib/legacy-parse-xml";
import { decodeResponse } from "@/lib/ci/responses";
import { median, percentile } from "./lib/stats";
import { runMain, writeSection } from "./lib/report";
import { listAnswer } from "./lib/list-answer-fixture";

const quick = process.argv.includes("--quick");
let n = 0;

/** A 100-job answer; `variant` renames every job (all news); `moved` changes the State of that many jobs only. */
const answer = (requestId: string, variant: number, moved = 0) => listAnswer(requestId, variant, moved, `Progress${n}`);

async function main() {
  const base = answer("warm", 0);
  const res = (body: string) => ({ status: 200, headers: {}, body });
  const steps = [
    {
      name: "before: validate + parse, library's object conversion (old parseXml)",
      fn: () => legacyParseXml(answer(`r${n}`, n)),
      samples: [] as number[],
      cpu: [] as number[],
    },
    {
      name: "after: quick check + parse, objects from the parser's callbacks (parseXml)",
      fn: () => parseXml(answer(`r${n}`, n)),
      samples: [] as number[],
      cpu: [] as number[],
    },
    {
      name: "decodeResponse, all 100 jobs new (one parse of the whole answer; its jobs remembered later, if repeated)",
      fn: () => decodeResponse(res(answer(`r${n}`, n)), "read"),
      samples: [] as number[],
      cpu: [] as number[],
    },
    {
      // Where the all-new step's deferred work is paid: its jobs are split off and remembered here (lib/ci/answer-parse.ts).
      name: "decodeResponse, the first poll after an all-new answer, 1 job changed (remembers that answer's jobs, parses 1)",
      fn: () => decodeResponse(res(answer(`r${n}`, n - 1, 1)), "read"),
      samples: [] as number[],
      cpu: [] as number[],
    },
    {
      name: "decodeResponse, 3 of 100 jobs changed (job memo: parse 3 jobs + the rest of the answer)",
      fn: () => decodeResponse(res(answer(`r${n}`, 0, 3)), "read"),
      samples: [] as number[],
      cpu: [] as number[],
    },
    {
      name: "decodeResponse, unchanged answer, new RequestId (memo hit)",
      fn: () => decodeResponse(res(answer(`r${n}`, 0)), "read"),
      samples: [] as number[],
      cpu: [] as number[],
    },
  ];
  decodeResponse(res(base), "read");
  // Building each answer string is part of every step alike (a fresh string, as from the network), and is timed.
  const roundsArg = process.argv.find((a) => a.startsWith("--rounds="));
  const rounds = roundsArg ? Number(roundsArg.slice("--rounds=".length)) : quick ? 60 : 300;
  if (!Number.isInteger(rounds) || rounds < 1) throw new Error("--rounds must be a positive whole number");
  // In a fixed order each step always follows the same one, and so always pays (or escapes) the garbage collection
  // its predecessor's allocations made due: "before" after the light memo-hit step ran ~40% cheaper than after the
  // all-new step. `--order=shuffled` runs the steps in a fresh random order each round (seeded, so runs repeat).
  const shuffled = process.argv.includes("--order=shuffled");
  let seed = 12;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  for (let round = -20; round < rounds; round++) {
    n++;
    const order = [...steps];
    if (shuffled) {
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [order[i], order[j]] = [order[j]!, order[i]!];
      }
    }
    for (const s of order) {
      const c0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      s.fn();
      const wall = Number(process.hrtime.bigint() - t0) / 1e6;
      const cpu = process.cpuUsage(c0);
      if (round >= 0) {
        s.samples.push(wall);
        s.cpu.push((cpu.user + cpu.system) / 1e3);
      }
    }
  }
  const before = median(steps[0]!.samples);
  const beforeCpu = median(steps[0]!.cpu);
  const rows = steps.map(
    (s) =>
      `| ${s.name} | ${s.samples.length} | ${median(s.samples).toFixed(2)} | ${percentile(s.samples, 99).toFixed(2)} | ${(before / median(s.samples)).toFixed(1)}× |` +
      ` ${median(s.cpu).toFixed(2)} | ${(beforeCpu / median(s.cpu)).toFixed(1)}× |`,
  );
  writeSection(
    "xml-parse",
    [
      "## XML parse: one 100-job list answer",
      "",
      `Steps in ${shuffled ? "a fresh random order each round" : "a fixed order (as listed)"}, ${rounds} rounds.`,
      "",
      `Answer size ${(base.length / 1024).toFixed(0)} kB. Median and p99 in ms per answer; speed-up against "before" in the same run;`,
      "CPU: the process's CPU time per answer (median), and the speed-up by it.",
      "",
      "| step | runs | median ms | p99 ms | speed-up | median CPU ms | CPU speed-up |",
      "|---|---:|---:|---:|---:|---:|---:|",
      ...rows,
    ].join("\n"),
  );
}

runMain(main);
