/**
 * Ports, clients and people of the SSO browser tests (playwright.sso.config.ts). Own ports, so the main suite is
 * unaffected: the app in oidc mode, the app behind Apache (header mode, and jwt mode), the OpenID provider, Apache.
 */
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

process.env.SSO_E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), "ci-console-sso-e2e-"));
const dataDir = process.env.SSO_E2E_DATA_DIR;

const appPort = Number(process.env.E2E_APP_PORT ?? 3420);
const emulatorPort = Number(process.env.E2E_EMULATOR_PORT ?? 9420);
/** Extra servers take ports from one base (4420 → idp 4420, header app 4421, jwt app 4422; Apache 8420 and 8421). */
const extraBase = Number(process.env.SSO_E2E_PORT_BASE ?? 4420);
const apacheBase = Number(process.env.SSO_E2E_APACHE_PORT_BASE ?? 8420);

const loopback = (port: number) => `http://127.0.0.1:${port}`;
// The emulator's demo keys: the built-in emulator (lib/server/auth/built-in-emulator.ts), so each mode under test
// decides sign-in on its own settings, not on the production guards for real CI keys.
const secretId = "emulator-secret-id";
const secretKey = "emulator-secret-key";

export const SSO = {
  emulatorUrl: loopback(emulatorPort),
  idpPort: extraBase,
  issuer: loopback(extraBase),
  oidcApp: { port: appPort, url: loopback(appPort) },
  headerApp: { port: extraBase + 1, url: loopback(extraBase + 1) },
  jwtApp: { port: extraBase + 2, url: loopback(extraBase + 2) },
  apacheHeader: { port: apacheBase, url: loopback(apacheBase) },
  apacheJwt: { port: apacheBase + 1, url: loopback(apacheBase + 1) },
  /** The app's own OIDC client, and the one Apache's mod_auth_openidc signs in with. */
  appClient: { id: "ci-console", secret: "ci-console-client-secret-for-tests-only" },
  apacheClient: { id: "apache-sso", secret: "apache-client-secret-for-tests-only" },
  proxySecret: "apache-to-app-proxy-secret-0123456789abcdef",
  people: {
    alice: { login: "alice", password: "alice-password", email: "alice@example.com", groups: ["media-ops"] },
    bob: { login: "bob", password: "bob-password", email: "bob@example.com", groups: ["readers"] },
  },
  emulatorEnv: {
    EMULATOR_PORT: String(emulatorPort),
    EMULATOR_SECRET_ID: secretId,
    EMULATOR_SECRET_KEY: secretKey,
    EMULATOR_BUCKETS: "examplebucket-1250000000@ap-beijing",
    EMULATOR_STEP_MS: "1500",
  },
  /** What every app instance shares: the emulator as CI, operators = media-ops. */
  baseAppEnv: (name: string): Record<string, string> => ({
    NODE_ENV: "production",
    CI_SECRET_ID: secretId,
    CI_SECRET_KEY: secretKey,
    CI_BUCKETS: "examplebucket-1250000000@ap-beijing",
    CI_ENDPOINT: loopback(emulatorPort),
    CI_EMULATOR: "1",
    AUTH_OPERATOR_GROUPS: "media-ops",
    CI_TIMEOUT_MS: "5000",
    DATA_DIR: join(dataDir, name),
    LOG_LEVEL: "silent",
  }),
} as const;
