/** Maps method + path to a route key (the names stats and faults use) or a CI-style 404/405. */
import { CiFault } from "./ci-error";
import type { RouteKey } from "./types";

export type RouteMatch = { key: RouteKey; jobId?: string } | { key: null; fault: CiFault };

const COLLECTIONS: Record<string, Partial<Record<string, RouteKey>>> = {
  "/inventorytriggerjob": { GET: "GET /inventorytriggerjob", POST: "POST /inventorytriggerjob" },
  "/template": { GET: "GET /template" },
  "/queue": { GET: "GET /queue" },
  "/picqueue": { GET: "GET /picqueue" },
  "/asrqueue": { GET: "GET /asrqueue" },
  "/ai_queue": { GET: "GET /ai_queue" },
  "/workflow": { GET: "GET /workflow" },
  "/workflowexecution": { GET: "GET /workflowexecution" },
  "/jobs": { GET: "GET /jobs" },
};
/** `/workflowexecution/<runId>` and `/jobs/<jobId>`: the ID travels as `jobId` in the match. */
const ONE_CHILD: Record<string, RouteKey> = {
  workflowexecution: "GET /workflowexecution/:runId",
  jobs: "GET /jobs/:jobId",
};
const ONE_JOB: Partial<Record<string, RouteKey>> = {
  GET: "GET /inventorytriggerjob/:jobId",
  PUT: "PUT /inventorytriggerjob/:jobId?cancel",
};

const notAllowed = (method: string, path: string) =>
  new CiFault(405, "MethodNotAllowed", `${method} is not allowed on ${path}`);

export function matchRoute(method: string, path: string): RouteMatch {
  const collection = COLLECTIONS[path];
  if (collection) {
    const key = collection[method];
    return key ? { key } : { key: null, fault: notAllowed(method, path) };
  }
  const one = /^\/inventorytriggerjob\/([^/]+)$/.exec(path);
  if (one) {
    const key = ONE_JOB[method];
    return key ? { key, jobId: one[1] } : { key: null, fault: notAllowed(method, path) };
  }
  const child = /^\/(workflowexecution|jobs)\/([^/]+)$/.exec(path);
  if (child)
    return method === "GET"
      ? { key: ONE_CHILD[child[1]!]!, jobId: child[2] }
      : { key: null, fault: notAllowed(method, path) };
  return { key: null, fault: new CiFault(404, "InvalidUrl", `The emulator does not serve ${method} ${path}`) };
}
