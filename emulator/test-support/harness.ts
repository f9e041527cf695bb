/**
 * Test harness: starts an emulator in-process on a free port with a controllable clock, and sends requests signed
 * with lib/ci/sign.ts (the product's signer) — or deliberately tampered ones.
 */
import http from "node:http";
import { camSafeUrlEncode, signParts } from "@/lib/ci/sign";
import { parseXml, type XmlObject } from "@/lib/ci/xml";
import { createEmulator, type Emulator } from "../server";
import type { EmulatorOptions } from "../types";

export const CREDS = { secretId: "test-secret-id", secretKey: "test-secret-key" };
export const BUCKET = "examplebucket-1250000000";
export const REGION = "ap-beijing";
export const HOST = `${BUCKET}.ci.${REGION}.myqcloud.com`;
export const SECOND_BUCKET = { bucket: "archive-1250000000", region: "ap-shanghai" };
/** 2026-11-20 10:00:00 +0800. */
export const T0 = Date.parse("2026-11-20T02:00:00Z");

export interface SendOptions {
  method?: string;
  path: string;
  /** Sent query; `null` sends a bare key (`?cancel`), signed as "". */
  query?: Record<string, string | null>;
  body?: string;
  headers?: Record<string, string>;
  host?: string;
  /** false: no Authorization at all. */
  sign?: false | SignOverrides;
  /** Put the signature in q-* query parameters instead of the Authorization header. */
  authInQuery?: boolean;
  /** Percent-encode each path segment on the wire (object keys with spaces, Chinese…); the decoded path is signed. */
  encodePath?: boolean;
}

/** What to sign, when it should differ from what is sent (to tamper) — and signing parameters. */
export interface SignOverrides {
  secretId?: string;
  secretKey?: string;
  keyTime?: string;
  method?: string;
  path?: string;
  query?: Record<string, string>;
  /** Header names to sign (values taken from the sent headers); default host (+ content-length/content-type with a body). */
  signHeaders?: string[];
  /** Header values to sign instead of the sent ones. */
  headerValues?: Record<string, string>;
}

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** Parsed body when it is XML. */
  xml: XmlObject | null;
}

export interface Harness {
  emu: Emulator;
  port: number;
  clock: { now: number };
  send(opts: SendOptions): Promise<Reply>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- test replies are read field by field, whatever the route
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; json: any }>;
  close(): Promise<void>;
}

const encodeQuery = (q: Record<string, string | null>) =>
  Object.entries(q)
    .map(([k, v]) => (v === null ? camSafeUrlEncode(k) : `${camSafeUrlEncode(k)}=${camSafeUrlEncode(v)}`))
    .join("&");

export function rawRequest(
  port: number,
  method: string,
  target: string,
  headers: Record<string, string>,
  body?: string,
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path: target, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        let xml: XmlObject | null = null;
        try {
          xml = text ? parseXml(text) : null;
        } catch {
          xml = null;
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, xml });
      });
      res.on("error", reject);
    });
    req.on("error", reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export async function startHarness(overrides: Partial<EmulatorOptions> = {}): Promise<Harness> {
  const clock = { now: T0 };
  const emu = createEmulator({
    credentials: CREDS,
    buckets: [{ bucket: BUCKET, region: REGION }, SECOND_BUCKET],
    stepMs: 1000,
    seedCount: 160,
    seed: 7,
    now: () => clock.now,
    ...overrides,
  });
  const port = await emu.listen(0);

  async function send(o: SendOptions): Promise<Reply> {
    const method = o.method ?? "GET";
    const query = o.query ?? {};
    const headers: Record<string, string> = { Host: o.host ?? HOST, ...(o.headers ?? {}) };
    if (o.body !== undefined) {
      headers["Content-Length"] ??= String(Buffer.byteLength(o.body));
      headers["Content-Type"] ??= "application/xml";
    }
    let target = o.encodePath ? o.path.split("/").map(encodeURIComponent).join("/") : o.path;
    const qs = encodeQuery(query);
    if (o.sign !== false) {
      const s = o.sign ?? {};
      const lower = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
      const names = s.signHeaders ?? ["host", ...(o.body !== undefined ? ["content-length", "content-type"] : [])];
      const signed: Record<string, string> = {};
      for (const n of names) signed[n] = s.headerValues?.[n] ?? lower[n] ?? "";
      const start = Math.floor(clock.now / 1000) - 1;
      const auth = signParts({
        method: s.method ?? method,
        path: s.path ?? o.path,
        query: s.query ?? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v ?? ""])),
        headers: signed,
        secretId: s.secretId ?? CREDS.secretId,
        secretKey: s.secretKey ?? CREDS.secretKey,
        keyTime: s.keyTime ?? `${start};${start + 900}`,
      }).authorization;
      if (o.authInQuery) {
        const authQs = auth.split("&").map((p) => {
          const eq = p.indexOf("=");
          return `${p.slice(0, eq)}=${camSafeUrlEncode(p.slice(eq + 1))}`;
        });
        target += `?${[qs, ...authQs].filter(Boolean).join("&")}`;
        return rawRequest(port, method, target, headers, o.body);
      }
      headers.Authorization = auth;
    }
    if (qs) target += `?${qs}`;
    return rawRequest(port, method, target, headers, o.body);
  }

  async function admin(method: string, path: string, body?: unknown) {
    const text = body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body);
    const r = await rawRequest(
      port,
      method,
      `/__emulator/${path}`,
      text === undefined ? {} : { "Content-Type": "application/json" },
      text,
    );
    return { status: r.status, json: r.text ? JSON.parse(r.text) : null };
  }

  return { emu, port, clock, send, admin, close: () => emu.close() };
}

/** The `<Error>` element of a reply. */
export function errorOf(r: Reply): { Code?: string; Message?: string; RequestId?: string; TraceId?: string } {
  return ((r.xml?.Error as XmlObject | undefined) ?? {}) as never;
}

/** The JobsDetail list of a reply (always an array after parsing). */
export function jobsOf(r: Reply): XmlObject[] {
  const resp = r.xml?.Response as XmlObject | undefined;
  return ((resp?.JobsDetail as XmlObject[] | undefined) ?? []) as XmlObject[];
}

export function responseOf(r: Reply): XmlObject {
  return (r.xml?.Response as XmlObject | undefined) ?? {};
}
