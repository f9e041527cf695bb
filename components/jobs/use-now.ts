"use client";
import { useSyncExternalStore } from "react";

// One shared one-second clock for every relative time on the page, ticking only while something listens.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribe(listener: () => void) {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/**
 * The current time in ms, updated every second. During server rendering and hydration it is `serverNow` (e.g. the
 * moment the data was fetched), so that the HTML the server sent and the browser's first render agree.
 */
export function useNow(serverNow: number): number {
  return useSyncExternalStore(
    subscribe,
    () => now,
    () => serverNow,
  );
}

const noop = () => () => {};
/** False during server rendering and hydration, true afterwards (for output that depends on the browser's zone). */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noop,
    () => true,
    () => false,
  );
}
