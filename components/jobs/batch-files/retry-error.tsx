import { Notice } from "@/components/ui/notice";
import { explainRetryError } from "@/lib/jobs/retry-errors";
import { ApiError } from "@/lib/query/api-fetch";

/** A retry refusal in plain words (what it means, what to do), with the server's own message and RequestId. */
export function RetryErrorNotice({ error, action }: { error: unknown; action: "plan" | "start" }) {
  const api = error instanceof ApiError ? error : null;
  const explained = api ? explainRetryError(api.code) : null;
  const title = explained?.title ?? (action === "plan" ? "Could not prepare the retry" : "The retry was not started");
  return (
    <Notice
      tone={explained ? "warning" : "error"}
      role="alert"
      title={title}
      data-testid="retry-error"
      data-code={api?.code ?? "Error"}
    >
      {explained && <p>{explained.advice}</p>}
      <p className={explained ? "mt-1 text-xs" : ""}>
        <strong className="font-mono">{api?.code ?? "Error"}</strong>: {api?.message ?? String(error)}
      </p>
      {api?.requestId && <p className="mt-0.5 font-mono text-xs">RequestId: {api.requestId}</p>}
    </Notice>
  );
}
