import { CiFault } from "../ci-error";
import type { CiResult } from "../types";
export function handleListExecutions(): CiResult { throw new CiFault(404, "InvalidUrl", "not yet"); }
export function handleDescribeExecution(): CiResult { throw new CiFault(404, "InvalidUrl", "not yet"); }
