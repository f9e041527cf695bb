"use client";
/**
 * The wizard's starting values and their persistence: a saved draft wins (a reload loses nothing), otherwise the
 * duplicated job, otherwise empty values. Once started, every change is saved to sessionStorage (debounced).
 */
import { useEffect, useRef, useState } from "react";
import type { UseFormReturn } from "react-hook-form";
import {
  browserDraftStorage,
  discardDraft,
  draftKey,
  emptyWizardValues,
  readDraftText,
  saveDraft,
  type Draft,
  type WizardStep,
  type WizardValues,
} from "@/lib/jobs/draft";
import { requestToDraft } from "@/lib/jobs/draft-request";
import type { DuplicatedRequest } from "@/lib/jobs/from-job-detail";
import type { TriggerRequest } from "@/lib/jobs/request-schema";

export type Idempotency = NonNullable<Draft["idempotency"]>;

export interface DraftState {
  ready: boolean;
  /** ISO time of the restored draft, when the values came from one. */
  restoredAt: string | null;
  step: WizardStep;
  setStep: (s: WizardStep) => void;
  idempotency: Idempotency | undefined;
  setIdempotency: (i: Idempotency | undefined) => void;
  /** Values the wizard starts from without a draft (empty, or the duplicated job). */
  initialValues: () => WizardValues;
  /** Forget the draft and start again from the initial values. */
  discard: () => void;
  /** Stop saving (after a successful submit, so the draft is not written back while leaving). */
  finish: () => void;
}

export function useWizardDraft({
  form,
  from,
  target,
  source,
}: {
  form: UseFormReturn<WizardValues, unknown, TriggerRequest>;
  from?: string;
  target: { bucket: string; region: string } | undefined;
  /** The duplicated job as a request, once loaded (undefined while loading or without `from`). */
  source: DuplicatedRequest | null | undefined;
}): DraftState {
  const key = draftKey(from);
  const [ready, setReady] = useState(false);
  const [restoredAt, setRestoredAt] = useState<string | null>(null);
  const [step, setStep] = useState<WizardStep>(0);
  const [idempotency, setIdempotency] = useState<Idempotency | undefined>();
  const finished = useRef(false);

  const initialValues = () => (source ? requestToDraft(source.request, target) : emptyWizardValues(target));

  // Start: draft, else the duplicated job (when it has loaded), else empty. Runs after mount: storage is browser-only.
  useEffect(() => {
    if (ready) return;
    let live = true;
    const storage = browserDraftStorage();
    const start = (draft: Draft | null) => {
      if (!live) return;
      if (draft) {
        form.reset(draft.values);
        setStep(draft.step);
        setIdempotency(draft.idempotency);
        setRestoredAt(draft.savedAt);
        setReady(true);
        return;
      }
      if (from && !source) return; // wait for the source job
      form.reset(initialValues());
      setReady(true);
    };
    // The validator (zod) is fetched only when there is a stored draft to check.
    if (readDraftText(storage, key))
      void import("@/lib/jobs/draft-schema").then(({ loadDraft }) => start(loadDraft(storage, key)));
    else start(null);
    return () => {
      live = false;
    };
    // Restores once per draft key (and when the source job arrives): `form`, `from` and `initialValues` are fixed for
    // the wizard's life, and re-running on them would overwrite what the person typed.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, source, key]);

  // Save on every change (debounced) and whenever the step or key changes.
  useEffect(() => {
    if (!ready) return;
    const storage = browserDraftStorage();
    const save = () => {
      if (!finished.current)
        saveDraft(storage, key, { step, values: form.getValues(), idempotency, sourceJobId: from });
    };
    save();
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = form.watch(() => {
      clearTimeout(timer);
      timer = setTimeout(save, 250);
    });
    // A reload or tab close within the debounce must not lose the last keystrokes.
    window.addEventListener("pagehide", save);
    return () => {
      sub.unsubscribe();
      clearTimeout(timer);
      window.removeEventListener("pagehide", save);
    };
  }, [ready, step, idempotency, key, from, form]);

  return {
    ready,
    restoredAt,
    step,
    setStep,
    idempotency,
    setIdempotency,
    initialValues,
    discard: () => {
      discardDraft(browserDraftStorage(), key);
      form.reset(initialValues());
      setStep(0);
      setIdempotency(undefined);
      setRestoredAt(null);
    },
    finish: () => {
      finished.current = true;
      discardDraft(browserDraftStorage(), key);
    },
  };
}
