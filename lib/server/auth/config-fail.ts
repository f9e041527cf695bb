import { ConfigError } from "../config-error";

/** Throws the one start-up line: the variable's name and what to do, never its value. */
export function fail(variable: string, message: string): never {
  throw new ConfigError(`Invalid configuration: ${variable}: ${message}`);
}

/** A set variable that is only spaces is a mistake, not "unset". */
export function text(env: Record<string, string | undefined>, variable: string): string | undefined {
  const raw = env[variable];
  if (raw === undefined) return undefined;
  if (raw.trim() === "") fail(variable, "is blank; give a value or remove it");
  return raw.trim();
}

export function flag(env: Record<string, string | undefined>, variable: string): boolean {
  const raw = env[variable]?.trim();
  if (raw === undefined || raw === "") return false;
  if (!["0", "1", "true", "false"].includes(raw)) fail(variable, "use 1 or 0");
  return raw === "1" || raw === "true";
}

const HEADER_NAME = /^[A-Za-z0-9-]{1,64}$/;

export function headerName(env: Record<string, string | undefined>, variable: string, fallback: string): string {
  const v = text(env, variable) ?? fallback;
  if (!HEADER_NAME.test(v)) fail(variable, "must be an HTTP header name (letters, digits, dashes)");
  return v.toLowerCase();
}

/** https anywhere; plain http only to this machine (a key server on loopback in tests or a sidecar). */
export function secureUrl(variable: string, value: string, isLoopback: (hostname: string) => boolean): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    fail(variable, "must be a URL");
  }
  if (url.protocol === "https:") return url;
  if (url.protocol === "http:" && isLoopback(url.hostname)) return url;
  fail(variable, "must be https:// (plain http:// only on a loopback address)");
}
