/**
 * The server's clock as this tab best knows it. Browser clocks can be seconds (or hours) off; polling on the server's
 * beat (lib/jobs/poll-schedule.ts) needs the server's time, so every API answer carries it (SERVER_TIME_HEADER) and
 * the sample with the shortest round trip wins (its error is at most half that round trip). A sample ages out after
 * ten minutes, so a drifting clock or another server instance is followed.
 */
const SAMPLE_MAX_AGE_MS = 10 * 60_000;

export interface ServerClock {
  /** Records one answer's server time: the request left at `sentAt` and the answer came back at `receivedAt` (local ms). */
  note(header: string | null, sentAt: number, receivedAt: number): void;
  /** A first guess before any answer (the time the server rendered the page at); ignored once a sample exists. */
  seed(serverNowMs: number, localNowMs: number): void;
  now(localNowMs: number): number;
}

export function createServerClock(): ServerClock {
  let offsetMs = 0;
  let bestRoundTripMs = Number.POSITIVE_INFINITY;
  let sampledAt: number | null = null;
  return {
    note(header, sentAt, receivedAt) {
      const serverMs = Number(header);
      if (!header || !Number.isFinite(serverMs) || receivedAt < sentAt) return;
      const roundTrip = receivedAt - sentAt;
      const fresh = sampledAt !== null && receivedAt - sampledAt < SAMPLE_MAX_AGE_MS;
      if (fresh && roundTrip > bestRoundTripMs) return;
      bestRoundTripMs = roundTrip;
      sampledAt = receivedAt;
      offsetMs = serverMs + roundTrip / 2 - receivedAt;
    },
    seed(serverNowMs, localNowMs) {
      if (sampledAt === null) offsetMs = serverNowMs - localNowMs;
    },
    now(localNowMs) {
      return localNowMs + offsetMs;
    },
  };
}

/** This tab's clock, fed by apiFetch. */
const tabClock = createServerClock();

export const noteServerTime = (header: string | null, sentAt: number, receivedAt: number) =>
  tabClock.note(header, sentAt, receivedAt);
export const seedServerClock = (serverNowMs: number) => tabClock.seed(serverNowMs, Date.now());
export const serverClockNow = () => tabClock.now(Date.now());
