/**
 * COS object URLs, the lines of an `Input.UrlFile` (docs/ci-api.md §8.3): `https://<bucket>.cos.<region>.myqcloud.com/<key>`
 * with each path segment percent-encoded, so keys with spaces, `+`, `&` or Chinese characters survive a text line.
 */
export const cosHostName = (bucket: string, region: string) => `${bucket}.cos.${region}.myqcloud.com`;

export function objectUrl(bucket: string, region: string, key: string): string {
  return `https://${cosHostName(bucket, region)}/${key.split("/").map(encodeURIComponent).join("/")}`;
}

/**
 * The key a URL line names, when it is an object URL of this bucket (http or https, any case of the host);
 * null for anything else (a foreign bucket, not a URL, bad percent-encoding).
 */
export function keyFromObjectUrl(line: string, bucket: string, region: string): string | null {
  const m = /^https?:\/\/([^/?#\s]+)\/([^?#]*)$/i.exec(line.trim());
  if (!m || m[1]!.toLowerCase() !== cosHostName(bucket, region)) return null;
  try {
    const key = decodeURIComponent(m[2]!);
    return key === "" ? null : key;
  } catch {
    return null;
  }
}
