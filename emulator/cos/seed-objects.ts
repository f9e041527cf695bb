/**
 * The objects a bucket starts with (documented in emulator/README.md, "COS"): fixed prefixes from 1 to 20,000
 * objects for trying previews, batches and paging, keys that are hard to encode, a URL list and an inventory manifest,
 * plus every Prefix / Object / UrlFile / Manifest the seeded batch jobs name, so their files exist too. Everything is a
 * pure function of the seed and the bucket; the big prefixes are generated only as far as they are read.
 */
import { gzipSync } from "node:zlib";
import type { JobRecord } from "../store/job-record";
import { hash32, hashHex } from "./key-order";
import { generatedPrefix, listSource, type CosObject, type ObjectSource } from "./object-source";
import { objectUrl } from "./object-url";

/** Seeded dates are fixed instants (not "now"), so TimeInterval tests can rely on them. */
const FROM = Date.parse("2025-06-01T00:00:00Z");
const TO = Date.parse("2026-10-31T00:00:00Z");
const MB = 1024 * 1024;

/** The fixed prefixes: [prefix, count, stem, first date, last date]. */
export const SEEDED_PREFIXES = [
  { prefix: "media/one/", count: 1, stem: "keynote" },
  { prefix: "media/small/", count: 12, stem: "clip" },
  {
    prefix: "media/batch-250/",
    count: 250,
    stem: "clip",
    from: Date.parse("2026-01-01T00:00:00Z"),
    to: Date.parse("2026-06-30T00:00:00Z"),
  },
  { prefix: "media/batch-10k/", count: 10_000, stem: "clip" },
  { prefix: "media/batch-20k/", count: 20_000, stem: "clip" },
] as const;

/** Keys that break naive encoders: space, `+`, `&`, `%`, `=`, Chinese, an emoji (4 UTF-8 bytes), and one that fails. */
export const TRICKY_KEYS = [
  "media/tricky/holiday clip 01.mp4",
  "media/tricky/a+b=c.mp4",
  "media/tricky/rock & roll.mp4",
  "media/tricky/100% done.mp4",
  "media/tricky/春节联欢晚会.mp4",
  "media/tricky/🎬 premiere.mp4",
  "media/tricky/fail-corrupt-upload.mp4",
] as const;

/** 20 objects of which the ones with `fail` in their name always fail (plus any the per-key draw fails). */
export const MIXED_KEYS = Array.from(
  { length: 20 },
  (_, i) => `media/mixed/clip-${String(i + 1).padStart(2, "0")}${(i + 1) % 5 === 0 ? "-fail" : ""}.mp4`,
);

export const SAMPLE_URL_FILE = "lists/sample-urls.txt";
export const SAMPLE_MANIFEST = "inventory/media-daily/20261101/manifest.json";

const etagOf = (key: string) =>
  (hashHex(key) + hashHex(`${key}#1`) + hashHex(`${key}#2`) + hashHex(`${key}#3`)).slice(0, 32);

function metaObject(key: string, salt: string): CosObject {
  const h = hash32(`${salt}|${key}`);
  return {
    key,
    size: 200 * 1024 + (h % (400 * MB)),
    lastModified: FROM + (hash32(`${key}|${salt}`) % Math.floor((TO - FROM) / 1000)) * 1000,
    etag: etagOf(key),
  };
}

function contentObject(key: string, lastModified: number, contentType: string, make: () => Buffer): CosObject {
  let cached: Buffer | null = null;
  const content = () => (cached ??= make());
  return {
    key,
    lastModified,
    contentType,
    content,
    get size() {
      return content().length;
    },
    get etag() {
      return etagOf(content().toString("base64"));
    },
  };
}

/** A URL list object (one COS URL per line, `Input.UrlFile`). */
function urlFileObject(key: string, bucket: string, region: string, keys: readonly string[]): CosObject {
  return contentObject(key, TO, "text/plain", () =>
    Buffer.from(keys.map((k) => objectUrl(bucket, region, k)).join("\n") + "\n"),
  );
}

/**
 * A COS inventory report: `manifest.json` naming one gzipped CSV data file (Bucket, Key URL-encoded, Size,
 * LastModifiedDate, ETag, StorageClass), the layout COS inventory writes. Returns both objects.
 */
