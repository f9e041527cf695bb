"use client";
import { useCallback, useSyncExternalStore } from "react";

export const LIVE_INTERVALS = ["auto", 5_000, 10_000, 30_000, 60_000] as const;
export type LiveInterval = (typeof LIVE_INTERVALS)[number];

export interface LiveSettings {
  paused: boolean;
  interval: LiveInterval;
}

export const DEFAULT_LIVE: LiveSettings = { paused: false, interval: "auto" };
const KEY = "ci-console:live-updates";
const EVENT = "ci-console:live-updates";

/** Reads what localStorage holds, trusting nothing: anything unexpected gives the defaults (a hand check, no zod). */
export function parseLiveSettings(raw: string | null): LiveSettings {
  if (!raw) return DEFAULT_LIVE;
  try {
    const v: unknown = JSON.parse(raw);
    if (!v || typeof v !== "object") return DEFAULT_LIVE;
    const { paused, interval } = v as Record<string, unknown>;
    return {
      paused: paused === true,
      interval: (LIVE_INTERVALS as readonly unknown[]).includes(interval) ? (interval as LiveInterval) : "auto",
    };
  } catch {
    return DEFAULT_LIVE;
  }
}

let cachedRaw: string | null | undefined;
let cachedValue: LiveSettings = DEFAULT_LIVE;
// Where the settings live when localStorage is disabled (privacy mode): this page only.
let memory: string | null = null;

function read(): LiveSettings {
  let raw: string | null;
  try {
    raw = window.localStorage.getItem(KEY);
  } catch {
    raw = memory;
  }
  if (raw !== cachedRaw) {
    cachedRaw = raw;
    cachedValue = parseLiveSettings(raw);
  }
  return cachedValue;
}

function subscribe(onChange: () => void) {
  const onStorage = (e: StorageEvent) => e.key === KEY && onChange();
  window.addEventListener("storage", onStorage);
  window.addEventListener(EVENT, onChange);
  return () => {
    window.removeEventListener("storage", onStorage);
    window.removeEventListener(EVENT, onChange);
  };
}

/** Live-update preferences (pause, interval), remembered in this browser and shared between its tabs. */
export function useLiveSettings(): [LiveSettings, (patch: Partial<LiveSettings>) => void] {
  const settings = useSyncExternalStore(subscribe, read, () => DEFAULT_LIVE);
  const update = useCallback((patch: Partial<LiveSettings>) => {
    const next = JSON.stringify({ ...read(), ...patch });
    try {
      window.localStorage.setItem(KEY, next);
    } catch {
      memory = next;
    }
    window.dispatchEvent(new Event(EVENT));
  }, []);
  return [settings, update];
}
