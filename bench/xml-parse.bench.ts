/**
 * The XML layer's cost (issue 12 item 7): one 100-job list answer read the way the CI client reads it.
 * - before: validate + parse with the library's own object conversion and a bare-name isArray (parseXml as it was
 *   up to this change, kept here as the baseline, bench/lib/legacy-parse-xml.ts);
 * - parseXml now: validate + parse in the library's ordered mode, our own object conversion (repeatables by path);
 * - a changed answer through decodeResponse: the memo misses, so this is the cost of real news;
 * - an unchanged answer with a fresh RequestId (a poll where nothing changed): the memo in lib/ci/responses.ts
 *   serves the earlier parse after one string comparison.
 * Steps run round-robin in one process, so load from elsewhere hits them alike; compare the ratios.
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
    { name: "before: validate + parse, library's object conversion (old parseXml)", fn: () => legacyParseXml(answer(`r${n}`, n)), samples: [] as number[] },
    { name: "after: validate + ordered parse, own conversion (parseXml)", fn: () => parseXml(answer(`r${n}`, n)), samples: [] as number[] },
    { name: "decodeResponse, all 100 jobs new (no memo can help: validate + parse each job)", fn: () => decodeResponse(res(answer(`r${n}`, n)), "read"), samples: [] as number[] },
    { name: "decodeResponse, 3 of 100 jobs changed (job memo: parse 3 jobs + the rest of the answer)", fn: () => decodeResponse(res(answer(`r${n}`, 0, 3)), "read"), samples: [] as number[] },
    { name: "decodeResponse, unchanged answer, new RequestId (memo hit)", fn: () => decodeResponse(res(answer(`r${n}`, 0)), "read"), samples: [] as number[] },
  ];
  decodeResponse(res(base), "read");
  // Building each answer string is part of every step alike (a fresh string, as from the network), and is timed.
  const rounds = quick ? 60 : 300;
  for (let round = -20; round < rounds; round++) {
    n++;
    for (const s of steps) {
      const t0 = process.hrtime.bigint();
      s.fn();
      if (round >= 0) s.samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
  }
  const before = median(steps[0]!.samples);
  const rows = steps.map((s) => `| ${s.name} | ${s.samples.length} | ${median(s.samples).toFixed(2)} | ${percentile(s.samples, 99).toFixed(2)} | ${(before / median(s.samples)).toFixed(1)}× |`);
  writeSection(
    "xml-parse",
    [
      "## XML parse: one 100-job list answer",
      "",
      `Answer size ${(base.length / 1024).toFixed(0)} kB. Median and p99 in ms per answer; speed-up against "before" in the same run.`,
      "",
      "| step | runs | median ms | p99 ms | speed-up |",
      "|---|---:|---:|---:|---:|",
      ...rows,
    ].join("\n"),
  );
}

runMain(main);
