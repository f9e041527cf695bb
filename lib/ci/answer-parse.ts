import "server-only";
/**
 * Reading a CI answer without redoing work (issue 12 item 7). A poll of a list answers the same 100 jobs again and
 * again with a few of them changed, so the work is remembered at two levels:
 * - the whole answer, keyed by its text with the RequestId blanked: a poll where nothing changed costs one lookup;
 * - each `<JobsDetail>…</JobsDetail>`, keyed by its exact text: a poll where three jobs moved parses three jobs.
 * The answer is split at its JobsDetail tags; the rest (the "skeleton", each job replaced by an empty `<JobsDetail/>`)
 * is validated and parsed on its own, and each job on its own, so the whole is still checked for well-formedness.
 * When most jobs are new (a first load, a new filter), one parse of the whole answer is cheaper than one per job
 * (each parse has a fixed cost): the answer is read in one go and its jobs are remembered from that.
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

/** The answer read job by job, or null when its JobsDetail tags do not split it cleanly. */
function parseByJob(body: string): XmlObject | null {
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
  if (chunks.length === 0) return null;
  const known = chunks.map((chunk) => jobs.get(chunk));
  const news = known.reduce((count, job) => (job === undefined ? count + 1 : count), 0);
  if (news * 2 > chunks.length) return parseWholeAndRemember(body, chunks);
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
    parsedJobs = chunks.map((chunk, i) => known[i] ?? parseJob(chunk));
  } catch {
    return null; // a job that does not stand alone (e.g. cut inside a CDATA section): read the whole answer
  }
  return { ...doc, Response: { ...(root as XmlObject), JobsDetail: parsedJobs } };
}

/**
 * Mostly new jobs: one parse of the whole answer, then each job remembered under its text. Only for plain XML
 * (lib/ci/xml-quick-check.ts), where every `<JobsDetail` in the text is an element; when the answer-level jobs are
 * exactly those, in order, job i is chunk i. Otherwise the parse stands and nothing is remembered.
 */
function parseWholeAndRemember(body: string, chunks: readonly string[]): XmlObject {
  const doc = parsePlainXml(body);
  if (doc === null) return parseXml(body);
  const root = doc.Response;
  const parsedJobs = root && typeof root === "object" && !Array.isArray(root) ? root.JobsDetail : undefined;
  if (
    Array.isArray(parsedJobs) &&
    parsedJobs.length === chunks.length &&
    countOf(body, "<JobsDetail") === chunks.length
  ) {
    chunks.forEach((chunk, i) => jobs.set(chunk, parsedJobs[i]!));
  }
  return doc;
}

function countOf(text: string, part: string): number {
  let count = 0;
  for (let at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length)) count++;
  return count;
}

/** Parses a CI answer, reusing earlier work for an unchanged answer and for unchanged jobs. Throws on bad XML. */
export function parseAnswer(body: string): XmlObject {
  if (body.length < MEMO_MIN_BYTES) return parseXml(body);
  const key = body.replace(REQUEST_ID_ELEMENT, "<RequestId/>");
  const hit = answers.get(key);
  if (hit) return hit;
  const doc = parseByJob(body) ?? parseXml(body);
  answers.set(key, doc);
  return doc;
}

/** For tests and the parse benchmark: how many answers and jobs are remembered. */
export function parseMemoSizes(): { answers: number; jobs: number } {
  return { answers: answers.size, jobs: jobs.size };
}
