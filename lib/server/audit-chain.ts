import "server-only";
/**
 * Walks the audit log's hash chain (migration 0003, lib/server/db/README.md "Tamper evidence") and says whether it is
 * intact, or the first row where it breaks. Checked, in this order:
 *   1. each event's hash is sha256("<prev hash>|<seq>|<kind>|<row id>|<digest>"), its prev_hash is the hash before it,
 *      seq runs 1, 2, 3… without gaps, and the last event is the recorded head (nothing cut off the end);
 *   2. every row has exactly one intent event, and its intent columns still hash to that event's digest;
 *   3. every row's outcome columns hash to its latest outcome event (or, with none, the row is still untouched
 *      `pending`); no event names a row that is gone.
 * The hash recomputation happens here, independently of the database; the digests of the rows' current columns come
 * from the same SQL functions the triggers used, so the serialisation has one definition.
 */
import { createHash } from "node:crypto";
import type { DbExecutor } from "./db";

export interface ChainReport {
  intact: boolean;
  /** Audit rows checked. */
  rows: number;
  /** Chain events checked. */
  events: number;
  /** The hash of the last event: note it down elsewhere to notice a rewrite of the whole chain later. */
  headHash: string;
  /** The first broken row (lowest id), when not intact. */
  brokenAt?: { rowId: string; reason: string };
}

const GENESIS = "0".repeat(64);
const PAGE = 2_000;

/** The event hash, exactly as audit_chain_append computes it in SQL. */
export function chainEventHash(prevHash: string, seq: string, kind: string, auditId: string, digest: string): string {
  return createHash("sha256").update(`${prevHash}|${seq}|${kind}|${auditId}|${digest}`, "utf8").digest("hex");
}

interface EventRow {
  seq: string;
  audit_id: string;
  kind: string;
  digest: string;
  prev_hash: string;
  hash: string;
}

interface CurrentRow {
  id: string;
  intent_digest: string;
  outcome_digest: string;
  untouched: boolean;
}

export async function verifyAuditChain(db: DbExecutor): Promise<ChainReport> {
  const problems = new Map<bigint, string>();
  const flag = (rowId: string, reason: string) => {
    const id = BigInt(rowId);
    if (!problems.has(id)) problems.set(id, reason);
  };

  const intents = new Map<string, string>();
  const outcomes = new Map<string, string>();
  let expectedPrev = GENESIS;
  let expectedSeq = 1n;
  let events = 0;
  let chainBroken = false;
  for (let after = "0"; ;) {
    const page = await db.query<EventRow>(
      `SELECT seq::text AS seq, audit_id::text AS audit_id, kind, digest, prev_hash, hash FROM audit_chain
        WHERE seq > $1::bigint ORDER BY audit_chain.seq LIMIT ${PAGE}`,
      [after],
    );
    for (const e of page) {
      events++;
      if (!chainBroken) {
        const why =
          BigInt(e.seq) !== expectedSeq
            ? `chain event ${expectedSeq} is missing`
            : e.prev_hash !== expectedPrev
              ? `chain event ${e.seq} does not follow the one before it`
              : chainEventHash(e.prev_hash, e.seq, e.kind, e.audit_id, e.digest) !== e.hash
                ? `chain event ${e.seq} was altered`
                : null;
        if (why) {
          flag(e.audit_id, why);
          chainBroken = true; // past the first break, every later link would fail too: report the first
        }
      }
      expectedSeq = BigInt(e.seq) + 1n;
      expectedPrev = e.hash;
      if (e.kind === "intent") {
        if (intents.has(e.audit_id)) flag(e.audit_id, "row was written twice into the chain");
        intents.set(e.audit_id, e.digest);
      } else {
        outcomes.set(e.audit_id, e.digest);
      }
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.seq;
  }
  const [head] = await db.query<{ seq: string; hash: string }>("SELECT seq::text AS seq, hash FROM audit_chain_head");
  if (head && !chainBroken && (head.hash !== expectedPrev || BigInt(head.seq) !== expectedSeq - 1n)) {
    chainBroken = true;
    const last = [...intents.keys(), ...outcomes.keys()].map(BigInt).reduce((a, b) => (b > a ? b : a), 0n);
    flag(String(last), "the chain's last events are missing");
  }

  let rows = 0;
  const seen = new Set<string>();
  for (let after = "0"; ;) {
    const page = await db.query<CurrentRow>(
      `SELECT a.id::text AS id, audit_log_intent_digest(a) AS intent_digest, audit_log_outcome_digest(a) AS outcome_digest,
              (a.outcome = 'pending' AND a.finished_at IS NULL AND a.ci_request_id IS NULL AND a.error_code IS NULL
               AND a.error_message IS NULL AND a.reconciled_at IS NULL AND a.reconcile_note IS NULL) AS untouched
         FROM audit_log a WHERE a.id > $1::bigint ORDER BY a.id LIMIT ${PAGE}`,
      [after],
    );
    for (const r of page) {
      rows++;
      seen.add(r.id);
      const intent = intents.get(r.id);
      const outcome = outcomes.get(r.id);
      if (intent === undefined) flag(r.id, "row is not in the chain");
      else if (intent !== r.intent_digest) flag(r.id, "who, what or when was changed");
      else if (outcome === undefined ? !r.untouched : outcome !== r.outcome_digest)
        flag(r.id, "the outcome was changed");
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]!.id;
  }
  for (const id of intents.keys()) if (!seen.has(id)) flag(id, "row was deleted");

  const first = [...problems.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))[0];
  return {
    intact: first === undefined,
    rows,
    events,
    headHash: head?.hash ?? GENESIS,
    ...(first ? { brokenAt: { rowId: String(first[0]), reason: first[1] } } : {}),
  };
}
