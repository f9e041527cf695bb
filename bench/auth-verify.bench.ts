/**
 * Auth verification cost per request, once keys are cached: what identify() adds to every API call in each mode.
 * A local key server serves the JWKS (and ALB's PEM key); after a warm-up fetch, every verification is CPU only.
 * Sequential calls, each timed with process.hrtime; the first 500 are warm-up and not counted.
 */
import { createPrivateKey, sign as nodeSign } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { exportJWK, exportPKCS8, exportSPKI, generateKeyPair, SignJWT } from "jose";
import { identify } from "@/lib/server/auth/identify";
import { parseConfig, type AppConfig } from "@/lib/server/config-schema";
import { runMain, writeSection } from "./lib/report";
import { fmt, median, percentile, table } from "./lib/stats";

const quick = process.argv.includes("--quick");
const N = quick ? 2_000 : 20_000;
const WARMUP = 500;
const TARGET_MS = 0.2;
const REAL_CI = {
  CI_SECRET_ID: "bench-fake-key-id-not-the-emulator-demo",
  CI_SECRET_KEY: "bench-key-EXAMPLE",
  CI_BUCKET: "examplebucket-1250000000",
  CI_REGION: "ap-beijing",
  PUBLIC_ORIGIN: "https://ci-console.corp",
  AUTH_OPERATOR_GROUPS: "media-ops",
};
const ALB_ARN = "arn:aws:elasticloadbalancing:eu-west-1:123456789012:loadbalancer/app/ci-console/50dc6c495c0c9188";
const ALB_KID = "a3b2c1d0-1234-4abc-9def-0123456789ab";

const padded = (b: Buffer) => {
  const s = b.toString("base64url");
  return s + "=".repeat((4 - (s.length % 4)) % 4);
};

async function measure(config: AppConfig, headers: Headers): Promise<number[]> {
  const first = await identify(headers, config);
  if (!first.ok) throw new Error(`benchmark token refused: ${first.reason}`);
  const samples: number[] = [];
  for (let i = 0; i < N + WARMUP; i++) {
    const t = process.hrtime.bigint();
    const r = await identify(headers, config);
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    if (!r.ok) throw new Error("refused during the run");
    if (i >= WARMUP) samples.push(ms);
  }
  return samples;
}

async function main() {
  process.env.LOG_LEVEL = "silent";
  const rsa = await generateKeyPair("RS256", { extractable: true });
  const ec = await generateKeyPair("ES256", { extractable: true });
  const jwks = {
    keys: [
      { ...(await exportJWK(rsa.publicKey)), kid: "rsa", alg: "RS256" },
      { ...(await exportJWK(ec.publicKey)), kid: "ec", alg: "ES256" },
    ],
  };
  const albPem = await exportSPKI(ec.publicKey);
  const server = createServer((req, res) => {
    if (req.url === "/jwks") res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(jwks));
    else if (req.url === `/${ALB_KID}`) res.writeHead(200).end(albPem);
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const keys = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const claims = {
    iss: "https://idp.corp",
    aud: "ci-console",
    email: "ann@corp.example",
    groups: ["readers", "media-ops"],
  };
  const jwt = (alg: "RS256" | "ES256", key: CryptoKey, kid: string) =>
    new SignJWT(claims).setProtectedHeader({ alg, kid, typ: "JWT" }).setIssuedAt().setExpirationTime("1h").sign(key);
  const jwtConfig = parseConfig({
    ...REAL_CI,
    AUTH_MODE: "jwt",
    AUTH_JWKS_URL: `${keys}/jwks`,
    AUTH_JWT_ISSUER: "https://idp.corp",
    AUTH_JWT_AUDIENCE: "ci-console",
  });
  const exp = Math.floor(Date.now() / 1000) + 3600;
  const h = padded(
    Buffer.from(
      JSON.stringify({
        typ: "JWT",
        kid: ALB_KID,
        alg: "ES256",
        iss: "https://idp.corp",
        client: "c",
        signer: ALB_ARN,
        exp,
      }),
    ),
  );
  const p = padded(Buffer.from(JSON.stringify({ ...claims, exp })));
  const sig = nodeSign("sha256", Buffer.from(`${h}.${p}`), {
    key: createPrivateKey(await exportPKCS8(ec.privateKey)),
    dsaEncoding: "ieee-p1363",
  });
  const albConfig = parseConfig({
    ...REAL_CI,
    AUTH_MODE: "jwt",
    AUTH_JWT_PRESET: "alb",
    AUTH_ALB_ARN: ALB_ARN,
    AUTH_JWT_ISSUER: "https://idp.corp",
    AUTH_JWKS_URL: keys,
  });
  const secret = "bench-proxy-secret-0123456789abcdef-0123";
  const headerConfig = parseConfig({ ...REAL_CI, AUTH_MODE: "header", AUTH_PROXY_SECRET: secret });

  const cases: [string, AppConfig, Headers][] = [
    [
      "header (proxy secret, constant-time)",
      headerConfig,
      new Headers({
        "x-auth-proxy-secret": secret,
        "x-forwarded-email": "ann@corp.example",
        "x-forwarded-groups": "readers,media-ops",
      }),
    ],
    [
      "jwt RS256 (2048-bit), cached JWKS",
      jwtConfig,
      new Headers({ authorization: `Bearer ${await jwt("RS256", rsa.privateKey, "rsa")}` }),
    ],
    [
      "jwt ES256, cached JWKS",
      jwtConfig,
      new Headers({ authorization: `Bearer ${await jwt("ES256", ec.privateKey, "ec")}` }),
    ],
    ["jwt ALB (padded ES256, cached PEM)", albConfig, new Headers({ "x-amzn-oidc-data": `${h}.${p}.${padded(sig)}` })],
  ];
  const rows: (string | number)[][] = [];
  const verdicts: string[] = [];
  for (const [label, config, headers] of cases) {
    const s = await measure(config, headers);
    const mean = s.reduce((a, b) => a + b, 0) / s.length;
    rows.push([label, s.length, fmt(median(s), 3), fmt(percentile(s, 99), 3), fmt(mean, 3), Math.round(1000 / mean)]);
    if (label.startsWith("jwt"))
      verdicts.push(
        `- ${label}: p50 ${fmt(median(s), 3)} ms → ${median(s) <= TARGET_MS ? "target met" : "target MISSED"}`,
      );
  }
  server.close();
  writeSection(
    "auth-verify",
    [
      "## Auth verification per request (keys cached)",
      "",
      "identify() called in-process, sequentially, on one request's headers; keys fetched once from a local key server",
      `before timing, then cached. ${WARMUP} warm-up calls excluded.`,
      "",
      table(["mode", "n", "p50 ms", "p99 ms", "mean ms", "verifications/s"], rows),
      "",
      `Target (issue): token verification adds ≤ ${TARGET_MS} ms per request once keys are cached.`,
      "",
      ...verdicts,
    ].join("\n"),
  );
}

runMain(main);
