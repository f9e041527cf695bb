import "server-only";
/**
 * The CI call budget. CI throttles the whole account (`SlowDown`), which other systems may share, and documents no
 * QPS figure (docs/ci-api.md §3.4), so the dashboard keeps itself well under any plausible limit:
 *
 * - per CI bucket, a token bucket (CI_BUDGET_QPS, CI_BUDGET_BURST) that every attempt sent to CI must pass,
 *   retries, reconciliation and health checks included (the signed-call layer asks before each attempt);
 * - per person, a token bucket (CI_BUDGET_USER_PER_MIN, CI_BUDGET_USER_BURST) charged only by requests that would
 *   reach CI (an answer from the shared cache costs nothing): past it, 429 with Retry-After.
 *
 * Priorities, so that someone hammering distinct queries cannot starve everyone else: a trigger or cancel may take
 * the last token; a read by someone reaching CI at a polling pace ("light": about one every 2 s or slower, with
 * most of a 3-token pace allowance left) leaves one token for those; a read by someone asking faster ("heavy"), and background work, leaves a
 * few more. Heavy callers thus only ever get what light ones leave, and the default view's polls keep working.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { CallGate } from "@/lib/ci/signed-call";
import { CallBudgetError } from "@/lib/ci/signed-call";
import type { CallKind } from "@/lib/ci/responses";
import { logEvent } from "./logger";
import { ApiProblem } from "./problem";
import { TokenBucket } from "./token-bucket";

export interface BudgetSettings {
  /** Sustained CI calls per second, per CI bucket. */
  qps: number;
  /** CI calls that may go out at once, per CI bucket. */
  burst: number;
  /** Requests reaching CI per person per minute. */
  userPerMinute: number;
  /** Requests reaching CI a person may make at once. */
  userBurst: number;
}

export type Priority = "light" | "heavy";

const LIGHT_RESERVE = 1; // left for triggers and cancels
const HEAVY_RESERVE = 3; // left for light reads, triggers and cancels
const LOG_EVERY_MS = 10_000;
/** A polling page reaches CI at most every 3–4 s; faster than this pace makes a person's reads "heavy". */
const LIGHT_PACE = { burst: 3, perSecond: 0.5 };
const MAX_TRACKED_PEOPLE = 10_000;

const priorityContext = new AsyncLocalStorage<Priority>();

/** Runs `fn` with CI calls made inside it (however deep) admitted at priority `p`. */
export function withPriority<T>(p: Priority, fn: () => Promise<T>): Promise<T> {
  return priorityContext.run(p, fn);
}

interface Denials {
  count: number;
  lastLogAt: number;
}

export interface BudgetSnapshot {
  settings: BudgetSettings;
  buckets: { bucket: string; tokens: number; granted: number; denied: number }[];
  people: { tracked: number; limited: number; denied: number };
}

export class CiBudget implements CallGate {
  private readonly buckets = new Map<string, { tb: TokenBucket; granted: number; denied: number }>();
  private readonly people = new Map<string, TokenBucket>();
  private readonly pace = new Map<string, TokenBucket>();
  private peopleDenied = 0;
  private readonly denials = new Map<string, Denials>();

  constructor(
    readonly settings: BudgetSettings,
    private readonly now: () => number = Date.now,
  ) {}

  private bucketFor(host: string) {
    let b = this.buckets.get(host);
    if (!b) {
      b = { tb: new TokenBucket(this.settings.burst, this.settings.qps, this.now()), granted: 0, denied: 0 };
      this.buckets.set(host, b);
    }
    return b;
  }

  /** CallGate: one attempt to CI for `host` (see the file comment for who may take the last tokens). */
  acquire(host: string, kind: CallKind): number {
    const b = this.bucketFor(host);
    const wanted = kind === "read" ? (priorityContext.getStore() === "light" ? LIGHT_RESERVE : HEAVY_RESERVE) : 0;
    const reserve = Math.min(wanted, Math.max(0, this.settings.burst - 1));
    const wait = b.tb.take(this.now(), reserve);
    if (wait === 0) b.granted++;
    else {
      b.denied++;
      this.noteDenial(`bucket|${host}`, {
        scope: "ci-bucket",
        bucket: bucketName(host),
        tokens: round(b.tb.level(this.now())),
      });
    }
    return wait;
  }

