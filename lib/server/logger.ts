import "server-only";
/**
 * Structured logs: one JSON line per event through pino, at the level LOG_LEVEL names (validated with the rest of
 * the environment, config-schema.ts). Callers pass only safe fields, but three nets catch mistakes anyway:
 * pino's path redaction for fields that hold secrets by name (authorization, secretKey, cookies…), a scrub of
 * query parameters that carry credentials in any string (`?token=`, `q-signature=`…), and a scrub of the
 * configured secret values themselves wherever they appear.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import pino, { type DestinationStream, type Logger } from "pino";
import type { CallInfo } from "@/lib/ci/signed-call";
import { redactUrlsInText } from "./audit-redact";
import { logLevelSchema } from "./config-schema";

/** Field paths whose values are never written (pino `redact`, wildcards one level deep). */
export const REDACT_PATHS = [
  "authorization",
  "Authorization",
  "cookie",
  "headers",
  "secretKey",
  "secretId",
  "securityToken",
  "proxySecret",
  "password",
  "token",
  "metricsToken",
  "*.authorization",
  "*.Authorization",
  "*.cookie",
  "*.headers",
  "*.secretKey",
  "*.securityToken",
  "*.proxySecret",
  "*.password",
  "*.token",
  "*.metricsToken",
  'headers["x-auth-proxy-secret"]',
];

const CENSOR = "[redacted]";
/** Query parameters that carry credentials: callback tokens, COS/CI signatures, OAuth tokens. */
const SECRET_PARAM = /([?&;](?:[\w.-]*token|q-signature|q-ak|signature|sig|secret|password|key|code)=)[^&\s"'#]*/gi;
/** Credentials inside a URL: scheme://user:password@host. */
const URL_USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:)[^@\s/]+@/gi;
/** The signature header's value style (q-sign-algorithm=…&q-ak=…), in case a whole header lands in a message. */
const CI_AUTH = /q-sign-algorithm=[^\s"']*/gi;

/** Environment variables whose values must never appear in a log line, whatever field they end up in. */
const SECRET_ENV = ["CI_SECRET_KEY", "CI_SECURITY_TOKEN", "AUTH_PROXY_SECRET", "METRICS_TOKEN"];

function secretValues(env: NodeJS.ProcessEnv): string[] {
  const values = SECRET_ENV.map((k) => env[k]?.trim()).filter((v): v is string => !!v && v.length >= 6);
  try {
    if (env.DATABASE_URL) {
      const password = decodeURIComponent(new URL(env.DATABASE_URL).password);
      if (password.length >= 4) values.push(password);
    }
  } catch {
    // An invalid DATABASE_URL is reported by config validation; nothing to scrub.
  }
  return values;
}

/** Removes credentials from one string (exported for tests). */
export function scrubText(text: string, secrets: readonly string[]): string {
  // Callback URLs (a CI message may quote one) get the same redaction as in answers to the browser (audit-redact.ts).
  let out = redactUrlsInText(text)
    .replace(CI_AUTH, CENSOR)
    .replace(SECRET_PARAM, `$1${CENSOR}`)
    .replace(URL_USERINFO, `$1${CENSOR}@`);
  for (const s of secrets) if (out.includes(s)) out = out.split(s).join(CENSOR);
  return out;
}

function scrubValue(value: unknown, secrets: readonly string[], depth: number): unknown {
  if (typeof value === "string") return scrubText(value, secrets);
  if (!value || typeof value !== "object" || depth > 4) return value;
  if (Array.isArray(value)) return value.map((v) => scrubValue(v, secrets, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubValue(v, secrets, depth + 1);
  return out;
}

/** Builds a logger writing to `destination` (default stdout); the level comes from LOG_LEVEL, default info. */
export function createLogger(destination?: DestinationStream, env: NodeJS.ProcessEnv = process.env): Logger {
  const parsed = logLevelSchema.safeParse(env.LOG_LEVEL);
  const secrets = secretValues(env);
  return pino(
    {
      level: parsed.success ? parsed.data : "info",
      base: undefined, // no pid/hostname on every line: the platform adds the instance
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: CENSOR },
      formatters: {
        level: (label) => ({ level: label }),
        log: (object) => scrubValue(object, secrets, 0) as Record<string, unknown>,
      },
    },
    destination ?? pino.destination({ dest: 1, sync: true }),
  );
}

const KEY = Symbol.for("ci-batch-console.logger");
type Holder = { [KEY]?: Logger };

/** The process-wide logger (one per process across Next's bundles, like ci-runtime.ts). */
export function logger(): Logger {
  const holder = globalThis as Holder;
  return (holder[KEY] ??= createLogger());
}

/** Tests capture the output (and pick up a changed LOG_LEVEL or secret). */
export function setLoggerForTests(next?: Logger): void {
  (globalThis as Holder)[KEY] = next;
}

export interface LogContext {
  route: string;
  user?: string;
}

const context = new AsyncLocalStorage<LogContext>();

/** Runs `fn` with the request's route (and user, once known) attached to every line it logs, CI calls included. */
export function withLogContext<T>(ctx: LogContext, fn: () => T): T {
  return context.run(ctx, fn);
}

/** The context of the request being served, for callers that fill in the user after identity is known. */
export function currentLogContext(): LogContext | undefined {
  return context.getStore();
}

type Level = "trace" | "debug" | "info" | "warn" | "error" | "fatal";

/**
 * One JSON line per event. Callers pass only safe fields: never headers, bodies or secrets; as a second line of
 * defence, URL credentials in any text (a CI message may quote a callback URL) are redacted.
 */
export function logEvent(event: Record<string, unknown>): void {
  const { level, event: name, ...fields } = event;
  const lvl: Level =
    typeof level === "string" && ["trace", "debug", "info", "warn", "error", "fatal"].includes(level)
      ? (level as Level)
      : "info";
  const ctx = context.getStore();
  const line = ctx ? { route: ctx.route, user: ctx.user, ...fields } : fields;
  logger()[lvl](typeof name === "string" ? { event: name, ...line } : line);
}

/** One line per CI attempt (CallerOptions.onCall): the CI RequestId ties it to CI's own logs. */
export function logCiCall(info: CallInfo): void {
  logEvent({
    level: info.code ? "warn" : "info",
    event: "ci-call",
    ciMethod: info.method,
    ciPath: info.path,
    status: info.status,
    ms: info.ms,
    ciRequestId: info.requestId,
    attempt: info.attempt,
    code: info.code,
  });
}
