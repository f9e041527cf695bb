/**
 * ESLint rule: a client component ("use client") never imports a module that starts with `import "server-only"`,
 * directly or through other modules of ours. Next would fail the build for it too, but only at build time and with
 * the chain hidden; this names the import at fault while you type. Type-only imports are fine (erased).
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), "../..");
const EXTENSIONS = [".ts", ".tsx", ".mts", ".js", ".mjs", "/index.ts", "/index.tsx"];
const SERVER_ONLY = /^\s*import\s+["']server-only["']/m;
const IMPORT_FROM = /^\s*(?:import|export)\s+(?!type\b)(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']/gm;

/** Our file an import specifier names ("@/…" or relative), or null for a package. */
function resolveOurs(specifier, fromFile) {
  let base;
  if (specifier.startsWith("@/")) base = path.join(ROOT, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(fromFile), specifier);
  else return null;
  if (existsSync(base) && statSync(base).isFile()) return base;
  for (const ext of EXTENSIONS) if (existsSync(base + ext)) return base + ext;
  return null;
}

const cache = new Map();
/** The chain of our modules from `file` to one that is server-only (empty when none), following value imports. */
function serverOnlyChain(file, seen = new Set()) {
  if (cache.has(file)) return cache.get(file);
  if (seen.has(file)) return [];
  seen.add(file);
  const text = readFileSync(file, "utf8");
  let chain = [];
  if (SERVER_ONLY.test(text)) chain = [file];
  else {
    for (const m of text.matchAll(IMPORT_FROM)) {
      const target = resolveOurs(m[1], file);
      if (!target) continue;
      const rest = serverOnlyChain(target, seen);
      if (rest.length) {
        chain = [file, ...rest];
        break;
      }
    }
  }
  cache.set(file, chain);
  return chain;
}

const isClientModule = (program) =>
  program.body.some((s) => s.type === "ExpressionStatement" && s.directive === "use client");

export const serverOnlyBoundary = {
  meta: {
    type: "problem",
    docs: { description: 'Client components ("use client") must not import server-only modules' },
    schema: [],
    messages: { serverOnly: 'A "use client" module must not import server-only code: {{chain}}' },
  },
  create(context) {
    const filename = context.filename;
    let client = false;
    return {
      Program(node) {
        client = isClientModule(node);
        cache.clear(); // files may have changed since the last lint (editor sessions)
      },
      ImportDeclaration(node) {
        if (!client || node.importKind === "type") return;
        if (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type")) return;
        const target = resolveOurs(node.source.value, filename);
        if (!target) return;
        const chain = serverOnlyChain(target);
        if (chain.length) {
          context.report({
            node,
            messageId: "serverOnly",
            data: { chain: chain.map((f) => path.relative(ROOT, f)).join(" → ") },
          });
        }
      },
    };
  },
};

const plugin = { rules: { "server-only-boundary": serverOnlyBoundary } };

export default plugin;
