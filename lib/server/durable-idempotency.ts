import "server-only";
/**
 * The Idempotency-Key store of idempotency.ts, kept in the database so that every server instance (and a restarted
 * one) sees the same keys. Same interface, same rules: the same key and body within 24 h get the first answer and
 * never reach CI twice; a duplicate that arrives while the first is in flight waits for it, in this process or any
 * other; a definite refusal (remember=false) frees the key; a different body under a used key is a mismatch.
 *
 * Across processes: a claim is one `INSERT … ON CONFLICT DO UPDATE … WHERE <the old claim is dead>` (at most one
 * claimant wins, Postgres decides). Waiters poll the row with a growing delay (woken at once by a holder in the same
 * process). A holder renews its lease while it works, so a slow CI call keeps the key; a crashed holder stops
 * renewing, and after leaseMs (3 minutes by default) the next request takes the key over.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "./db";
import type { IdempotencyResult, StoredAnswer } from "./idempotency";
import { logEvent } from "./logger";

export interface DurableIdempotencyOptions {
  ttlMs?: number;
  /** A claim not renewed within this long is abandoned (its holder crashed) and may be taken over. */
  leaseMs?: number;
  /** A holder stops renewing after this long even if it never completes (a bug must not pin a key for a day). */
  maxHoldMs?: number;
  /** First and longest polling delay while waiting for another process's holder. */
  pollMs?: { min: number; max: number };
  now?: () => number;
}

interface StoredRow {
  fingerprint: string;
  answer: StoredAnswer | null;
  lease_until: Date | string | null;
  expires_at: Date | string;
}

const time = (v: Date | string) => new Date(v).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

/** Same interface as createIdempotencyStore(); `size` counts the keys this process is holding right now. */
export function createDurableIdempotencyStore(db: Db, opts: DurableIdempotencyOptions = {}) {
  const ttlMs = opts.ttlMs ?? 24 * 60 * 60 * 1000;
  const leaseMs = opts.leaseMs ?? 3 * 60 * 1000;
  const maxHoldMs = opts.maxHoldMs ?? 15 * 60 * 1000;
  const poll = opts.pollMs ?? { min: 20, max: 500 };
  const now = opts.now ?? Date.now;
  const wakers = new Map<string, Set<() => void>>();
  let held = 0;
  let begins = 0;

  const slotId = (scope: string, key: string) => `${scope}\u0000${key}`;

  function wake(id: string) {
    const set = wakers.get(id);
    wakers.delete(id);
    set?.forEach((fn) => fn());
  }

  /** Sleeps for `ms`, or less if a holder in this process finishes with the key. */
  function waitFor(id: string, ms: number): Promise<void> {
    return new Promise((resolve) => {
      let set = wakers.get(id);
      if (!set) wakers.set(id, (set = new Set()));
      const done = () => {
        clearTimeout(timer);
        set!.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      set.add(done);
    });
  }

  async function tryClaim(scope: string, key: string, fingerprint: string, holder: string): Promise<boolean> {
    const t = now();
    const rows = await db.query(
      `INSERT INTO idempotency_keys AS k (scope, key, fingerprint, holder, answer, lease_until, expires_at, created_at)
       VALUES ($1, $2, $3, $4, NULL, $5::timestamptz, $6::timestamptz, $7::timestamptz)
       ON CONFLICT (scope, key) DO UPDATE SET fingerprint = EXCLUDED.fingerprint, holder = EXCLUDED.holder, answer = NULL,
         lease_until = EXCLUDED.lease_until, expires_at = EXCLUDED.expires_at, created_at = EXCLUDED.created_at
       WHERE k.expires_at <= $7::timestamptz OR (k.answer IS NULL AND k.lease_until <= $7::timestamptz)
       RETURNING holder`,
      [scope, key, fingerprint, holder, iso(t + leaseMs), iso(t + ttlMs), iso(t)],
    );
    return rows.length === 1;
  }

  function prune() {
    const t = iso(now());
    db.query(`DELETE FROM idempotency_keys WHERE expires_at <= $1::timestamptz`, [t]).catch(() => {});
  }

  async function begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyResult> {
    const id = slotId(scope, key);
    if (++begins % 200 === 0) prune();
    let delay = poll.min;
    for (;;) {
      const holder = randomUUID();
      if (await tryClaim(scope, key, fingerprint, holder)) return fresh(scope, key, id, holder);
      const rows = await db.query<StoredRow>(
        `SELECT fingerprint, answer, lease_until, expires_at FROM idempotency_keys WHERE scope = $1 AND key = $2`,
        [scope, key],
      );
      const row = rows[0];
      const t = now();
      if (!row || time(row.expires_at) <= t) continue; // freed or expired meanwhile: claim again
      if (row.fingerprint !== fingerprint) return { kind: "mismatch" };
      if (row.answer) return { kind: "replay", answer: row.answer };
      if (row.lease_until && time(row.lease_until) <= t) continue; // its holder died: take it over
      await waitFor(id, delay); // the first request is still talking to CI
      delay = Math.min(poll.max, Math.round(delay * 1.6));
    }
  }

  function fresh(scope: string, key: string, id: string, holder: string): IdempotencyResult {
    held++;
    const started = now();
    const renew = setInterval(
      () => {
        if (now() - started > maxHoldMs) return clearInterval(renew);
        db.query(
          `UPDATE idempotency_keys SET lease_until = $4::timestamptz WHERE scope = $1 AND key = $2 AND holder = $3 AND answer IS NULL`,
          [scope, key, holder, iso(now() + leaseMs)],
        ).catch(() => {}); // a missed renewal is retried at the next tick; the lease has room for two misses
      },
      Math.max(10, Math.floor(leaseMs / 3)),
    );
    renew.unref?.();
    let completed = false;

    /** Resolves once the answer is stored (or the key freed); never rejects, so a caller may ignore it. */
    async function complete(answer: StoredAnswer, remember: boolean): Promise<void> {
      if (completed) return;
      completed = true;
      clearInterval(renew);
      held--;
      const write = () =>
        remember
          ? db.query(
              `UPDATE idempotency_keys SET answer = $4::jsonb, lease_until = NULL WHERE scope = $1 AND key = $2 AND holder = $3`,
              [scope, key, holder, JSON.stringify({ status: answer.status, body: answer.body ?? null })],
            )
          : db.query(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND holder = $3`, [
              scope,
              key,
              holder,
            ]);
      try {
        await write().catch(write); // one retry: a lost "remember" lets a retry reach CI again once the lease lapses
      } catch (e) {
        logEvent({
          level: "error",
          event: "idempotency-store-failed",
          remember,
          error: e instanceof Error ? e.message.slice(0, 200) : "unknown",
        });
      } finally {
        wake(id);
      }
    }
    return { kind: "fresh", complete };
  }

  return {
    begin,
    get size() {
      return held;
    },
  };
}

export type DurableIdempotencyStore = ReturnType<typeof createDurableIdempotencyStore>;
