// ESLint (flat config): Next.js's recommended rules (core web vitals) and typescript-eslint's recommended rules, plus
// the import directions of docs/architecture.md, so a violation fails `npm test` instead of waiting for a reviewer.
import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import boundaries from "./scripts/eslint/server-only-boundary.mjs";

/** Import directions: app → components → lib/query → lib/jobs; app/api → lib/server → lib/ci → lib/jobs. */
export const IMPORT_ZONES = [
  {
    target: "./lib",
    from: ["./app", "./components"],
    message: "lib/ never imports app/ or components/ (docs/architecture.md).",
  },
  {
    target: "./lib/jobs",
    from: "./",
    except: ["./lib/jobs", "./node_modules"],
    message: "lib/jobs is the shared vocabulary: it imports nothing of ours outside lib/jobs (docs/architecture.md).",
  },
  {
    target: "./lib/ci",
    from: ["./lib/server", "./lib/query"],
    message: "lib/ci sits below lib/server and lib/query (docs/architecture.md).",
  },
  {
    target: "./lib/query",
    from: "./lib/server",
    message: "lib/query runs in the browser: it never imports lib/server (docs/architecture.md).",
  },
];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  {
    plugins: { "ci-console": boundaries },
    rules: {
      "import/no-restricted-paths": ["error", { zones: IMPORT_ZONES }],
      "ci-console/server-only-boundary": "error",
      // eslint-plugin-react-hooks 7 also ships the React Compiler's diagnostics. This app does not run the compiler
      // (next.config.ts), and following them means reshaping components that work: a change of its own, not a lint.
      "react-hooks/purity": "off",
      "react-hooks/refs": "off",
      "react-hooks/set-state-in-effect": "off",
      "react-hooks/immutability": "off",
      "react-hooks/incompatible-library": "off",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "out/**",
    "build/**",
    "next-env.d.ts",
    "data/**",
    "test-results/**",
    "playwright-report/**",
    "blob-report/**",
    "coverage/**",
    "bench/out/**",
  ]),
]);
