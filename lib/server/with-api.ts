import "server-only";
import { randomUUID } from "node:crypto";
import { ZodError } from "zod";
import { CiError } from "@/lib/ci/errors";
import { SERVER_TIME_HEADER } from "@/lib/jobs/poll-schedule";
import { retryAfterSeconds } from "./ci-budget";
import { ConfigError } from "./config-schema";
import { getConfig } from "./config";
import { identify } from "./auth/identify";
import type { Identity } from "./auth/types";
import { isCrossOriginChange, isMisdirected, requestFacts } from "./auth/origin";
import { ciErrorBody, ciErrorStatus } from "./ci-problem";
import { logEvent, withLogContext } from "./logger";
import { countRefusal, openPoll } from "./metrics";
import { ApiProblem, validationProblem } from "./problem";

export interface ApiContext<P> {
  req: Request;
  url: URL;
  identity: Identity;
  params: P;
  /** Set by handlers so the log line carries CI's RequestId. */
  log: { ciRequestId?: string };
}

interface Options {
  /** Triggers and cancels: operators only, same-origin JSON only. */
  mutation?: boolean;
  /** Routes that must answer without an identity (health). */
  public?: boolean;
}

type Handler<P> = (ctx: ApiContext<P>) => Promise<Response>;

const json = (status: number, body: unknown, headers?: HeadersInit) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store", ...headers } });

export function errorResponse(status: number, code: string, message: string, extra: Record<string, unknown> = {}) {
  return json(status, { error: { code, message, ...extra } });
}

/** Cross-site requests and non-JSON bodies cannot change anything (CSRF defence for cookie-based SSO). */
function checkMutationRequest(req: Request, publicOrigin: URL | undefined): ApiProblem | null {
  if (isCrossOriginChange(requestFacts(req.headers), publicOrigin)) {
    return new ApiProblem(403, "CrossOriginRefused", "Changes are accepted only from this dashboard's own pages");
  }
  const type = req.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type))
    return new ApiProblem(403, "JsonRequired", "Send changes as application/json");
  return null;
}

function toResponse(e: unknown): { res: Response; ciRequestId?: string } {
  if (e instanceof ApiProblem) {
    return {
      res: errorResponse(e.status, e.code, e.message, { ...(e.fields ? { fields: e.fields } : {}), ...e.extra }),
    };
  }
  if (e instanceof ZodError) {
    const p = validationProblem(e, "request");
    return { res: errorResponse(p.status, p.code, p.message, { fields: p.fields }) };
  }
  if (e instanceof CiError) return { res: json(ciErrorStatus(e), { error: ciErrorBody(e) }), ciRequestId: e.requestId };
  if (e instanceof ConfigError) return { res: errorResponse(500, "ConfigurationError", e.message) };
  return {
    res: errorResponse(
      500,
      "InternalError",
      "Something went wrong in the dashboard server. Try again; if it persists, tell the team.",
    ),
  };
}

/**
 * Every API route goes through here: identity, permission, same-origin rule for changes, one error shape, one
 * log line. Handlers only do their own work.
 */
export function withApi<P = Record<string, never>>(route: string, handler: Handler<P>, options: Options = {}) {
  return async (req: Request, routeCtx?: { params?: Promise<P> }): Promise<Response> => {
    const started = performance.now();
    const url = new URL(req.url);
    const log: ApiContext<P>["log"] = {};
    let user: string | undefined;
    let closePoll = () => {};
    let res: Response;
    try {
      const config = getConfig();
      // Health stays reachable for load-balancer probes, which address the app by its IP.
      if (!options.public && isMisdirected(requestFacts(req.headers), config.publicOrigin, config.production)) {
        throw new ApiProblem(421, "MisdirectedRequest", "This dashboard answers only at its PUBLIC_ORIGIN address");
      }
      const who = await identify(req.headers, config);
      let identity: Identity;
      if (who.ok) identity = who.identity;
      else if (options.public) identity = { id: "anonymous", name: "anonymous", groups: [], canTrigger: false };
      else if (who.status === 403) throw new ApiProblem(403, "NoAccess", who.reason);
      else throw new ApiProblem(401, "Unauthenticated", who.reason);
      user = identity.id;
      closePoll = openPoll(route, user);
      if (options.mutation) {
        if (!identity.canTrigger)
          throw new ApiProblem(
            403,
            "Forbidden",
            "You may view jobs but not trigger or cancel them (ask to be added to an operator group)",
          );
        const refused = checkMutationRequest(req, config.publicOrigin);
        if (refused) throw refused;
      }
      const params = ((await routeCtx?.params) ?? {}) as P;
      res = await withLogContext({ route, user }, () => handler({ req, url, identity, params, log }));
    } catch (e) {
      if (e instanceof ApiProblem) countRefusal(e);
      const mapped = toResponse(e);
      res = mapped.res;
      const retryAfter = retryAfterSeconds(e); // a CI budget refusal (429): say when to come back
      if (retryAfter !== undefined) res.headers.set("Retry-After", String(retryAfter));
      log.ciRequestId ??= mapped.ciRequestId;
      if (res.status >= 500 && !(e instanceof CiError))
        logEvent({ level: "error", route, error: e instanceof Error ? e.name : "unknown" });
    }
    closePoll();
    const requestId = randomUUID();
    res.headers.set("x-request-id", requestId);
    // The server's clock (ms), so every open dashboard can poll on the same beat (lib/jobs/poll-schedule.ts).
    res.headers.set(SERVER_TIME_HEADER, String(Date.now()));
    logEvent({
      level: "info",
      route,
      method: req.method,
      status: res.status,
      user,
      ciRequestId: log.ciRequestId,
      ms: Math.round(performance.now() - started),
      requestId,
    });
    return res;
  };
}

export { json as jsonResponse };
