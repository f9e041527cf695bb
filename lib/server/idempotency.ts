/**
 * Idempotency-Key handling for triggers: the same key from the same user (and bucket) within 24 h gets the first
 * answer again and never reaches CI twice; a duplicate that arrives while the first is still running waits for it.
 * Only answers that may mean "a job exists" are remembered (success, outcome unknown); a definite refusal frees the
 * key, since CI created nothing and a corrected retry is safe.
 * In memory, per server instance: several instances behind a load balancer need the shared store (issue 6).
 */
export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type IdempotencyResult =
  | { kind: "fresh"; complete: (answer: StoredAnswer, remember: boolean) => void }
  | { kind: "replay"; answer: StoredAnswer }
  | { kind: "mismatch" };

interface Slot {
  fingerprint: string;
  expiresAt: number;
  answer?: StoredAnswer;
  waiters: Promise<StoredAnswer | undefined>;
}

export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,128}$/;

export function createIdempotencyStore(ttlMs = 24 * 60 * 60 * 1000, now: () => number = Date.now) {
  const slots = new Map<string, Slot>();

  function prune() {
    const t = now();
    for (const [k, s] of slots) if (s.expiresAt <= t && s.answer) slots.delete(k);
  }

  /** Claims `scope:key` for a request whose body has `fingerprint`. */
  async function begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyResult> {
    const id = `${scope}\u0000${key}`;
    for (;;) {
      const slot = slots.get(id);
      if (slot && slot.expiresAt > now()) {
        if (slot.fingerprint !== fingerprint) return { kind: "mismatch" };
        if (slot.answer) return { kind: "replay", answer: slot.answer };
        await slot.waiters; // the first request is still talking to CI
        continue; // re-read: it either remembered an answer or freed the key
      }
      let settle!: (a: StoredAnswer | undefined) => void;
      const fresh: Slot = { fingerprint, expiresAt: now() + ttlMs, waiters: new Promise((r) => (settle = r)) };
      slots.set(id, fresh);
      if (slots.size % 256 === 0) prune();
      return {
        kind: "fresh",
        complete(answer, remember) {
          if (remember) fresh.answer = answer;
          else if (slots.get(id) === fresh) slots.delete(id);
          settle(remember ? answer : undefined);
        },
      };
    }
  }

  return {
    begin,
    get size() {
      return slots.size;
    },
  };
}

/** What the trigger route needs from a store: this in-memory one, or the database one (durable-idempotency.ts). */
export interface IdempotencyStore {
  begin(scope: string, key: string, fingerprint: string): Promise<IdempotencyResult>;
  readonly size: number;
}
