import "server-only";
/**
 * Who may read /api/metrics. With METRICS_TOKEN: whoever sends `Authorization: Bearer <token>` (constant-time
 * compare). Without it: loopback only. A Next route handler never sees the TCP peer; Next's server copies the
 * socket's address into `x-forwarded-for` only when the client sent none, so we require a loopback Host AND a
 * loopback (or absent) x-forwarded-for. A client that reaches the port directly can forge both headers, so any
 * deployment reachable from other machines must set METRICS_TOKEN (docs/operations.md).
 */
import { createHash, timingSafeEqual } from "node:crypto";

const LOOPBACK_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

function isLoopbackAddress(address: string): boolean {
  const a = address
    .trim()
    .toLowerCase()
    .replace(/^::ffff:/, "");
  return a === "::1" || a === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function hostname(host: string): string {
  const h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.replace(/:\d+$/, "");
}

/** The request named a loopback Host and came (as far as the forwarding headers tell) from loopback. */
export function isLoopbackRequest(headers: Headers, url: URL): boolean {
  const host = hostname(headers.get("host") ?? url.host);
  if (!LOOPBACK_HOSTS.has(host) && !isLoopbackAddress(host)) return false;
  const forwarded = headers.get("x-forwarded-for");
  return forwarded === null || forwarded.split(",").every(isLoopbackAddress);
}

/** Hashing first makes the compare constant-time whatever the lengths. */
function sameSecret(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}

export type MetricsAccess = { ok: true } | { ok: false; status: 401 | 403; code: string; message: string };

/** Decides one scrape (see the file comment). */
export function checkMetricsAccess(headers: Headers, url: URL, token: string | undefined): MetricsAccess {
  if (token) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(headers.get("authorization") ?? "");
    if (match && sameSecret(match[1]!, token)) return { ok: true };
    return {
      ok: false,
      status: 401,
      code: "MetricsTokenRequired",
      message: "Send Authorization: Bearer <METRICS_TOKEN>",
    };
  }
  if (isLoopbackRequest(headers, url)) return { ok: true };
  return {
    ok: false,
    status: 403,
    code: "LoopbackOnly",
    message: "Metrics are served to loopback only; set METRICS_TOKEN to scrape from elsewhere",
  };
}
