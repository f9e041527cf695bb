"use client";
import { QueryClientProvider } from "@tanstack/react-query";
import { NuqsAdapter } from "nuqs/adapters/next/app";
import type { ReactNode } from "react";
import { LazyToaster } from "@/components/ui/lazy-toaster";
import { getQueryClient } from "@/lib/query/query-client";

/** Client-side providers: react-query, URL state (nuqs) and the toast viewport (loaded on first toast). */
export function Providers({ children }: { children: ReactNode }) {
  const queryClient = getQueryClient();
  return (
    <QueryClientProvider client={queryClient}>
      <NuqsAdapter>{children}</NuqsAdapter>
      <LazyToaster />
    </QueryClientProvider>
  );
}
