/**
 * The one rule that decides "this dashboard talks to the built-in emulator" (and so may run with AUTH_MODE=none, or
 * header mode without a proxy secret). It rests on two facts together, never on a flag someone can set: CI_ENDPOINT
 * is a loopback address AND the keys are the emulator's published demo pair. A real-looking key on loopback is a
 * real CI stand-in (an SSH tunnel, a recording proxy) and gets no shortcut.
 */

/** The emulator's demo key pair: the same values as EMULATOR_DEFAULTS in emulator/env.ts (a test keeps them equal). */
export const EMULATOR_DEMO_KEYS = { secretId: "emulator-secret-id", secretKey: "emulator-secret-key" } as const;

/** 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHostname(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  if (h === "localhost" || h === "::1") return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

export function isBuiltInEmulator(facts: { endpoint?: URL; secretId: string; secretKey: string }): boolean {
  return (
    facts.endpoint !== undefined &&
    isLoopbackHostname(facts.endpoint.hostname) &&
    facts.secretId === EMULATOR_DEMO_KEYS.secretId &&
    facts.secretKey === EMULATOR_DEMO_KEYS.secretKey
  );
}
