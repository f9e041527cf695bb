/**
 * The signer against every vector of docs/ci-api.md §2.2, then against the official Node SDK as an oracle on random
 * requests. Installed cos-nodejs-sdk-v5 3.0.0 signs (util.js `signHeaders`): cache-control, content-disposition,
 * content-encoding, content-length, content-md5, content-type, expect, expires, host, if-match, if-modified-since,
 * if-none-match, if-unmodified-since, origin, range, transfer-encoding, pic-operations and any x-cos-* / x-ci-*.
 * Unlike the commit docs/ci-api.md §2.3 describes, 3.0.0 DOES sign content-type and cache-control; it drops date.
 */
import { createRequire } from "node:module";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { camSafeUrlEncode, keyTimeNow, parseAuthorization, sign, signParts } from "@/lib/ci/sign";

interface SdkAuthOptions {
  SecretId: string;
  SecretKey: string;
  Method?: string;
  Pathname?: string;
  Query?: Record<string, string>;
  Headers?: Record<string, string>;
  KeyTime?: string;
}
const COS = createRequire(import.meta.url)("cos-nodejs-sdk-v5") as { getAuthorization(o: SdkAuthOptions): string };

const DOC = { secretId: "AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q", secretKey: "BQYIM75p8x0iWVFSIgqEKwFprpRSVHlz" };
const CI_HOST = "examplebucket-1250000000.ci.ap-beijing.myqcloud.com";
const sha1 = async (s: string) => (await import("node:crypto")).createHash("sha1").update(s, "utf8").digest("hex");

describe("official example A (PUT upload)", () => {
  const headers = {
    Date: "Thu, 16 May 2019 06:45:51 GMT",
    Host: "examplebucket-1250000000.cos.ap-beijing.myqcloud.com",
    "Content-Type": "text/plain",
    "Content-Length": "13",
    "Content-MD5": "mQ/fVh815F3k6TAUm8m0eg==",
    "x-cos-acl": "private",
    "x-cos-grant-read": 'uin="100000000011"',
  };
  const parts = signParts({
    ...DOC,
    method: "PUT",
    path: "/exampleobject(腾讯云)",
    headers,
    keyTime: "1557989151;1557996351",
  });
  const httpHeaders =
    "content-length=13&content-md5=mQ%2FfVh815F3k6TAUm8m0eg%3D%3D&content-type=text%2Fplain&" +
    "date=Thu%2C%2016%20May%202019%2006%3A45%3A51%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com&" +
    "x-cos-acl=private&x-cos-grant-read=uin%3D%22100000000011%22";

  it("reproduces every intermediate", async () => {
    expect(parts.signKey).toBe("eb2519b498b02ac213cb1f3d1a3d27a3b3c9bc5f");
    expect(parts.urlParamList).toBe("");
    expect(parts.headerList).toBe("content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read");
    expect(parts.httpString).toBe(`put\n/exampleobject(腾讯云)\n\n${httpHeaders}\n`);
    expect(await sha1(parts.httpString)).toBe("8b2751e77f43a0995d6e9eb9477f4b685cca4172");
    expect(parts.stringToSign).toBe("sha1\n1557989151;1557996351\n8b2751e77f43a0995d6e9eb9477f4b685cca4172\n");
    expect(parts.signature).toBe("3b8851a11a569213c17ba8fa7dcf2abec6935172");
    expect(parts.authorization).toBe(
      "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989151;1557996351&" +
        "q-key-time=1557989151;1557996351&q-header-list=content-length;content-md5;content-type;date;host;x-cos-acl;x-cos-grant-read&" +
        "q-url-param-list=&q-signature=3b8851a11a569213c17ba8fa7dcf2abec6935172",
    );
  });

  it("signs the decoded path: the English page's `(tencentcloud)` gives another hash", () => {
    const other = signParts({
      ...DOC,
      method: "PUT",
      path: "/exampleobject(tencentcloud)",
      headers,
      keyTime: "1557989151;1557996351",
    });
    expect(other.signature).not.toBe("3b8851a11a569213c17ba8fa7dcf2abec6935172");
  });
});

