/**
 * What a library costs on its own: the exports the dashboard uses, bundled and minified by esbuild with React and
 * Next left out (the app already pays for those), gzip -9. Turbopack's chunks differ in detail, so these are
 * estimates for reasoning about budgets, not a second measurement of the pages.
 */
import { gzipSync } from "node:zlib";
import { build } from "esbuild";
import { ROOT } from "./processes";

export interface LibraryCost {
  label: string;
  gzipBytes: number;
}

/** The imports each page shell or page really makes (kept in step with app/providers.tsx and the jobs screen). */
export const LIBRARY_IMPORTS: { label: string; code: string }[] = [
  {
    label: "@tanstack/react-query: provider + useQuery (every page)",
    code: "export { QueryClient, QueryClientProvider, useQuery, useQueryClient, HydrationBoundary } from '@tanstack/react-query';",
  },
  {
    label: "nuqs: Next adapter + useQueryStates and parsers (/jobs)",
    code: "export { NuqsAdapter } from 'nuqs/adapters/next/app'; export { useQueryStates, parseAsInteger, parseAsString, parseAsStringLiteral } from 'nuqs';",
  },
  { label: "sonner: Toaster + toast (loaded on first toast)", code: "export { Toaster, toast } from 'sonner';" },
  {
    label: "@radix-ui/react-alert-dialog (loaded on first confirmation)",
    code: "export * from '@radix-ui/react-alert-dialog';",
  },
  {
    label: "react-hook-form (/jobs/new; zod comes on top)",
    code: "export { useForm, useWatch, useFormContext, FormProvider, Controller } from 'react-hook-form';",
  },
];

export async function libraryCosts(): Promise<LibraryCost[]> {
  const out: LibraryCost[] = [];
  for (const lib of LIBRARY_IMPORTS) {
    const result = await build({
      stdin: { contents: lib.code, resolveDir: ROOT, loader: "js" },
      bundle: true,
      minify: true,
      format: "esm",
      write: false,
      external: ["react", "react-dom", "react/*", "react-dom/*", "next", "next/*"],
      define: { "process.env.NODE_ENV": '"production"' },
      logLevel: "silent",
    });
    const bytes = result.outputFiles[0]!.contents;
    out.push({ label: lib.label, gzipBytes: gzipSync(bytes, { level: 9 }).length });
  }
  return out;
}
