#!/usr/bin/env node
/**
 * Assembles the files of the container image's runtime stage into one fresh folder, from a finished
 * `NEXT_OUTPUT=standalone next build` (next.config.js then sets `output: "standalone"`). The Dockerfile's build stage runs this very script and its runtime stage copies
 * the folder as a whole, so the image and scripts/smoke-standalone.mjs test the same file set by construction.
 *
 *   node scripts/assemble-standalone.mjs <target-folder>     (NEXT_DIST_DIR picks another build folder)
 *
 * Layout (Next 16 docs, next.config.js `output`): `.next/standalone` holds server.js, the traced node_modules and the
 * server part of the build; the browser assets (`.next/static`) and `public/` are deliberately not in it and must
 * be copied beside it, then server.js serves them. The checks below stop the build when the result would not run
 * (PGlite's WebAssembly missing), would carry a dev-only package, or a `.env` file with secrets.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** What the runtime stage contains: [from (repository-relative), to (image-relative)]. */
export function runtimeLayout(distDir = process.env.NEXT_DIST_DIR || ".next") {
  return [
    [`${distDir}/standalone`, "."],
    [`${distDir}/static`, `${distDir}/static`],
    ["public", "public"],
  ];
}

/** Files PGlite loads by path at run time (its WebAssembly and the initial database image). */
export const PGLITE_RUNTIME_FILES = ["pglite.wasm", "pglite.data", "initdb.wasm"].map(
  (f) => `node_modules/@electric-sql/pglite/dist/${f}`,
);

/** Top-level package folders (scoped ones as `@scope/name`) in a node_modules folder. */
function packagesIn(nodeModules) {
  if (!existsSync(nodeModules)) return [];
  return readdirSync(nodeModules).flatMap((name) =>
    name.startsWith("@")
      ? readdirSync(join(nodeModules, name)).map((sub) => `${name}/${sub}`)
      : name.startsWith(".")
        ? []
        : [name],
  );
}

/**
 * Packages needed only for development: package-lock.json marks them `"dev": true`; the direct devDependencies count
 * too, since a few (e.g. @playwright/test, an optional peer of next) are only `devOptional` there.
 */
function devOnlyPackages() {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8"));
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));
  const fromLock = Object.entries(lock.packages ?? {})
    .filter(
      ([path, meta]) => meta.dev && path.startsWith("node_modules/") && !path.slice(13).includes("/node_modules/"),
    )
    .map(([path]) => path.slice("node_modules/".length));
  const direct = Object.keys(pkg.devDependencies ?? {}).filter((name) => !(name in (pkg.dependencies ?? {})));
  return new Set([...fromLock, ...direct]);
}

/** Throws with one line per problem found in an assembled folder. */
export function checkAssembled(target, distDir = process.env.NEXT_DIST_DIR || ".next") {
  const problems = [];
  for (const f of ["server.js", `${distDir}/BUILD_ID`, ...PGLITE_RUNTIME_FILES]) {
    if (!existsSync(join(target, f))) problems.push(`missing ${f}`);
  }
  const devOnly = devOnlyPackages();
  for (const pkg of packagesIn(join(target, "node_modules"))) {
    if (devOnly.has(pkg)) problems.push(`dev-only package in the runtime: ${pkg}`);
  }
  for (const f of readdirSync(target)) if (/^\.env/.test(f)) problems.push(`environment file in the runtime: ${f}`);
  if (problems.length)
    throw new Error(`The standalone folder ${target} is not deployable:\n  ${problems.join("\n  ")}`);
}

/** Copies the runtime layout into `target` (which must not exist or be empty). */
export function assemble(target, distDir = process.env.NEXT_DIST_DIR || ".next") {
  const out = resolve(target);
  if (existsSync(out) && readdirSync(out).length > 0)
    throw new Error(`${out} is not empty: assemble into a fresh folder`);
  if (!existsSync(join(ROOT, distDir, "standalone", "server.js"))) {
    throw new Error(
      `No standalone build in ${distDir}/standalone: run \`NEXT_OUTPUT=standalone npx next build\` (next.config.js)`,
    );
  }
  mkdirSync(out, { recursive: true });
  for (const [from, to] of runtimeLayout(distDir)) {
    // Symlinks stay symlinks: Turbopack links hashed external package names (.next/node_modules) to node_modules.
    // `.env*` files are never copied: configuration comes from the environment at run time, secrets included.
    cpSync(join(ROOT, from), join(out, to), {
      recursive: true,
      verbatimSymlinks: true,
      filter: (src) => !/\/\.env[^/]*$/.test(src),
    });
  }
  // Next's build cache is never part of the runtime. At run time Next would write under .next/cache only for ISR
  // pages, the image optimiser or a cached fetch; this app has none of them (every page is dynamic, CI calls use
  // node:http, not fetch), and scripts/smoke-standalone.mjs checks that nothing is written on a read-only copy.
  rmSync(join(out, distDir, "cache"), { recursive: true, force: true });
  checkAssembled(out, distDir);
  return out;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const target = process.argv[2];
  if (!target) {
    console.error("Usage: node scripts/assemble-standalone.mjs <target-folder>");
    process.exit(2);
  }
  try {
    console.log(`Standalone runtime assembled in ${assemble(target)}`);
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
