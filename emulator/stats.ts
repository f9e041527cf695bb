/** Request counters for the admin API: per route key, per status, triggers, injected faults, auth failures. */
import type { RouteKey } from "./types";

export interface AuthFailure {
  at: number;
  route: string;
  code: string;
  message: string;
  /** The HttpString the emulator signed, on a signature mismatch: compare it with the client's. */
  expectedHttpString?: string;
}

export type FaultKind = "latency" | "error" | "slowDown" | "malformed" | "drop" | "errorAnswer";

export interface StatsSnapshot {
  total: number;
  routes: Record<string, number>;
  statuses: Record<string, number>;
  /** Jobs created by POST /inventorytriggerjob. */
  triggers: number;
  faults: Record<FaultKind, number>;
  authFailures: number;
  recentAuthFailures: AuthFailure[];
  since: number;
}

const RECENT_AUTH_FAILURES = 20;

export class Stats {
  private data!: StatsSnapshot;

  constructor(private readonly now: () => number) {
    this.reset();
  }

  reset(): void {
    this.data = {
      total: 0,
      routes: {},
      statuses: {},
      triggers: 0,
      faults: { latency: 0, error: 0, slowDown: 0, malformed: 0, drop: 0, errorAnswer: 0 },
      authFailures: 0,
      recentAuthFailures: [],
      since: this.now(),
    };
  }

  /** Counts a CI request on arrival; `route` is a RouteKey, or `unmatched` for anything else. */
  request(route: RouteKey | "unmatched"): void {
    this.data.total++;
    this.data.routes[route] = (this.data.routes[route] ?? 0) + 1;
  }

  status(status: number | "dropped"): void {
    const k = String(status);
    this.data.statuses[k] = (this.data.statuses[k] ?? 0) + 1;
  }

  trigger(): void {
    this.data.triggers++;
  }

  fault(kind: FaultKind): void {
    this.data.faults[kind]++;
  }

  authFailure(f: AuthFailure): void {
    this.data.authFailures++;
    this.data.recentAuthFailures.push(f);
    if (this.data.recentAuthFailures.length > RECENT_AUTH_FAILURES) this.data.recentAuthFailures.shift();
  }

  snapshot(): StatsSnapshot {
    return structuredClone(this.data);
  }
}
