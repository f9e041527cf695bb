"use client";
import { useCallback, useEffect, useRef, useState } from "react";

const BASE_TITLE = "Jobs · CI Batch Console";
const COUNT_PREFIX = /^\(\d+\) /;

function looking(): boolean {
  return document.visibilityState === "visible" && document.hasFocus();
}

/**
 * Counts jobs that finished while the person was not looking (tab hidden or window unfocused) and shows the count in
 * the document title, e.g. "(3) Jobs". Polling stops while the tab is hidden, so the poll that runs right after it
 * becomes visible again still counts as "while away". Any interaction with the page resets the count.
 */
export function useFinishedTitle(): (finishedCount: number) => void {
  const [count, setCount] = useState(0);
  const awayRef = useRef(false);

  useEffect(() => {
    const onVisibility = () => {
      if (document.visibilityState === "hidden") awayRef.current = true;
    };
    const onBlur = () => {
      awayRef.current = true;
    };
    const onBack = () => {
      awayRef.current = false;
      setCount(0);
    };
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("blur", onBlur);
    window.addEventListener("pointerdown", onBack);
    window.addEventListener("keydown", onBack);
    return () => {
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("blur", onBlur);
      window.removeEventListener("pointerdown", onBack);
      window.removeEventListener("keydown", onBack);
    };
  }, []);

  useEffect(() => {
    const plain = document.title.replace(COUNT_PREFIX, "") || BASE_TITLE;
    document.title = count > 0 ? `(${count}) ${plain}` : plain;
  }, [count]);
  // Leaving the page must not leave our count on the next page's title.
  useEffect(() => () => void (document.title = document.title.replace(COUNT_PREFIX, "")), []);

  return useCallback((finished: number) => {
    if (finished > 0 && (awayRef.current || !looking())) setCount((c) => c + finished);
  }, []);
}
