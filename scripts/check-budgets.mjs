#!/usr/bin/env node
/**
 * `npm test` step "JavaScript budgets": measures the first-load JavaScript of each page of the production build
 * (NEXT_DIST_DIR, else .next) in Chromium and fails when one exceeds bench/budgets.json. The work is in
 * bench/lib/check-budgets.ts (TypeScript, shared with the page-weight benchmark), run here through tsx.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const r = spawnSync(process.execPath, ["--import", "tsx", "bench/lib/check-budgets.ts"], {
  cwd: root,
  stdio: "inherit",
  env: process.env,
});
process.exit(r.status ?? 1);
