#!/usr/bin/env node
/**
 * Fails when the client bundle or any prerendered page contains the secret used for the build, or the name of a
 * secret variable: proof that no server-only module leaked into what browsers download.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

const canary = process.argv[2];
const needles = [canary, "CI_SECRET_KEY", "CI_SECRET_ID", "CI_SECURITY_TOKEN", "AUTH_PROXY_SECRET"].filter(Boolean);
const roots = [".next/static", ".next/server/app"];
const scanned = { files: 0, bytes: 0 };
const hits = [];

function walk(dir, onlyPages) {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    const p = join(dir, name);
    const st = statSync(p);
    if (st.isDirectory()) walk(p, onlyPages);
    else if (!onlyPages || /\.(html|rsc|body)$/.test(name)) {
      const text = readFileSync(p, "utf8");
      scanned.files++;
      scanned.bytes += st.size;
      for (const n of needles)
        if (text.includes(n)) hits.push(`${p}: contains ${n === canary ? "the build's secret key" : n}`);
    }
  }
}

walk(roots[0], false);
walk(roots[1], true); // prerendered HTML/RSC payloads only: server code may name variables, pages may not
if (scanned.files === 0) {
  console.error("Secret scan: nothing to scan; run `next build` first.");
  process.exit(1);
}
if (hits.length) {
  console.error(`Secret scan FAILED:\n${hits.join("\n")}`);
  process.exit(1);
}
console.log(
  `Secret scan: ${scanned.files} files, ${(scanned.bytes / 1024).toFixed(0)} KiB, no secret or secret name found.`,
);
