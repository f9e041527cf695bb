/** A failed CI call, in terms a person can act on. Never carries a header, a secret or a stack of ours. */
export interface CiErrorInit {
  /** HTTP status CI answered with; 0 when no answer arrived (network error, timeout). */
  status: number;
  /** CI's `<Code>`, or ours: `NetworkError`, `Timeout`, `BadResponse`. */
  code: string;
  message: string;
  requestId?: string;
  traceId?: string;
  /** Repeating the same call may succeed (network, 5xx, SlowDown). */
  retryable: boolean;
  /** For a change (trigger): CI may or may not have acted; do not resend blindly. */
  outcomeUnknown?: boolean;
}

export class CiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly requestId?: string;
  readonly traceId?: string;
  readonly retryable: boolean;
  readonly outcomeUnknown: boolean;

  constructor(init: CiErrorInit) {
    super(init.message);
    this.name = "CiError";
    this.status = init.status;
    this.code = init.code;
    this.requestId = init.requestId;
    this.traceId = init.traceId;
    this.retryable = init.retryable;
    this.outcomeUnknown = init.outcomeUnknown ?? false;
  }

  toJSON() {
    return {
      status: this.status,
      code: this.code,
      message: this.message,
      requestId: this.requestId,
      retryable: this.retryable,
      outcomeUnknown: this.outcomeUnknown,
    };
  }
}

export function isCiError(e: unknown): e is CiError {
  return e instanceof CiError;
}