describe("official example B (GET download with query)", () => {
  const parts = signParts({
    ...DOC,
    method: "GET",
    path: "/exampleobject(腾讯云)",
    // Decoded values: the wire form is response-content-type=application%2Foctet-stream etc.
    query: { "response-content-type": "application/octet-stream", "response-cache-control": "max-age=600" },
    headers: { Date: "Thu, 16 May 2019 06:55:53 GMT", Host: "examplebucket-1250000000.cos.ap-beijing.myqcloud.com" },
    keyTime: "1557989753;1557996953",
  });

  it("reproduces every intermediate", async () => {
    const params = "response-cache-control=max-age%3D600&response-content-type=application%2Foctet-stream";
    const hdrs =
      "date=Thu%2C%2016%20May%202019%2006%3A55%3A53%20GMT&host=examplebucket-1250000000.cos.ap-beijing.myqcloud.com";
    expect(parts.signKey).toBe("937914bf490e9e8c189836aad2052e4feeb35eaf");
    expect(parts.urlParamList).toBe("response-cache-control;response-content-type");
    expect(parts.headerList).toBe("date;host");
    expect(parts.httpString).toBe(`get\n/exampleobject(腾讯云)\n${params}\n${hdrs}\n`);
    expect(await sha1(parts.httpString)).toBe("54ecfe22f59d3514fdc764b87a32d8133ea611e6");
    expect(parts.stringToSign).toBe("sha1\n1557989753;1557996953\n54ecfe22f59d3514fdc764b87a32d8133ea611e6\n");
    expect(parts.signature).toBe("01681b8c9d798a678e43b685a9f1bba0f6c0e012");
    expect(parts.authorization).toBe(
      "q-sign-algorithm=sha1&q-ak=AKIDQjz3ltompVjBni5LitkWHFlFpwkn9U5q&q-sign-time=1557989753;1557996953&" +
        "q-key-time=1557989753;1557996953&q-header-list=date;host&q-url-param-list=response-cache-control;response-content-type&" +
        "q-signature=01681b8c9d798a678e43b685a9f1bba0f6c0e012",
    );
  });
});

describe("other published vectors", () => {
  it("C: Go SDK TestNewAuthorization", () => {
    const auth = sign({
      secretId: "QmFzZTY0IGlzIGEgZ2VuZXJp",
      secretKey: "AKIDZfbOA78asKUYBcXFrJD0a1ICvR98JM",
      method: "PUT",
      path: "/testfile2",
      headers: {
        Host: "testbucket-125000000.cos.ap-guangzhou.myqcloud.com",
        "x-cos-content-sha1": "db8ac1c259eb89d4a131b253bacfca5f319d54f2",
        "x-cos-stroage-class": "nearline",
      },
      keyTime: "1480932292;1481012292",
    });
    expect(auth).toBe(
      "q-sign-algorithm=sha1&q-ak=QmFzZTY0IGlzIGEgZ2VuZXJp&q-sign-time=1480932292;1481012292&q-key-time=1480932292;1481012292&" +
        "q-header-list=host;x-cos-content-sha1;x-cos-stroage-class&q-url-param-list=&q-signature=ce4ac0ecbcdb30538b3fee0a97cc6389694ce53a",
    );
  });

  it("D: legacy doc vector", () => {
    const parts = signParts({
      ...DOC,
      method: "GET",
      path: "/testfile",
      headers: { host: "bucket1-1254000000.cos.ap-beijing.myqcloud.com", range: "bytes=0-3" },
      keyTime: "1417773892;1417853898",
    });
    expect(parts.headerList).toBe("host;range");
    expect(parts.signature).toBe("4b6cbab14ce01381c29032423481ebffd514e8be");
  });
});

