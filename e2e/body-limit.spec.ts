/**
 * Bounded bodies against the real server (`next start`): a 50 MB chunked upload is answered 413 at the limit, the
 * rest is never buffered (the server's resident memory barely moves), and nothing reaches CI.
 */
import { readdirSync, readFileSync, readlinkSync } from "node:fs";
import http from "node:http";
import { expect, test } from "@playwright/test";
import { countOf, emulatorAdmin } from "./support/emulator-admin";
import { E2E, ssoHeaders } from "./support/env";

const UPLOAD_BYTES = 50 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x20); // spaces: still "JSON" to a reader that buffers it all

/** The process listening on the app's port (Linux /proc): the socket's inode, then the process holding it. */
function serverPid(port: number): number {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const inodes = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    let text = "";
    try {
      text = readFileSync(table, "utf8");
    } catch {
      continue;
    }
    for (const line of text.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A") inodes.add(cols[9]!); // 0A = LISTEN
    }
  }
  for (const pid of readdirSync("/proc").filter((p) => /^\d+$/.test(p))) {
    let fds: string[] = [];
    try {
      fds = readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        const m = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
        if (m && inodes.has(m[1]!)) return Number(pid);
      } catch {
        /* gone */
      }
    }
  }
  throw new Error(`no process listens on port ${port}`);
}

const rssBytes = (pid: number) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) * 1024;

/** Streams `total` bytes chunked until the server answers; resolves with the status and how much was sent by then. */
function chunkedUpload(total: number): Promise<{ status: number; body: string; sentWhenAnswered: number }> {
  return new Promise((resolve, reject) => {
    let sent = 0;
    let answered = false;
    const req = http.request(
      {
        host: "127.0.0.1",
        port: E2E.appPort,
        method: "POST",
        path: "/api/jobs",
        headers: {
          "content-type": "application/json",
          "transfer-encoding": "chunked",
          origin: E2E.appUrl,
          ...ssoHeaders(E2E.operator),
        },
      },
      (res) => {
        answered = true;
        const sentWhenAnswered = sent;
        let body = "";
        const done = () => {
          req.destroy();
          resolve({ status: res.statusCode ?? 0, body, sentWhenAnswered });
        };
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", done);
        // The server closes the connection after its answer while we are still sending: the socket may then be
        // reset under the answer's last bytes. The status is what counts.
        res.on("error", done);
      },
    );
    req.on("error", (e) => (answered ? undefined : reject(e)));
    const pump = () => {
      while (!answered && sent < total) {
        sent += CHUNK.length;
        if (!req.write(CHUNK)) return void req.once("drain", pump);
      }
      if (!answered) req.end();
    };
    pump();
  });
}

test("a 50 MB chunked body gets 413 at the limit, and the server does not buffer it", async () => {
  await emulatorAdmin.resetStats();
  const pid = serverPid(E2E.appPort);
  // Warm the route first (one chunk, under the limit: a 400 for JSON made of spaces), so that loading it does not
  // count as growth.
  expect((await chunkedUpload(CHUNK.length)).status).toBe(400);
  const before = rssBytes(pid);
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, rssBytes(pid))), 20);
  const r = await chunkedUpload(UPLOAD_BYTES);
  clearInterval(sampler);
  peak = Math.max(peak, rssBytes(pid));
  expect(r.status).toBe(413);
  expect(JSON.parse(r.body)).toMatchObject({ error: { code: "BodyTooLarge" } });
  // The answer came long before the upload could finish…
  expect(r.sentWhenAnswered).toBeLessThan(UPLOAD_BYTES / 2);
  // …and resident memory grew by far less than the 50 MB sent (a buffering reader grows by 50–150 MB).
  expect(peak - before).toBeLessThan(16 * 1024 * 1024);
  expect(countOf(await emulatorAdmin.stats(), "POST /inventorytriggerjob")).toBe(0);
});
