/**
 * One app instance for the multi-instance test and benchmark: the real route handlers (the same modules
 * `next start` serves) behind a plain node:http server, in a process of its own, so each instance has its own
 * runtime, caches and database pool exactly as separate `next start` processes would. Started with
 * `node --conditions=react-server --import tsx test/integration/multi-instance-app.ts`; configured by the usual
 * environment (DATABASE_URL, CI_*, …) plus PORT (0 = any); prints `listening <port>` when ready.
 * Not a Next server: no pages, no Next request pipeline; it exercises what is shared between instances.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import * as auditRoute from "@/app/api/audit/route";
import * as cancelRoute from "@/app/api/jobs/[jobId]/cancel/route";
import * as jobRoute from "@/app/api/jobs/[jobId]/route";
import * as jobsRoute from "@/app/api/jobs/route";
import * as metricsRoute from "@/app/api/metrics/route";
import { closeDb } from "@/lib/server/db";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;

/** Path → handlers by method (the app's API routes that matter across instances). */
function route(method: string, path: string): { handler: Handler; params: Record<string, string> } | null {
  let m: RegExpExecArray | null;
  const as = (h: unknown) => h as Handler;
  if (path === "/api/jobs")
    return method === "GET"
      ? { handler: as(jobsRoute.GET), params: {} }
      : method === "POST"
        ? { handler: as(jobsRoute.POST), params: {} }
        : null;
  if (path === "/api/audit" && method === "GET") return { handler: as(auditRoute.GET), params: {} };
  if (path === "/api/metrics" && method === "GET") return { handler: as(metricsRoute.GET), params: {} };
  if ((m = /^\/api\/jobs\/([^/]+)\/cancel$/.exec(path)) && method === "POST")
    return { handler: as(cancelRoute.POST), params: { jobId: decodeURIComponent(m[1]!) } };
  if ((m = /^\/api\/jobs\/([^/]+)$/.exec(path)) && method === "GET")
    return { handler: as(jobRoute.GET), params: { jobId: decodeURIComponent(m[1]!) } };
  return null;
}

async function serve(req: IncomingMessage, res: ServerResponse) {
  const url = new URL(req.url ?? "/", `http://${req.headers.host ?? "localhost"}`);
  const found = route(req.method ?? "GET", url.pathname);
  if (!found) {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
  const request = new Request(url, {
    method: req.method,
    headers,
    body: req.method === "GET" || req.method === "HEAD" ? undefined : Buffer.concat(chunks),
  });
  const answer = await found.handler(request, { params: Promise.resolve(found.params) });
  res.writeHead(answer.status, Object.fromEntries(answer.headers));
  res.end(Buffer.from(await answer.arrayBuffer()));
}

const server = createServer((req, res) => {
  serve(req, res).catch(() => {
    if (!res.headersSent) res.writeHead(500);
    res.end();
  });
});
// Longer than the proxy keeps idle sockets, so it never reuses one this server is closing (a spurious 502).
server.keepAliveTimeout = 60_000;
server.headersTimeout = 61_000;
server.listen(Number(process.env.PORT ?? 0), "127.0.0.1", () => {
  const address = server.address();
  process.stdout.write(`listening ${typeof address === "object" && address ? address.port : 0}\n`);
});

process.on("SIGTERM", () => {
  server.close();
  closeDb().finally(() => process.exit(0));
});
