"use client";
import { useSyncExternalStore } from "react";
import { readWatchList, subscribeWatchList } from "@/lib/jobs/watch-list";

let cachedKey = "";
let cached: readonly string[] = [];
const EMPTY: readonly string[] = [];

function snapshot(): readonly string[] {
  const list = readWatchList();
  const key = list.join(",");
  if (key !== cachedKey) {
    cachedKey = key;
    cached = list;
  }
  return cached;
}

/** The JobIds this browser watches (empty during server rendering). */
export function useWatchList(): readonly string[] {
  return useSyncExternalStore(subscribeWatchList, snapshot, () => EMPTY);
}
