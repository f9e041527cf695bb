"use client";
import { useEffect, useState } from "react";
import { CheckIcon, CopyIcon } from "./icons";

/** Copies a value to the clipboard and says so (visibly and to screen readers). */
export function CopyButton({ value, label }: { value: string; label: string }) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const t = setTimeout(() => setState("idle"), 1500);
    return () => clearTimeout(t);
  }, [state]);
  return (
    <button
      type="button"
      onClick={() => {
        // No clipboard API (an insecure origin, an old browser): say so rather than pretend.
        if (!navigator.clipboard) return setState("failed");
        navigator.clipboard.writeText(value).then(
          () => setState("copied"),
          () => setState("failed"),
        );
      }}
      aria-label={label}
      title={label}
      className="inline-flex h-6 w-6 shrink-0 items-center justify-center rounded text-slate-600 hover:bg-slate-200 hover:text-slate-950"
    >
      {state === "copied" ? <CheckIcon className="h-3.5 w-3.5 text-green-700" /> : <CopyIcon className="h-3.5 w-3.5" />}
      <span className="sr-only" aria-live="polite">
        {state === "copied" ? "Copied" : state === "failed" ? "Could not copy" : ""}
      </span>
    </button>
  );
}
