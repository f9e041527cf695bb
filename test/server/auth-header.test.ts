import { createServer } from "node:http";
import { connect, type AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
// What Next's Node server uses to turn IncomingMessage headers into the Request's Headers.
import { fromNodeOutgoingHttpHeaders } from "next/dist/server/web/utils";
import { identify } from "@/lib/server/auth";
import { splitGroups } from "@/lib/server/auth/header";
import { parseConfig } from "@/lib/server/config-schema";
import { PROXY_SECRET, REAL_CI_ENV } from "./auth-support";

const env = { ...REAL_CI_ENV, AUTH_MODE: "header", AUTH_PROXY_SECRET: PROXY_SECRET, AUTH_OPERATOR_GROUPS: "media-ops" };
const config = parseConfig(env);
const viaProxy = (h: Record<string, string>) => new Headers({ "x-auth-proxy-secret": PROXY_SECRET, ...h });

/** Sends raw header lines to a real Node HTTP server and returns the Headers a Next route handler would get. */
async function headersAsNextSeesThem(lines: string[]): Promise<Headers> {
  let seen: Headers | undefined;
  const server = createServer((req, res) => {
    seen = fromNodeOutgoingHttpHeaders(req.headers);
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve, reject) => {
    const socket = connect(port, "127.0.0.1", () =>
      socket.write(["GET / HTTP/1.1", "Host: ci-console.corp", ...lines, "Connection: close", "", ""].join("\r\n")),
    );
    socket.on("data", () => undefined);
    socket.on("end", () => resolve());
    socket.on("error", reject);
  });
  await new Promise<void>((r) => server.close(() => r()));
  return seen!;
}

describe("header mode", () => {
  it("takes the user and groups from the SSO headers sent with the proxy secret", async () => {
    const r = await identify(
      viaProxy({ "x-forwarded-email": "ann@example.com", "x-forwarded-groups": "ops, media-ops" }),
      config,
    );
    expect(r).toEqual({
      ok: true,
      identity: { id: "ann@example.com", name: "ann", groups: ["ops", "media-ops"], canTrigger: true },
    });
  });

  it("refuses a request with no identity", async () => {
    expect(await identify(viaProxy({}), config)).toMatchObject({ ok: false, status: 401 });
  });

  it.each([
    ["no secret", {}],
    ["a wrong secret of the same length", { "x-auth-proxy-secret": PROXY_SECRET.replace(/.$/, "X") }],
    ["a short secret", { "x-auth-proxy-secret": "x" }],
    ["the secret as a prefix", { "x-auth-proxy-secret": PROXY_SECRET.slice(0, 32) }],
    ["the secret sent twice (joined)", { "x-auth-proxy-secret": `${PROXY_SECRET}, ${PROXY_SECRET}` }],
  ])("refuses forged identity headers with %s", async (_t, secret) => {
    const r = await identify(
      new Headers({ "x-forwarded-email": "mallory@example.com", "x-forwarded-groups": "media-ops", ...secret }),
      config,
    );
    expect(r).toEqual({ ok: false, status: 401, reason: "Request did not come through the SSO proxy" });
  });

  it("accepts the previous secret during a rotation, and only the two configured", async () => {
    const previous = "previous-secret-0123456789abcdef-012345";
    const rotating = parseConfig({ ...env, AUTH_PROXY_SECRET_PREVIOUS: previous });
    const user = { "x-forwarded-email": "ann@example.com" };
    expect((await identify(new Headers({ ...user, "x-auth-proxy-secret": previous }), rotating)).ok).toBe(true);
    expect((await identify(new Headers({ ...user, "x-auth-proxy-secret": PROXY_SECRET }), rotating)).ok).toBe(true);
    expect((await identify(new Headers({ ...user, "x-auth-proxy-secret": previous }), config)).ok).toBe(false);
  });

  it("refuses a user header that arrived twice and a malformed one", async () => {
    expect(await identify(viaProxy({ "x-forwarded-email": "viewer@corp, operator@corp" }), config)).toMatchObject({
      ok: false,
      reason: "The SSO identity header arrived more than once",
    });
    expect(await identify(viaProxy({ "x-forwarded-email": "a b<script>" }), config)).toMatchObject({
      ok: false,
      status: 401,
    });
    expect(await identify(viaProxy({ "x-forwarded-email": "x".repeat(10_000) }), config)).toMatchObject({
      ok: false,
      status: 401,
    });
  });

  it("refuses 10 kB of groups instead of parsing them", async () => {
    const r = await identify(
      viaProxy({
        "x-forwarded-email": "ann@example.com",
        "x-forwarded-groups": Array.from({ length: 1000 }, (_, i) => `g${i}`).join(","),
      }),
      config,
    );
    expect(r).toMatchObject({ ok: false, status: 401 });
  });

  it("honours custom header names", async () => {
    const custom = parseConfig({
      ...env,
      AUTH_USER_HEADER: "X-Auth-Request-User",
      AUTH_GROUPS_HEADER: "X-Auth-Request-Groups",
    });
    const r = await identify(viaProxy({ "x-auth-request-user": "bob", "x-auth-request-groups": "media-ops" }), custom);
    expect(r.ok && r.identity).toMatchObject({ id: "bob", canTrigger: true });
  });

  it("keeps LDAP-style group names whole with AUTH_GROUPS_SEPARATOR=;", async () => {
    const ldap = parseConfig({
      ...env,
      AUTH_GROUPS_SEPARATOR: ";",
      AUTH_OPERATOR_GROUPS: "CN=media-ops,OU=groups,DC=corp",
    });
    const r = await identify(
      viaProxy({
        "x-forwarded-email": "ann@corp",
        "x-forwarded-groups": "CN=readers,OU=groups,DC=corp;CN=media-ops,OU=groups,DC=corp",
      }),
      ldap,
    );
    expect(r.ok && r.identity).toMatchObject({
      groups: ["CN=readers,OU=groups,DC=corp", "CN=media-ops,OU=groups,DC=corp"],
      canTrigger: true,
    });
    // Split on "," they would have been broken apart, and "OU=groups" would match nothing by accident only.
    expect(splitGroups("CN=ops,OU=groups", ",")).toEqual(["CN=ops", "OU=groups"]);
  });
});

describe("repeated header lines, as Node and Next really pass them", () => {
  it("arrive joined with ', ' in one value; each line becomes its own group", async () => {
    const h = await headersAsNextSeesThem([
      "X-Auth-Proxy-Secret: " + PROXY_SECRET,
      "X-Forwarded-Email: ann@corp",
      "X-Forwarded-Groups: viewers",
      "X-Forwarded-Groups: media-ops",
    ]);
    expect(h.get("x-forwarded-groups")).toBe("viewers, media-ops");
    const r = await identify(h, config);
    expect(r.ok && r.identity.groups).toEqual(["viewers", "media-ops"]);
  });

  it("with AUTH_GROUPS_SEPARATOR=; repeated lines still split while commas inside a name do not", async () => {
    const ldap = parseConfig({ ...env, AUTH_GROUPS_SEPARATOR: ";" });
    const h = await headersAsNextSeesThem([
      "X-Auth-Proxy-Secret: " + PROXY_SECRET,
      "X-Forwarded-Email: ann@corp",
      "X-Forwarded-Groups: CN=viewers,OU=g",
      "X-Forwarded-Groups: CN=ops,OU=g",
    ]);
    const r = await identify(h, ldap);
    expect(r.ok && r.identity.groups).toEqual(["CN=viewers,OU=g", "CN=ops,OU=g"]);
  });

  it("a user header sent twice (proxy appends instead of replacing) is refused", async () => {
    const h = await headersAsNextSeesThem([
      "X-Auth-Proxy-Secret: " + PROXY_SECRET,
      "X-Forwarded-Email: mallory@corp",
      "X-Forwarded-Email: ann@corp",
    ]);
    expect(h.get("x-forwarded-email")).toBe("mallory@corp, ann@corp");
    expect(await identify(h, config)).toMatchObject({ ok: false, status: 401 });
  });

  it("Node keeps only the first Authorization line (documented: duplicates of authorization are discarded)", async () => {
    const h = await headersAsNextSeesThem(["Authorization: Bearer first", "Authorization: Bearer second"]);
    expect(h.get("authorization")).toBe("Bearer first");
  });
});
