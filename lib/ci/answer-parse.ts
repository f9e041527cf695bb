import "server-only";
/**
 * Reading a CI answer without redoing work (issue 12 item 7). A poll of a list answers the same 100 jobs again and
 * again with a few of them changed, so the work is remembered at two levels:
 * - the whole answer, keyed by its text with the RequestId blanked: a poll where nothing changed costs one lookup;
 * - each `<JobsDetail>…</JobsDetail>`, keyed by its exact text: a poll where three jobs moved parses three jobs.
 * The answer is split at its JobsDetail tags; the rest (the "skeleton", each job replaced by an empty `<JobsDetail/>`)
 * is validated and parsed on its own, and each job on its own, so the whole is still checked for well-formedness.
 * When most jobs are new (a first load, a new filter), one parse of the whole answer is cheaper than one per job
 * (each parse has a fixed cost): the answer is read in one go, and its jobs are remembered only once a later answer
 * repeats one of them (a few sampled jobs decide which way an answer is read).
 * Anything the split cannot account for (nested or unbalanced JobsDetail tags, a job tag inside a comment) falls back
 * to reading the whole answer in one go. Parsed trees are shared between answers: nothing may mutate them.
 */
import { parsePlainXml, parseXml, parseXmlUnder, type XmlObject, type XmlValue } from "./xml";

const ANSWER_MEMO_MAX = 16;
const JOB_MEMO_MAX = 2_000; // a few pages of 100 jobs for a handful of buckets; ~1 kB of text each
const MEMO_MIN_BYTES = 2048;
const REQUEST_ID_ELEMENT = /<RequestId>[^<]*<\/RequestId>/;
const JOB_OPEN = "<JobsDetail>";
const JOB_CLOSE = "</JobsDetail>";
const PLACEHOLDER = "<JobsDetail/>";

/** A small least-recently-used map. */
class Lru<V> {
  readonly #map = new Map<string, V>();
  constructor(readonly max: number) {}
  get(key: string): V | undefined {
    const hit = this.#map.get(key);
    if (hit !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, hit);
    }
    return hit;
  }
  set(key: string, value: V): void {
    this.#map.set(key, value);
    if (this.#map.size > this.max) this.#map.delete(this.#map.keys().next().value!);
  }
  get size(): number {
    return this.#map.size;
  }
}

const answers = new Lru<XmlObject>(ANSWER_MEMO_MAX);
const jobs = new Lru<XmlValue>(JOB_MEMO_MAX);

/** One job's element, parsed where it sits in an answer (so path-decided repeatables come out right). */
function parseJob(chunk: string): XmlValue {
  const hit = jobs.get(chunk);
  if (hit !== undefined) return hit;
  const parsed = parseXmlUnder(chunk, ["Response"]).JobsDetail;
  const job = Array.isArray(parsed) && parsed.length === 1 ? parsed[0]! : undefined;
  if (job === undefined) throw new Error("not one JobsDetail");
  jobs.set(chunk, job);
  return job;
}

/** Where each answer-level `<JobsDetail>…</JobsDetail>` sits, or null when the tags do not split the text cleanly. */
function splitJobs(body: string): { chunks: string[]; starts: number[] } | null {
  const chunks: string[] = [];
  const starts: number[] = [];
  let pos = 0;
  for (;;) {
    const open = body.indexOf(JOB_OPEN, pos);
    if (open < 0) break;
    const close = body.indexOf(JOB_CLOSE, open);
    if (close < 0) return null;
    const end = close + JOB_CLOSE.length;
    const chunk = body.slice(open, end);
    if (chunk.indexOf(JOB_OPEN, JOB_OPEN.length) >= 0) return null; // nested: not CI's shape
    chunks.push(chunk);
    starts.push(open);
    pos = end;
  }
  return chunks.length === 0 ? null : { chunks, starts };
}

/** The answer read job by job, or null when its JobsDetail tags do not split it cleanly. */
function parseByJob(body: string): XmlObject | null {
  const split = splitJobs(body);
  if (!split) return null;
  const { chunks, starts } = split;
  let skeleton = "";
  let from = 0;
  chunks.forEach((chunk, i) => {
    skeleton += body.slice(from, starts[i]) + PLACEHOLDER;
    from = starts[i]! + chunk.length;
  });
  skeleton += body.slice(from);
  const doc = parseXml(skeleton); // throws when the rest of the answer is not well-formed
  const root = doc.Response;
  const slots = root && typeof root === "object" && !Array.isArray(root) ? root.JobsDetail : undefined;
  // Every placeholder must be an answer-level JobsDetail (not one hidden in a comment or elsewhere).
  if (!Array.isArray(slots) || slots.length !== chunks.length || slots.some((s) => s !== "")) return null;
  let parsedJobs: XmlValue[];
  try {
    parsedJobs = chunks.map(parseJob);
  } catch {
    return null; // a job that does not stand alone (e.g. cut inside a CDATA section): read the whole answer
  }
  return { ...doc, Response: { ...(root as XmlObject), JobsDetail: parsedJobs } };
}

