"use client";
/**
 * The trigger wizard: five steps over one react-hook-form. Next checks only the current step's fields (the shared
 * schema's issues, filtered by step); Back keeps everything; Review shows the exact request and sends it once.
 */
import dynamic from "next/dynamic";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { FormProvider, useForm, useFormState, type Resolver } from "react-hook-form";
import { toast } from "@/components/ui/toast";
import { emptyWizardValues, WIZARD_STEPS, type WizardStep, type WizardValues } from "@/lib/jobs/draft";
import { requestFingerprint } from "@/lib/jobs/draft-request";
import { diffRequests } from "@/lib/jobs/request-diff";
import { requestGuardrails } from "@/lib/jobs/request-guardrails";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import { newIdempotencyKey } from "./idempotency-key";
import { loadValidation, prefetchWizardCode } from "./lazy-modules";
import { SourceJobProblem } from "./source-job-problem";
import { StepErrorSummary } from "./step-error-summary";
import { StepIndicator } from "./step-indicator";
import { BasicsStep, type BucketTarget } from "./steps/basics-step";
import { InputStep } from "./steps/input-step";
import { useSourceJob } from "./use-source-job";
import { useSubmitTrigger } from "./use-submit-trigger";
import { useWizardDraft } from "./use-wizard-draft";
import { useWizardFocus } from "./use-wizard-focus";
import { WizardActions } from "./wizard-actions";
import { DroppedElementsNotice, RestoredDraftNotice } from "./wizard-notices";
import { flattenErrors, stepOfPath, STEP_PATHS, type Issue } from "./wizard-paths";

// Steps 3–5 need the Tag registry and the XML codec: loaded with the step, not with the page.
const stepLoading = () => <p role="status">Loading this step…</p>;
const OperationStep = dynamic(() => import("./steps/operation-step").then((m) => m.OperationStep), {
  loading: stepLoading,
});
const OutputStep = dynamic(() => import("./steps/output-step").then((m) => m.OutputStep), { loading: stepLoading });
const ReviewStep = dynamic(() => import("./steps/review-step").then((m) => m.ReviewStep), { loading: stepLoading });

/** The shared schema's resolver, fetched with the validation module the first time react-hook-form asks. */
const lazyResolver: Resolver<WizardValues, unknown, TriggerRequest> = async (values, context, options) =>
  (await loadValidation()).wizardResolver(values, context, options);

const checkWizard = async (values: WizardValues) => (await loadValidation()).checkWizard(values);

export interface TriggerWizardProps {
  buckets: readonly BucketTarget[];
  canTrigger: boolean;
  /** Job to duplicate (`?from=`). */
  from?: string;
  /** Bucket from the URL (`?bucket=`), already checked against the configured ones by the page. */
  bucket?: string;
}

