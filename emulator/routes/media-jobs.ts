import { CiFault } from "../ci-error";
import type { CiResult } from "../types";
export function handleListMediaJobs(): CiResult { throw new CiFault(404, "InvalidUrl", "not yet"); }
export function handleDescribeMediaJob(): CiResult { throw new CiFault(404, "InvalidUrl", "not yet"); }
