/**
 * Fault injection for resilience tests (admin `POST /__emulator/faults`): latency, 500 InternalError, 503 SlowDown,
 * 200 with broken XML, dropped connections, "answer lost" drops after the request took effect, and a chosen CI
 * error answer in XML or JSON (error-answer.ts).
 */
import { z } from "zod";
import { errorAnswerSchema, type ErrorAnswer } from "./error-answer";
import { ROUTE_KEYS, type RouteKey } from "./types";

const rate = z.number().min(0, "rates are 0 to 1").max(1, "rates are 0 to 1");
const ms = (max: number) => z.number().int("a whole number of ms").min(0).max(max);

export const faultConfigSchema = z.strictObject({
  latencyMs: ms(120_000).optional(),
  latencyJitterMs: ms(120_000).optional(),
  errorRate: rate.optional(),
  slowDownRate: rate.optional(),
  malformedRate: rate.optional(),
  dropRate: rate.optional(),
  /** Clear the faults automatically this long (emulator clock) after they were set. */
  durationMs: z.number().int().min(1).max(86_400_000).optional(),
  /** Only these routes are affected (route keys as in stats); default all CI routes. */
  routes: z.array(z.enum(ROUTE_KEYS)).min(1).optional(),
  /** Drops happen after the handler ran (the job is created / cancelled, the answer is lost). Implies dropRate 1 if unset. */
  dropAfterProcessing: z.boolean().optional(),
  /** Answer every affected request with this CI error (XML `<Error>` or JSON `{code, message, request_id}`). */
  errorAnswer: errorAnswerSchema.optional(),
});
export type FaultConfig = z.infer<typeof faultConfigSchema>;

export interface FaultPlan {
  latencyMs: number;
  /** Instead of handling the request. */
  before: "drop" | "error" | "slowDown" | "errorAnswer" | null;
  /** What to answer when `before` is "errorAnswer". */
  errorAnswer?: ErrorAnswer;
  /** After handling it. */
  after: "drop" | "malformed" | null;
}

export const NO_FAULT: FaultPlan = { latencyMs: 0, before: null, after: null };

export interface ActiveFaults {
  config: FaultConfig;
  setAt: number;
  expiresAt: number | null;
}

export class Faults {
  private active: ActiveFaults | null = null;

  constructor(
    private readonly now: () => number,
    private readonly random: () => number = Math.random,
  ) {}

  set(config: FaultConfig): ActiveFaults {
    const setAt = this.now();
    this.active = { config, setAt, expiresAt: config.durationMs ? setAt + config.durationMs : null };
    return this.active;
  }

  clear(): void {
    this.active = null;
  }

  /** The faults in force now (expired ones are cleared on the way). */
  current(): ActiveFaults | null {
    if (this.active?.expiresAt != null && this.now() >= this.active.expiresAt) this.active = null;
    return this.active;
  }

  plan(route: RouteKey): FaultPlan {
    const active = this.current();
    if (!active) return NO_FAULT;
    const c = active.config;
    if (c.routes && !c.routes.includes(route)) return NO_FAULT;
    const roll = (p: number | undefined) => p !== undefined && p > 0 && this.random() < p;
    const latencyMs = (c.latencyMs ?? 0) + Math.floor(this.random() * (c.latencyJitterMs ?? 0));
    const dropRate = c.dropRate ?? (c.dropAfterProcessing ? 1 : undefined);
    const drop = roll(dropRate);
    if (drop && !c.dropAfterProcessing) return { latencyMs, before: "drop", after: null };
    if (!drop && c.errorAnswer) return { latencyMs, before: "errorAnswer", after: null, errorAnswer: c.errorAnswer };
    if (!drop && roll(c.errorRate)) return { latencyMs, before: "error", after: null };
    if (!drop && roll(c.slowDownRate)) return { latencyMs, before: "slowDown", after: null };
    if (drop) return { latencyMs, before: null, after: "drop" };
    return { latencyMs, before: null, after: roll(c.malformedRate) ? "malformed" : null };
  }
}

/** A body that starts like the real answer and stops halfway, so no XML parser accepts it. */
export function breakXml(body: string, requestId: string): string {
  const source = body || `<Response><RequestId>${requestId}</RequestId></Response>`;
  return source.slice(0, Math.max(12, Math.floor(source.length / 2)));
}