describe("derived CI vectors (docs/ci-api.md §2.2 table)", () => {
  const keyTime = "1557989753;1557996953";

  it("GET list with states", async () => {
    const parts = signParts({
      ...DOC,
      method: "GET",
      path: "/inventorytriggerjob",
      query: { size: "10", states: "Running,Success", type: "Job" },
      headers: { host: CI_HOST },
      keyTime,
    });
    expect(parts.httpString).toBe(
      `get\n/inventorytriggerjob\nsize=10&states=Running%2CSuccess&type=Job\nhost=${CI_HOST}\n`,
    );
    expect(parts.urlParamList).toBe("size;states;type");
    expect(await sha1(parts.httpString)).toBe("6cda027960a79d21f06f21fd02cfb64020a15890");
    expect(parts.stringToSign).toBe(`sha1\n${keyTime}\n6cda027960a79d21f06f21fd02cfb64020a15890\n`);
    expect(parts.signature).toBe("077f90df51c26ff17b37be77b429a56767a2ddf1");
  });

  it("PUT cancel signs `cancel=`", () => {
    const parts = signParts({
      ...DOC,
      method: "PUT",
      path: "/inventorytriggerjob/b3deffea2f84911ec9cb15254008618d9",
      query: { cancel: "" },
      headers: { host: CI_HOST },
      keyTime,
    });
    expect(parts.httpString).toBe(
      `put\n/inventorytriggerjob/b3deffea2f84911ec9cb15254008618d9\ncancel=\nhost=${CI_HOST}\n`,
    );
    expect(parts.urlParamList).toBe("cancel");
    expect(parts.signature).toBe("b9f076883f265ef0e5b21fba677a9e0856fba52c");
  });

  it("POST trigger signs content-length, content-type and host", () => {
    const body = "<Request><Name>demo</Name></Request>";
    expect(Buffer.byteLength(body)).toBe(36);
    const parts = signParts({
      ...DOC,
      method: "POST",
      path: "/inventorytriggerjob",
      headers: { host: CI_HOST, "content-type": "application/xml", "content-length": "36" },
      keyTime,
    });
    expect(parts.httpString).toBe(
      `post\n/inventorytriggerjob\n\ncontent-length=36&content-type=application%2Fxml&host=${CI_HOST}\n`,
    );
    expect(parts.headerList).toBe("content-length;content-type;host");
    expect(parts.signature).toBe("7c7ec8056adaa9d114ecc88dd4c089a0882e8910");
  });

  it("the SDK oracle gives the same three signatures", () => {
    const base = { SecretId: DOC.secretId, SecretKey: DOC.secretKey, KeyTime: keyTime };
    expect(
      COS.getAuthorization({
        ...base,
        Method: "GET",
        Pathname: "/inventorytriggerjob",
        Query: { size: "10", states: "Running,Success", type: "Job" },
        Headers: { Host: CI_HOST },
      }),
    ).toContain("q-signature=077f90df51c26ff17b37be77b429a56767a2ddf1");
    expect(
      COS.getAuthorization({
        ...base,
        Method: "PUT",
        Pathname: "/inventorytriggerjob/b3deffea2f84911ec9cb15254008618d9",
        Query: { cancel: "" },
        Headers: { Host: CI_HOST },
      }),
    ).toContain("q-signature=b9f076883f265ef0e5b21fba677a9e0856fba52c");
    expect(
      COS.getAuthorization({
        ...base,
        Method: "POST",
        Pathname: "/inventorytriggerjob",
        Headers: { Host: CI_HOST, "Content-Type": "application/xml", "Content-Length": "36" },
      }),
    ).toContain("q-signature=7c7ec8056adaa9d114ecc88dd4c089a0882e8910");
  });
});

describe("what the installed SDK signs (recorded, since docs/ci-api.md §2.3 describes an older commit)", () => {
  it("signs content-type and cache-control but drops date and user-agent", () => {
    const auth = COS.getAuthorization({
      SecretId: DOC.secretId,
      SecretKey: DOC.secretKey,
      Pathname: "/",
      KeyTime: "1;2",
      Headers: {
        Host: CI_HOST,
        "Content-Type": "application/xml",
        "Cache-Control": "no-cache",
        Date: "x",
        "User-Agent": "y",
      },
    });
    expect(parseAuthorization(auth)?.headerList).toEqual(["cache-control", "content-type", "host"]);
  });
});

