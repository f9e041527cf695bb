import "server-only";
import type { CiTarget } from "@/lib/ci/client";
import { getConfig } from "../config";
import { ApiProblem } from "../problem";

/** The configured bucket a request is for (default: the first). Anything else is refused: we never sign for it. */
export function resolveTarget(bucket?: string | null): CiTarget {
  const { buckets } = getConfig();
  if (!bucket) return buckets[0]!;
  const found = buckets.find((b) => b.bucket === bucket);
  if (!found) {
    throw new ApiProblem(
      400,
      "UnknownBucket",
      `bucket: ${bucket.slice(0, 80)} is not one of this dashboard's buckets`,
      {
        fields: [{ path: "bucket", message: "Not a configured bucket" }],
      },
    );
  }
  return found;
}
