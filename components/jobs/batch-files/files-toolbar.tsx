"use client";
import { useState, type FormEvent } from "react";
import { Button } from "@/components/ui/button";
import { FILE_STATES } from "@/lib/jobs/batch-files";

const STATE_LABELS: Record<string, string> = { Pause: "Paused", Cancel: "Cancelled" };

/** Filter by one state, or find one file by its exact object key (CI matches the whole key, not a part of it). */
export function FilesToolbar({
  state,
  object,
  onState,
  onObject,
}: {
  state: string;
  object: string;
  onState: (state: string) => void;
  onObject: (object: string) => void;
}) {
  const [draft, setDraft] = useState(object);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onObject(draft.trim());
  };
  return (
    <div className="flex flex-wrap items-end gap-3">
      <label className="flex flex-col gap-1 text-sm font-medium text-slate-800">
        State
        <select
          value={state}
          onChange={(e) => onState(e.target.value)}
          className="h-9 rounded-md border border-slate-300 bg-white px-2 text-sm font-normal"
        >
          <option value="">All states</option>
          {FILE_STATES.map((s) => (
            <option key={s} value={s}>
              {STATE_LABELS[s] ?? s}
            </option>
          ))}
        </select>
      </label>
      <form
        role="search"
        aria-label="Find a file"
        onSubmit={submit}
        className="flex min-w-0 flex-1 flex-wrap items-end gap-2"
      >
        <label className="flex min-w-[12rem] flex-1 flex-col gap-1 text-sm font-medium text-slate-800">
          Find a file by its exact key
          <input
            type="search"
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            placeholder="media/batch-250/clip-001.mp4"
            className="h-9 rounded-md border border-slate-300 px-2 font-mono text-sm font-normal"
          />
        </label>
        <Button type="submit" size="sm" className="h-9">
          Find
        </Button>
        {object && (
          <Button
            size="sm"
            variant="ghost"
            className="h-9"
            onClick={() => {
              setDraft("");
              onObject("");
            }}
          >
            Show all
          </Button>
        )}
      </form>
    </div>
  );
}
