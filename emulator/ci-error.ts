/** A CI-style failure: thrown anywhere in request handling, written out as CI's `<Error>` document. */
export class CiFault extends Error {
  readonly status: number;
  readonly code: string;
  /** For the admin API only (never sent to the client): e.g. the HttpString the emulator signed. */
  readonly diagnostic?: string;

  constructor(status: number, code: string, message: string, diagnostic?: string) {
    super(message);
    this.name = "CiFault";
    this.status = status;
    this.code = code;
    this.diagnostic = diagnostic;
  }
}

/** 400 InvalidArgument, the code CI uses for any bad parameter. */
export const invalidArgument = (message: string) => new CiFault(400, "InvalidArgument", message);
