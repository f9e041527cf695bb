/** The one database interface the app uses: plain parameterised Postgres SQL, whichever engine runs it. */

/** Runs one statement; `$1, $2, …` placeholders; rows come back as plain objects. */
export interface DbExecutor {
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
}

export type DbEngine = "pglite" | "postgres";

export interface Db extends DbExecutor {
  readonly engine: DbEngine;
  /**
   * Runs `fn` in one transaction (committed when it resolves, rolled back when it throws). Inside, use `tx` only:
   * on PGlite the outer `query` waits for the transaction to end, so calling it from `fn` would never return.
   */
  transaction<T>(fn: (tx: DbExecutor) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