  /**
   * Charges one request that would reach CI to a person; throws a 429 ApiProblem (with retryAfterSeconds) past
   * their allowance. Returns the priority their CI calls get.
   */
  charge(personId: string): Priority {
    const t = this.now();
    let tb = this.people.get(personId);
    if (!tb) {
      if (this.people.size >= MAX_TRACKED_PEOPLE) this.forgetRestedPeople(t);
      tb = new TokenBucket(this.settings.userBurst, this.settings.userPerMinute / 60, t);
      this.people.set(personId, tb);
    }
    const wait = tb.take(t);
    if (wait > 0) {
      this.peopleDenied++;
      this.noteDenial(`person|${personId}`, { scope: "person", user: personId });
      const seconds = Math.max(1, Math.ceil(wait / 1000));
      throw new ApiProblem(
        429,
        "TooManyRequests",
        `You have made more requests that reach CI than the dashboard allows one person (${this.settings.userPerMinute} a minute). Try again in ${seconds} s; views that are already open keep refreshing from the shared cache.`,
        { extra: { retryable: true, retryAfterSeconds: seconds } },
      );
    }
    let pace = this.pace.get(personId);
    if (!pace) {
      pace = new TokenBucket(LIGHT_PACE.burst, LIGHT_PACE.perSecond, t);
      this.pace.set(personId, pace);
    }
    // Light only with most of the pace allowance left: someone asking all the time would otherwise earn one light
    // read every 2 s, and fifty such people would crowd the light band.
    const light = pace.level(t) >= LIGHT_PACE.burst - 1;
    pace.take(t);
    return light ? "light" : "heavy";
  }

  private forgetRestedPeople(t: number) {
    for (const [id, tb] of this.people) {
      if (tb.level(t) >= tb.capacity) {
        this.people.delete(id);
        this.pace.delete(id);
      }
    }
    // Still full of active people: forget the oldest entries (they start afresh, which only favours them).
    for (const id of this.people.keys()) {
      if (this.people.size < MAX_TRACKED_PEOPLE) break;
      this.people.delete(id);
      this.pace.delete(id);
    }
  }

  /** One log line per kind of refusal per LOG_EVERY_MS, with how many were refused since the last one. */
  private noteDenial(key: string, fields: Record<string, unknown>) {
    const t = this.now();
    const d = this.denials.get(key) ?? { count: 0, lastLogAt: 0 };
    d.count++;
    this.denials.set(key, d);
    if (t - d.lastLogAt >= LOG_EVERY_MS) {
      logEvent({ level: "warn", event: "ci-budget-denied", ...fields, denied: d.count, settings: this.settings });
      d.count = 0;
      d.lastLogAt = t;
    }
    if (this.denials.size > MAX_TRACKED_PEOPLE) this.denials.clear();
  }

  /** For /api/health: the settings, each bucket's tokens and counters, and how many people are limited now. */
  snapshot(): BudgetSnapshot {
    const t = this.now();
    let limited = 0;
    for (const tb of this.people.values()) if (tb.level(t) < 1) limited++;
    return {
      settings: this.settings,
      buckets: [...this.buckets].map(([host, b]) => ({
        bucket: bucketName(host),
        tokens: round(b.tb.level(t)),
        granted: b.granted,
        denied: b.denied,
      })),
      people: { tracked: this.people.size, limited, denied: this.peopleDenied },
    };
  }
}

const bucketName = (host: string) => host.split(".ci.")[0] ?? host;
const round = (n: number) => Math.round(n * 10) / 10;

/** Seconds for a Retry-After header when an error is a budget refusal (ours or the person's), else undefined. */
export function retryAfterSeconds(e: unknown): number | undefined {
  if (e instanceof CallBudgetError) return Math.max(1, Math.ceil(e.retryAfterMs / 1000));
  if (e instanceof ApiProblem && e.status === 429) {
    const s = e.extra?.retryAfterSeconds;
    return typeof s === "number" ? s : undefined;
  }
  return undefined;
}