describe("property: same Authorization as COS.getAuthorization (SDK 3.0.0)", () => {
  /** Plain keys only (docs/ci-api.md §2.3: SDK and doc sort differently when encoding changes a key). */
  const plainKey = fc.stringMatching(/^[a-z][a-z0-9_.-]{0,11}$/);
  /** Unicode without lone surrogates (encodeURIComponent rejects those, and so would any HTTP client). */
  const anyText = fc.string({ unit: "grapheme", maxLength: 24 });
  const SDK_SIGNED = [
    "content-type",
    "content-length",
    "content-md5",
    "cache-control",
    "range",
    "origin",
    "x-ci-meta",
    "x-cos-acl",
  ] as const;
  const unsignedBySdk = fc.dictionary(fc.constantFrom("Date", "User-Agent", "Accept", "Authorization"), anyText, {
    maxKeys: 3,
  });

  it("matches on 400 random requests (method, unicode path, query, headers, key time)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("get", "put", "post", "delete", "head"),
        anyText.map((s) => "/" + s),
        fc.uniqueArray(fc.tuple(plainKey, anyText), { selector: ([k]) => k, maxLength: 6 }),
        fc.uniqueArray(fc.tuple(fc.constantFrom(...SDK_SIGNED), anyText), { selector: ([k]) => k, maxLength: 5 }),
        unsignedBySdk,
        fc.integer({ min: 0, max: 2_000_000_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.constantFrom("examplebucket-1250000000.ci.ap-beijing.myqcloud.com", "b-1.ci.ap-guangzhou.myqcloud.com"),
        (method, path, queryPairs, headerPairs, extra, start, ttl, host) => {
          const query = Object.fromEntries(queryPairs);
          const signedHeaders = { Host: host, ...Object.fromEntries(headerPairs) };
          const keyTime = `${start};${start + ttl}`;
          const ours = sign({ ...DOC, method, path, query, headers: signedHeaders, keyTime });
          const sdk = COS.getAuthorization({
            SecretId: DOC.secretId,
            SecretKey: DOC.secretKey,
            Method: method,
            Pathname: path,
            Query: query,
            // The SDK silently drops headers it does not sign (Date, User-Agent …); we are given only the signed ones.
            Headers: { ...extra, ...signedHeaders },
            KeyTime: keyTime,
          });
          expect(ours).toBe(sdk);
        },
      ),
      { numRuns: 400 },
    );
  });
});

describe("parseAuthorization", () => {
  it("round-trips what sign produced", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxLength: 4 }),
        fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/), { maxLength: 4 }),
        fc.integer({ min: 0, max: 2_000_000_000 }),
        (qs, hs, start) => {
          const query = Object.fromEntries(qs.map((k) => [k, "v"]));
          const headers = Object.fromEntries(hs.map((k) => [k, "h"]));
          const parts = signParts({
            ...DOC,
            method: "GET",
            path: "/x",
            query,
            headers,
            keyTime: `${start};${start + 60}`,
          });
          const parsed = parseAuthorization(parts.authorization);
          expect(parsed).toEqual({
            algorithm: "sha1",
            secretId: DOC.secretId,
            signTime: `${start};${start + 60}`,
            keyTime: `${start};${start + 60}`,
            headerList: [...hs].sort(),
            urlParamList: [...qs].sort(),
            signature: parts.signature,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it("rejects values with a missing part or a piece without `=`", () => {
    const full = sign({ ...DOC, method: "GET", path: "/", headers: { host: CI_HOST }, keyTime: "1;2" });
    expect(parseAuthorization(full)).not.toBeNull();
    expect(parseAuthorization(full.replace(/&q-signature=[0-9a-f]+/, ""))).toBeNull();
    expect(parseAuthorization(full + "&garbage")).toBeNull();
    expect(parseAuthorization("")).toBeNull();
  });
});

describe("helpers", () => {
  it("camSafeUrlEncode keeps only unreserved characters", () => {
    expect(camSafeUrlEncode("a-b_c.d~e")).toBe("a-b_c.d~e");
    expect(camSafeUrlEncode("!'()* /:;,=?&")).toBe("%21%27%28%29%2A%20%2F%3A%3B%2C%3D%3F%26");
    expect(camSafeUrlEncode("腾")).toBe("%E8%85%BE");
  });

  it("keyTimeNow starts a minute back and ends five minutes ahead", () => {
    expect(keyTimeNow(1_700_000_000_500)).toBe("1699999940;1700000300");
    expect(keyTimeNow(1_700_000_000_000, 60, 0)).toBe("1700000000;1700000060");
  });
});