function manifestObjects(manifestKey: string, bucket: string, objects: readonly CosObject[]): CosObject[] {
  const dataKey = manifestKey.replace(/manifest\.json$/, "") + "data/part-00000.csv.gz";
  const csv = () =>
    objects
      .map((o) =>
        [
          bucket,
          encodeURIComponent(o.key),
          String(o.size),
          new Date(o.lastModified).toISOString(),
          `"${o.etag}"`,
          "STANDARD",
        ]
          .map((v) => `"${v.replace(/"/g, '""')}"`)
          .join(","),
      )
      .join("\n") + "\n";
  const data = contentObject(dataKey, TO, "application/x-gzip", () => gzipSync(Buffer.from(csv())));
  const manifest = contentObject(manifestKey, TO, "application/json", () =>
    Buffer.from(
      JSON.stringify(
        {
          sourceBucket: bucket,
          destinationBucket: `qcs::cos:::${bucket}`,
          version: "2019-09-24",
          creationTimestamp: String(Math.floor(TO / 1000)),
          fileFormat: "CSV",
          fileSchema: "Bucket, Key, Size, LastModifiedDate, ETag, StorageClass",
          files: [{ key: dataKey, size: data.size, MD5checksum: data.etag }],
        },
        null,
        2,
      ),
    ),
  );
  return [manifest, data];
}

/** Every seeded source of one bucket. `jobs` are its seeded batch jobs, whose inputs must exist too. */
export function seedObjectSources(
  seed: string | number,
  bucket: string,
  region: string,
  jobs: Iterable<JobRecord>,
): ObjectSource[] {
  const salt = `${seed}:${bucket}`;
  const sources: ObjectSource[] = SEEDED_PREFIXES.map((p) =>
    generatedPrefix({
      prefix: p.prefix,
      count: p.count,
      stem: p.stem,
      extensions: ["mp4", "mov", "mkv", "mp4"],
      minSize: 2 * MB,
      maxSize: 900 * MB,
      from: "from" in p ? p.from : FROM,
      to: "to" in p ? p.to : TO,
      salt,
    }),
  );
  const explicit: CosObject[] = [...TRICKY_KEYS, ...MIXED_KEYS].map((k) => metaObject(k, salt));
  const small = sources[1]!;
  const smallObjects = Array.from({ length: small.length }, (_, i) => small.objectAt(i));
  explicit.push(urlFileObject(SAMPLE_URL_FILE, bucket, region, [...smallObjects.map((o) => o.key), ...TRICKY_KEYS]));
  explicit.push(
    ...manifestObjects(SAMPLE_MANIFEST, bucket, [...smallObjects, ...explicit.slice(0, TRICKY_KEYS.length)]),
  );

  // The seeded jobs' own inputs (uploads/2026/campaign/, lists/video-urls-….txt, inventory/…/manifest.json …).
  const prefixes = new Set<string>();
  const others: { kind: "Object" | "UrlFile" | "Manifest"; key: string }[] = [];
  for (const job of jobs) {
    const input = job.input as Record<string, unknown>;
    if (typeof input.Prefix === "string" && input.Prefix) prefixes.add(input.Prefix);
    for (const kind of ["Object", "UrlFile", "Manifest"] as const)
      if (typeof input[kind] === "string" && input[kind]) others.push({ kind, key: input[kind] as string });
  }
  const taken = new Set(explicit.map((o) => o.key));
  const jobPrefixSources = [...prefixes].sort().map((prefix) =>
    generatedPrefix({
      prefix,
      count: 3 + (hash32(`${salt}|${prefix}`) % 58),
      stem: "item",
      extensions: extensionsFor(prefix),
      minSize: 100 * 1024,
      maxSize: 300 * MB,
      from: FROM,
      to: TO,
      salt,
    }),
  );
  for (const { kind, key } of others) {
    if (taken.has(key)) continue;
    taken.add(key);
    if (kind === "Object") explicit.push(metaObject(key, salt));
    else {
      // A URL list or manifest over a few objects of one of the job prefixes (or the small prefix when there is none).
      const from = jobPrefixSources.length ? jobPrefixSources[hash32(key) % jobPrefixSources.length]! : small;
      const picked = Array.from({ length: Math.min(from.length, 4 + (hash32(`${key}#n`) % 12)) }, (_, i) =>
        from.objectAt(i),
      );
      if (kind === "UrlFile")
        explicit.push(
          urlFileObject(
            key,
            bucket,
            region,
            picked.map((o) => o.key),
          ),
        );
      else
        for (const o of manifestObjects(key, bucket, picked)) {
          if (taken.has(o.key) && o.key !== key) continue;
          taken.add(o.key);
          explicit.push(o);
        }
    }
  }
  return [...sources, ...jobPrefixSources, listSource(explicit)];
}

function extensionsFor(prefix: string): readonly string[] {
  if (/audio|podcast|calls/.test(prefix)) return ["mp3", "wav", "m4a"];
  if (/image|photo|banner/.test(prefix)) return ["jpg", "png", "webp"];
  if (/script|tts|ivr/.test(prefix)) return ["txt"];
  return ["mp4", "mov", "mp4"];
}