/**
 * A few of the answer's jobs (first, middle, last), to guess cheaply whether most of its jobs are remembered. A wrong
 * guess costs time, never correctness: either way the answer is read in full and checked.
 */
function sampleJobs(body: string): string[] {
  const samples: string[] = [];
  for (const from of [0, body.length >> 1, body.lastIndexOf(JOB_OPEN)]) {
    const open = body.indexOf(JOB_OPEN, Math.max(from, 0));
    const close = open < 0 ? -1 : body.indexOf(JOB_CLOSE, open);
    if (close < 0) continue;
    const chunk = body.slice(open, close + JOB_CLOSE.length);
    if (!samples.includes(chunk)) samples.push(chunk);
  }
  return samples;
}

const mostlyRemembered = (samples: readonly string[]) =>
  samples.reduce((count, chunk) => (jobs.get(chunk) === undefined ? count : count + 1), 0) * 2 > samples.length;

/**
 * An answer read in one go whose jobs are not yet in the job memo. Splitting it and remembering 100 jobs costs about
 * as much as a tenth of its parse (bench/RESULTS.md "XML parse"), and pays off only if a later answer repeats its
 * jobs: a first load of a view the user then leaves, or one followed only by unchanged polls (the answer memo), never
 * needs it. So that work waits for the first later answer that repeats one of its jobs.
 */
interface WholeRead {
  body: string;
  doc: XmlObject;
}
const PENDING_MAX = 2;
let pending: WholeRead[] = [];

/** Mostly new jobs: one parse of the whole answer (each parse has a fixed cost, so one beats a hundred). */
function parseWhole(body: string): XmlObject {
  const doc = parsePlainXml(body);
  if (doc === null) return parseXml(body); // not plain XML: its job tags may not be elements, so never remembered
  pending = [{ body, doc }, ...pending.slice(0, PENDING_MAX - 1)];
  return doc;
}

/** Remembers the jobs of the pending answer that holds one of `samples`; false when none does. */
function rememberPendingHolding(samples: readonly string[]): boolean {
  const index = pending.findIndex((p) => samples.some((chunk) => p.body.includes(chunk)));
  if (index < 0) return false;
  const [{ body, doc }] = pending.splice(index, 1) as [WholeRead];
  const root = doc.Response;
  const parsedJobs = root && typeof root === "object" && !Array.isArray(root) ? root.JobsDetail : undefined;
  const split = splitJobs(body);
  // The text was plain XML (parsePlainXml), so every `<JobsDetail` in it is an element; when the answer-level jobs are
  // exactly those, in order, job i is chunk i. Otherwise nothing is remembered.
  if (
    split &&
    Array.isArray(parsedJobs) &&
    parsedJobs.length === split.chunks.length &&
    countOf(body, "<JobsDetail") === split.chunks.length
  ) {
    split.chunks.forEach((chunk, i) => jobs.set(chunk, parsedJobs[i]!));
  }
  return true;
}

function countOf(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** An answer not seen before: job by job when most of its jobs are remembered (a poll), else in one go. */
function readAnswer(body: string): XmlObject {
  const samples = sampleJobs(body);
  if (samples.length === 0) return parseXml(body);
  if (!mostlyRemembered(samples) && !(rememberPendingHolding(samples) && mostlyRemembered(samples))) {
    return parseWhole(body);
  }
  return parseByJob(body) ?? parseXml(body);
}

/** Parses a CI answer, reusing earlier work for an unchanged answer and for unchanged jobs. Throws on bad XML. */
export function parseAnswer(body: string): XmlObject {
  if (body.length < MEMO_MIN_BYTES) return parseXml(body);
  const key = body.replace(REQUEST_ID_ELEMENT, "<RequestId/>");
  const hit = answers.get(key);
  if (hit) return hit;
  const doc = readAnswer(body);
  answers.set(key, doc);
  return doc;
}

/** For tests and the parse benchmark: how many answers and jobs are remembered. */
export function parseMemoSizes(): { answers: number; jobs: number; pending: number } {
  return { answers: answers.size, jobs: jobs.size, pending: pending.length };
}
