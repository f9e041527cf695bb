import "server-only";
import pg from "pg";
import { quoteIdent } from "./migrate";
import type { Db, DbExecutor } from "./types";

export interface PostgresOptions {
  url: string;
  /** Tables live in this schema (tests use one per run); default `public`. */
  schema?: string;
  max?: number;
}

/** A PostgreSQL server through a small `pg` pool: for several instances sharing one audit log and one key store. */
export function openPostgres(opts: PostgresOptions): Db {
  const schema = opts.schema ?? "public";
  const pool = new pg.Pool({
    connectionString: opts.url,
    max: opts.max ?? 10,
    idleTimeoutMillis: 30_000,
    connectionTimeoutMillis: 10_000,
    // Every connection looks in our schema first; set per connection so pooled clients agree.
    options: schema === "public" ? undefined : `-c search_path=${quoteIdent(schema)},public`,
    application_name: "ci-batch-console",
  });
  // An idle client losing its connection must not crash the server; the next query gets a fresh one.
  pool.on("error", () => {});

  const run = async <T>(client: pg.Pool | pg.PoolClient, sql: string, params?: readonly unknown[]): Promise<T[]> => {
    const result = await client.query(sql, params ? [...params] : undefined);
    return result.rows as T[];
  };

  return {
    engine: "postgres",
    query: (sql, params) => run(pool, sql, params),
    async transaction(fn) {
      const client = await pool.connect();
      let broken: Error | undefined;
      try {
        await client.query("BEGIN");
        const tx: DbExecutor = { query: (sql, params) => run(client, sql, params) };
        const result = await fn(tx);
        await client.query("COMMIT");
        return result;
      } catch (e) {
        try {
          await client.query("ROLLBACK");
        } catch (rollbackError) {
          broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
        }
        throw e;
      } finally {
        client.release(broken); // a client that cannot roll back is discarded, not reused
      }
    },
    close: () => pool.end(),
  };
}
