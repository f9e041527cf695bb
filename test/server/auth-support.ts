/** Shared by the auth tests: a local key server, key pairs, and a production-like environment (no emulator). */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from "jose";

export const PUBLIC_ORIGIN = "https://ci-console.corp";
export const PROXY_SECRET = "proxy-secret-0123456789abcdef-0123456789";

/** Keys that are not the emulator's, no CI_ENDPOINT: this configuration talks to real CI, so no shortcut applies. */
export const REAL_CI_ENV = {
  // Any key that is not the emulator's demo pair: the app must then apply the rules for real CI.
  CI_SECRET_ID: "test-fake-key-id-not-the-emulator-demo",
  CI_SECRET_KEY: "test-fake-secret-key",
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  PUBLIC_ORIGIN,
} as const;

export interface KeyServer {
  url: string;
  /** Serves `body` at `path` (JSON unless a string). */
  set: (path: string, body: unknown, status?: number) => void;
  remove: (path: string) => void;
  hits: (path: string) => number;
  close: () => Promise<void>;
}

export async function startKeyServer(): Promise<KeyServer> {
  const routes = new Map<string, { status: number; body: string; type: string }>();
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? "/";
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const r = routes.get(path);
    if (!r) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(r.status, { "content-type": r.type }).end(r.body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    set: (path, body, status = 200) =>
      routes.set(
        path,
        typeof body === "string"
          ? { status, body, type: "application/x-pem-file" }
          : { status, body: JSON.stringify(body), type: "application/json" },
      ),
    remove: (path) => routes.delete(path),
    hits: (path) => hits.get(path) ?? 0,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface SigningKey {
  kid: string;
  alg: "RS256" | "ES256";
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicJwk: JWK;
}

export async function signingKey(alg: "RS256" | "ES256", kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg, use: "sig" };
  return { kid, alg, privateKey, publicKey, publicJwk };
}

export const now = () => Math.floor(Date.now() / 1000);

/** A token as an SSO front would sign it; every claim can be overridden or removed (undefined). */
export async function signToken(
  key: SigningKey,
  claims: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const body = Object.fromEntries(
    Object.entries({ iat: now(), exp: now() + 300, ...claims }).filter(([, v]) => v !== undefined),
  );
  return new SignJWT(body)
    .setProtectedHeader({ alg: key.alg, kid: key.kid, typ: "JWT", ...header })
    .sign(key.privateKey);
}
