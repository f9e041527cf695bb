"use client";
import Link from "next/link";
import { buildXml } from "@/lib/ci/xml";
import type { CiNames } from "@/lib/jobs/ci-names";
import type { RequestChange } from "@/lib/jobs/request-diff";
import type { Guardrail } from "@/lib/jobs/request-guardrails";
import type { TriggerRequest } from "@/lib/jobs/request-schema";
import type { ApiError } from "@/lib/query/api-fetch";
import { CopyButton } from "@/components/ui/copy-button";
import { previewParamsOf } from "@/lib/query/batch-files";
import { Section } from "../form-controls";
import { InputPreviewPanel } from "../input-preview";
import { Summary, Value } from "./review-summary";
import { useReviewNames } from "./use-review-names";

function Changes({ changes, dropped, names }: { changes: RequestChange[]; dropped: string[]; names: CiNames }) {
  return (
    <Section title="Changes from the source job">
      {changes.length === 0 ? (
        <p className="text-sm text-slate-700">Nothing changed: this request repeats the source job exactly.</p>
      ) : (
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Changed elements</caption>
          <thead>
            <tr className="border-b border-slate-200">
              <th scope="col" className="py-1 pr-3 font-medium">
                Element
              </th>
              <th scope="col" className="py-1 pr-3 font-medium">
                Source job
              </th>
              <th scope="col" className="py-1 font-medium">
                This request
              </th>
            </tr>
          </thead>
          <tbody>
            {changes.map((c) => (
              <tr key={c.path} className="border-b border-slate-100 align-top" data-change={c.kind}>
                <th scope="row" className="py-1 pr-3 font-mono font-normal">
                  {c.path}
                </th>
                <td className="py-1 pr-3 font-mono">
                  {c.before !== undefined ? (
                    <Value path={c.path} value={c.before} names={names} />
                  ) : (
                    <span className="font-sans italic text-slate-600">not set</span>
                  )}
                </td>
                <td className="py-1 font-mono">
                  {c.after !== undefined ? (
                    <Value path={c.path} value={c.after} names={names} />
                  ) : (
                    <span className="font-sans italic text-slate-600">removed</span>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dropped.length > 0 && (
        <p className="text-sm text-amber-900">
          Not carried over (the form cannot express them): <span className="font-mono">{dropped.join(", ")}</span>
        </p>
      )}
    </Section>
  );
}

export interface SubmitProblem {
  error: ApiError;
  name: string;
}

function SubmitErrorBox({ problem }: { problem: SubmitProblem }) {
  const { error, name } = problem;
  if (error.outcomeUnknown) {
    return (
      <div role="alert" className="rounded-md border border-amber-400 bg-amber-50 px-4 py-3 text-sm text-amber-950">
        <p className="font-semibold">CI may or may not have created the job.</p>
        <p className="mt-1">
          The answer was lost on the way back ({error.code}: {error.message}). Do not submit again before checking:{" "}
          <Link className="font-medium underline" href={`/jobs?name=${encodeURIComponent(name)}`}>
            look for jobs named {name}
          </Link>
          .
        </p>
        {error.requestId && <p className="mt-1 font-mono text-xs">RequestId: {error.requestId}</p>}
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-md border border-red-300 bg-red-50 px-4 py-3 text-sm text-red-950">
      <p className="font-semibold">
        The job was not created: <span className="font-mono">{error.code}</span>
      </p>
      <p className="mt-1">{error.message}</p>
      {error.requestId && <p className="mt-1 font-mono text-xs">RequestId: {error.requestId}</p>}
      <p className="mt-1">Every value is still here: correct it and submit again.</p>
    </div>
  );
}

/** Step 5: the request in words, the exact XML, what changed, warnings, and Submit. */
export function ReviewStep({
  request,
  bucket,
  changes,
  dropped,
  guardrails,
  acknowledged,
  onAcknowledge,
  problem,
  canTrigger,
}: {
  request: TriggerRequest | null;
  bucket: string;
  changes: RequestChange[] | null;
  dropped: string[];
  guardrails: Guardrail[];
  acknowledged: boolean;
  onAcknowledge: (v: boolean) => void;
  problem: SubmitProblem | null;
  canTrigger: boolean;
}) {
  const names = useReviewNames(request, bucket);
  if (!request) return <p className="text-sm text-slate-700">Checking the request…</p>;
  const xml = buildXml("Request", request as unknown as Record<string, unknown>);
  return (
    <div className="space-y-4">
      {problem && <SubmitErrorBox problem={problem} />}
      {!canTrigger && (
        <div role="status" className="rounded-md border border-slate-300 bg-slate-50 px-4 py-3 text-sm">
          Your account may view jobs but not trigger them: Submit is disabled.
        </div>
      )}
      <Section title="Summary">
        <Summary request={request} bucket={bucket} names={names} />
        <InputPreviewPanel params={reviewPreviewParams(request, bucket)} />
      </Section>
      {changes && <Changes changes={changes} dropped={dropped} names={names} />}
      {guardrails.length > 0 && (
        <Section title="Warnings">
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-950">
            {guardrails.map((g) => (
              <li key={`${g.id}:${g.path}`}>{g.message}</li>
            ))}
          </ul>
          <label className="flex items-center gap-2 text-sm font-medium">
            <input
              type="checkbox"
              checked={acknowledged}
              onChange={(e) => onAcknowledge(e.target.checked)}
              className="h-4 w-4"
            />
            I understand, submit anyway
          </label>
        </Section>
      )}
      <Section
        title="Request body"
        description="The XML sent to CI (POST /inventorytriggerjob), indented here for reading; Copy gives the exact bytes."
      >
        <CopyButton value={xml} label="Copy request XML" />
        <div
          role="region"
          aria-label="Request XML"
          tabIndex={0}
          className="max-h-96 overflow-auto rounded-md bg-slate-900 p-3"
        >
          <pre data-xml={xml} className="font-mono text-xs text-slate-50">
            {formatXml(xml)}
          </pre>
        </div>
      </Section>
    </div>
  );
}

/** The input preview of the request as it will be sent (its one input, and the window for a Prefix). */
function reviewPreviewParams(request: TriggerRequest, bucket: string) {
  const [kind, value] = Object.entries(request.Input).find(([, v]) => v) ?? [];
  const ti = request.Operation.TimeInterval;
  return previewParamsOf(bucket, kind, typeof value === "string" ? value : "", ti?.Start, ti?.End);
}

/** Indents the one-line XML for reading (display only; the body sent is the unindented one). */
export function formatXml(xml: string): string {
  let depth = 0;
  return xml
    .replace(/></g, ">\n<")
    .split("\n")
    .map((line) => {
      if (line.startsWith("</")) depth--;
      const out = "  ".repeat(Math.max(depth, 0)) + line;
      if (!line.startsWith("</") && !line.endsWith("/>") && !/<\/[^>]+>$/.test(line)) depth++;
      return out;
    })
    .join("\n");
}
