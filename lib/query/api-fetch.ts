/** Browser-side calls to our own JSON routes. Errors arrive as `{ error: { code, message, requestId?, fields? } }`. */
import type { ErrorCode } from "@/lib/jobs/error-codes";
import { SERVER_TIME_HEADER } from "@/lib/jobs/poll-schedule";
import { noteServerTime } from "./server-clock";

export interface ApiFieldError {
  path: string;
  message: string;
}

export interface ApiErrorBody {
  code: ErrorCode;
  message: string;
  requestId?: string;
  fields?: ApiFieldError[];
  retryable?: boolean;
  outcomeUnknown?: boolean;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly requestId?: string;
  readonly fields?: ApiFieldError[];
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(status: number, body: ApiErrorBody) {
    super(body.message);
    this.name = "ApiError";
    this.status = status;
    this.code = body.code;
    this.requestId = body.requestId;
    this.fields = body.fields;
    this.retryable = body.retryable ?? status >= 500;
    this.outcomeUnknown = body.outcomeUnknown ?? false;
  }
}

/** fetch + JSON + our error shape. A network failure becomes ApiError code `NetworkError`. */
export async function apiFetch<T>(path: string, init?: RequestInit & { json?: unknown }): Promise<T> {
  const { json, headers, ...rest } = init ?? {};
  let res: Response;
  const sentAt = Date.now();
  try {
    res = await fetch(path, {
      ...rest,
      headers: {
        Accept: "application/json",
        ...(json !== undefined ? { "Content-Type": "application/json" } : {}),
        ...headers,
      },
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  } catch {
    throw new ApiError(0, {
      code: "NetworkError",
      message: "Could not reach the dashboard server. Check your connection.",
      retryable: true,
    });
  }
  noteServerTime(res.headers.get(SERVER_TIME_HEADER), sentAt, Date.now());
  const text = await res.text();
  let body: unknown = undefined;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    /* not JSON: handled below */
  }
  if (!res.ok) {
    const err = (body as { error?: ApiErrorBody } | undefined)?.error;
    throw new ApiError(res.status, err ?? { code: `HTTP${res.status}`, message: `The server answered ${res.status}.` });
  }
  return body as T;
}
