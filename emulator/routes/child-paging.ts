/**
 * Paging over the children of one or many batches (GET /workflowexecution, GET /jobs). Order: batches by creation
 * time (newest first unless orderByTime=Asc; ties by JobId), and inside a batch by file order, which is also creation
 * order (files are created in index order). The emulator's choice where CI is silent: without a batch filter,
 * children are grouped by batch rather than interleaved by exact creation time.
 *
 * `nextToken` is a keyset cursor (the last child's batch and index), bound to the query's filters and MAC'd like the
 * batch list's (list-token.ts): stable across pages while files keep appearing, refused (400 InvalidArgument) when
 * foreign or used with other filters. Pages are computed on demand: a 20,000-file batch is walked, never copied.
 */
import { createHash, createHmac } from "node:crypto";
import { parseCiTime } from "../model/ci-formats";
import { invalidArgument } from "../ci-error";
import { childAt, childCount, type BatchChild } from "../batch/batch-children";
import type { CosBucket } from "../cos/cos-bucket";
import type { JobRecord } from "../store/job-record";

export interface ChildQuery {
  size: number;
  asc: boolean;
  states: ReadonlySet<string> | null;
  /** Inclusive creation-time bounds (ms, whole seconds). */
  start: number | null;
  end: number | null;
  nextToken: string | undefined;
}

const opt = (q: ReadonlyMap<string, string>, name: string) => {
  const v = q.get(name);
  return v === undefined || v === "" ? undefined : v;
};

/** CI's `%Y-%m-%dT%H:%M:%S%z`; `+08:00` is accepted too (the form these answers write). */
function time(q: ReadonlyMap<string, string>, name: string): number | null {
  const raw = opt(q, name);
  if (raw === undefined) return null;
  const d = parseCiTime(raw.replace(/([+-]\d{2}):(\d{2})$/, "$1$2"));
  if (!d) throw invalidArgument(`Invalid parameter ${name}: expected a time like 2022-02-01T12:00:00+0800`);
  return d.getTime();
}

/** The parameters both child lists share: size (1–100, default 10), orderByTime, states, creation times, nextToken. */
export function parseChildQuery(q: ReadonlyMap<string, string>, allowedStates: readonly string[]): ChildQuery {
  const rawSize = opt(q, "size");
  if (rawSize !== undefined && (!/^\d{1,4}$/.test(rawSize) || Number(rawSize) < 1 || Number(rawSize) > 100))
    throw invalidArgument("Invalid parameter size: size is 1 to 100");
  const order = opt(q, "orderByTime");
  if (order !== undefined && order !== "Desc" && order !== "Asc")
    throw invalidArgument("Invalid parameter orderByTime: Desc or Asc");
  const rawStates = opt(q, "states");
  let states: Set<string> | null = null;
  if (rawStates !== undefined) {
    const list = rawStates.split(",").map((s) => s.trim());
    for (const s of list)
      if (s !== "All" && !allowedStates.includes(s))
        throw invalidArgument(`Invalid parameter states: ${s} is not one of All, ${allowedStates.join(", ")}`);
    states = list.includes("All") ? null : new Set(list);
  }
  const start = time(q, "startCreationTime");
  const end = time(q, "endCreationTime");
  return {
    size: rawSize ? Number(rawSize) : 10,
    asc: order === "Asc",
    states,
    start,
    end,
    nextToken: opt(q, "nextToken"),
  };
}

/** A digest of every filter (not size, not the token), so a token is only honoured by the query that issued it. */
export function fingerprintOf(q: ReadonlyMap<string, string>): string {
  const filters = [...q]
    .filter(([k, v]) => v !== "" && k !== "size" && k !== "nextToken" && !k.startsWith("q-"))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return createHash("sha1").update(JSON.stringify(filters)).digest("hex").slice(0, 10);
}

const mac = (secret: string, payload: string) =>
  createHmac("sha1", secret).update(`child|${payload}`).digest("base64url").slice(0, 12);

function encodeCursor(batchId: string, index: number, fp: string, secret: string): string {
  const payload = Buffer.from(`${batchId}:${index}:${fp}`).toString("base64url");
  return `${payload}.${mac(secret, payload)}`;
}

function decodeCursor(token: string, fp: string, secret: string): { batchId: string; index: number } {
  const [payload, sig, ...rest] = token.split(".");
  if (!payload || !sig || rest.length || mac(secret, payload) !== sig)
    throw invalidArgument("nextToken is invalid or has expired");
  const [batchId, index, tokenFp] = Buffer.from(payload, "base64url").toString("utf8").split(":");
  if (tokenFp !== fp)
    throw invalidArgument("nextToken belongs to a different query; keep the same filters while paging");
  if (!batchId || !/^\d+$/.test(index ?? "")) throw invalidArgument("nextToken is invalid or has expired");
  return { batchId, index: Number(index) };
}

export interface ChildPage {
  items: BatchChild[];
  nextToken?: string;
}

/** One page of the children of `batches` that pass the shared filters and `match`. */
export function pageChildren(
  batches: readonly JobRecord[],
  objects: CosBucket,
  now: number,
  q: ChildQuery,
  fp: string,
  secret: string,
  match: (c: BatchChild) => boolean,
): ChildPage {
  const dir = q.asc ? 1 : -1;
  const ordered = [...batches].sort(
    (a, b) => dir * (a.createdAt - b.createdAt || (a.jobId < b.jobId ? -1 : a.jobId > b.jobId ? 1 : 0)),
  );
  let from = 0;
  let after: number | null = null;
  if (q.nextToken) {
    const cursor = decodeCursor(q.nextToken, fp, secret);
    from = ordered.findIndex((b) => b.jobId === cursor.batchId);
    if (from < 0) throw invalidArgument("nextToken is invalid or has expired");
    after = cursor.index;
  }
  const items: BatchChild[] = [];
  for (let b = from; b < ordered.length; b++) {
    const batch = ordered[b]!;
    const count = childCount(batch, objects);
    let i = after !== null && b === from ? after + dir : q.asc ? 0 : count - 1;
    for (; i >= 0 && i < count; i += dir) {
      const c = childAt(batch, objects, i, now);
      if (!c) {
        // Files are created in index order (a pause or cancel only cuts the sequence): going up, the first missing
        // one means none after it exists yet.
        if (q.asc) break;
        continue;
      }
      const createdSec = Math.floor(c.status.createdAt / 1000) * 1000;
      if (q.states && !q.states.has(c.status.state)) continue;
      if (q.start !== null && createdSec < q.start) continue;
      if (q.end !== null && createdSec > q.end) continue;
      if (!match(c)) continue;
      if (items.length === q.size) {
        const last = items[items.length - 1]!;
        return { items, nextToken: encodeCursor(last.batch.jobId, last.index, fp, secret) };
      }
      items.push(c);
    }
  }
  return { items };
}
