"use client";
/**
 * The toast viewport, loaded on first use. sonner weighs ~10 kB gzip and only the wizard raises toasts, so the root
 * layout renders this placeholder instead of sonner's Toaster: pages that never toast never download sonner (see
 * bench/budgets.json). It lives in the root layout, not the wizard, so a toast raised just before a navigation (the
 * "Job created" one) survives the page change. sonner replays toasts raised before its Toaster subscribed.
 */
import { useEffect, useState, type ComponentType } from "react";
import type { ToasterProps } from "sonner";

let wanted = false;
const waiting = new Set<() => void>();

/** Asks the root layout to load and mount the Toaster (idempotent). Called by `toast` in ./toast. */
export function requestToaster() {
  if (wanted) return;
  wanted = true;
  for (const wake of waiting) wake();
  waiting.clear();
}

export function LazyToaster() {
  const [Toaster, setToaster] = useState<ComponentType<ToasterProps> | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => {
      void import("sonner").then((m) => {
        if (live) setToaster(() => m.Toaster);
      });
    };
    if (wanted) load();
    else waiting.add(load);
    return () => {
      live = false;
      waiting.delete(load);
    };
  }, []);
  return Toaster ? <Toaster position="bottom-right" richColors closeButton /> : null;
}