export function TriggerWizard({ buckets, canTrigger, from, bucket: urlBucket }: TriggerWizardProps) {
  const target = buckets.find((b) => b.bucket === urlBucket) ?? buckets[0];
  const form = useForm<WizardValues, unknown, TriggerRequest>({
    defaultValues: emptyWizardValues(target),
    resolver: lazyResolver,
    mode: "onSubmit",
    reValidateMode: "onChange",
    shouldFocusError: false, // the wizard moves focus itself, after switching to the step that has the error
  });

  const { source, error: sourceError } = useSourceJob(from, urlBucket ?? null);
  const draft = useWizardDraft({ form, from, target, source });
  const { step, setStep, idempotency, setIdempotency } = draft;

  const [review, setReview] = useState<TriggerRequest | null>(null);
  const [acknowledged, setAcknowledged] = useState(false);
  const attempted = useRef(new Set<WizardStep>());
  const { headingRef, formRef, stepChanged, focusFirstError } = useWizardFocus(step);

  const type = form.watch("Type");
  const skipped: WizardStep[] = type === "Workflow" ? [3] : [];
  const { errors } = useFormState({ control: form.control });
  const allIssues = flattenErrors(errors);
  const stepIssues = allIssues.filter((i) => stepOfPath(i.path) === step);
  const errorSteps = [...new Set(allIssues.map((i) => stepOfPath(i.path)))];
  const bucket = form.watch("bucket") || target?.bucket || "";

  /** Replaces the errors of the given steps with these issues (parents first, so group messages and children coexist). */
  function applyIssues(issues: readonly Issue[], steps: readonly WizardStep[]) {
    for (const s of steps) form.clearErrors(STEP_PATHS[s] as never);
    const sorted = [...issues].sort((a, b) => a.path.split(".").length - b.path.split(".").length);
    for (const i of sorted) form.setError(i.path as never, { type: "schema", message: i.message });
  }

  async function validateStep(s: WizardStep, focus: boolean): Promise<boolean> {
    const check = await checkWizard(form.getValues());
    const issues = check.ok ? [] : check.issues.filter((i) => stepOfPath(i.path) === s);
    applyIssues(issues, [s]);
    if (issues.length && focus) focusFirstError();
    return issues.length === 0;
  }

  /** After a failed Next, the step re-checks itself as the person types, so errors disappear when fixed. */
  useEffect(() => {
    if (!draft.ready) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const sub = form.watch(() => {
      if (!attempted.current.has(step) || step === 4) return;
      clearTimeout(timer);
      timer = setTimeout(() => void validateStep(step, false), 200);
    });
    return () => {
      sub.unsubscribe();
      clearTimeout(timer);
    };
    // Re-subscribed when the step changes, not on every render: `form` is stable and `validateStep` reads the
    // current state when the timer fires.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft.ready, step]);

  /** Jumps to the step of the first issue and focuses it. */
  function showIssues(issues: readonly Issue[]) {
    if (issues.length === 0) return;
    applyIssues(issues, [0, 1, 2, 3, 4]);
    const first = Math.min(...issues.map((i) => stepOfPath(i.path))) as WizardStep;
    for (const i of issues) attempted.current.add(stepOfPath(i.path));
    setStep(first);
    focusFirstError();
  }

  /** Checks everything, then fixes the request and its Idempotency-Key for Review. */
  async function prepareReview(): Promise<boolean> {
    const values = form.getValues();
    const check = await checkWizard(values);
    if (!check.ok) {
      showIssues(check.issues);
      return false;
    }
    const fingerprint = requestFingerprint({ bucket: values.bucket, request: check.request });
    // Same request as when the key was made (e.g. after a reload): keep the key, so a resubmit cannot create a second job.
    if (idempotency?.fingerprint !== fingerprint) {
      setIdempotency({ key: newIdempotencyKey(), fingerprint });
      setAcknowledged(false);
    }
    setReview(check.request);
    return true;
  }

  // A draft restored on Review needs its request rebuilt.
  useEffect(() => {
    if (draft.ready && step === 4 && !review) void prepareReview();
    // Once per arrival on Review: `review` is what prepareReview sets, so listing it would run it again.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [draft.ready, step]);

  function goTo(s: WizardStep) {
    stepChanged.current = true;
    setStep(s);
  }

  async function next() {
    if (!(await validateStep(step, true))) {
      attempted.current.add(step);
      return;
    }
    const to = (step === 2 && form.getValues("Type") === "Workflow" ? 4 : step + 1) as WizardStep;
    if (to === 4) {
      setProblem(null);
      if (!(await prepareReview())) return;
    }
    goTo(to);
  }

  function back() {
    goTo((step === 4 && form.getValues("Type") === "Workflow" ? 2 : step - 1) as WizardStep);
  }

  const submitter = useSubmitTrigger({
    defaultBucket: buckets[0]?.bucket,
    onCreated: draft.finish,
    onFieldIssues: showIssues,
  });
  const { pending, problem, setProblem } = submitter;
  const guardrails = review ? requestGuardrails(review, bucket) : [];
  const changes = source && review ? diffRequests(source.request, review) : null;
  const canSubmit = canTrigger && !!review && !pending && (guardrails.length === 0 || acknowledged);

  async function submit() {
    if (!canSubmit || !idempotency) return;
    const values = form.getValues();
    await submitter.guard(async () => {
      let created = false;
      await form.handleSubmit(
        async (request) => {
          created = await submitter.send(request, values, idempotency.key);
        },
        (errs) => showIssues(flattenErrors(errs)),
      )();
      return created;
    });
  }

  function discard() {
    draft.discard();
    setReview(null);
    setProblem(null);
    setAcknowledged(false);
    form.clearErrors();
    attempted.current = new Set();
    toast.message("Draft discarded");
    headingRef.current?.focus();
  }

  function onFormSubmit(e: FormEvent) {
    e.preventDefault();
    if (step < 4) void next();
    else void submit();
  }

  if (from && !draft.ready) {
    if (sourceError) return <SourceJobProblem from={from} error={sourceError} />;
    return <p role="status">Loading job {from}…</p>;
  }
  if (!draft.ready) return <p role="status">Preparing the form…</p>;

  return (
    <FormProvider {...form}>
      <div className="space-y-4" onFocusCapture={prefetchWizardCode} onPointerDownCapture={prefetchWizardCode}>
        <StepIndicator current={step} skipped={skipped} errorSteps={errorSteps} onGo={goTo} />
        {draft.restoredAt && <RestoredDraftNotice restoredAt={draft.restoredAt} onDiscard={discard} />}
        {from && source && source.dropped.length > 0 && step !== 4 && (
          <DroppedElementsNotice from={from} dropped={source.dropped} />
        )}
        <form
          ref={formRef}
          onSubmit={onFormSubmit}
          noValidate
          aria-labelledby="wizard-step-heading"
          className="space-y-4"
        >
          <h2
            id="wizard-step-heading"
            ref={headingRef}
            tabIndex={-1}
            className="text-xl font-semibold focus:outline-none"
          >
            Step {step + 1} of {WIZARD_STEPS.length}: {WIZARD_STEPS[step]}
          </h2>
          <StepErrorSummary issues={stepIssues} fallbackFocus={headingRef} />
          {step === 0 && <BasicsStep buckets={buckets} />}
          {step === 1 && <InputStep />}
          {step === 2 && <OperationStep />}
          {step === 3 && <OutputStep />}
          {step === 4 && (
            <ReviewStep
              request={review}
              bucket={bucket}
              changes={changes}
              dropped={source?.dropped ?? []}
              guardrails={guardrails}
              acknowledged={acknowledged}
              onAcknowledge={setAcknowledged}
              problem={problem}
              canTrigger={canTrigger}
            />
          )}
          <WizardActions
            step={step}
            type={type}
            pending={pending}
            canSubmit={canSubmit}
            needsAck={guardrails.length > 0 && !acknowledged}
            onBack={back}
          />
        </form>
      </div>
    </FormProvider>
  );
}
