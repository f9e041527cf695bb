/** One schema change. Once released, a migration never changes: add a new one instead (start-up checks this). */
export interface Migration {
  version: number;
  name: string;
  /** Run in order, in one transaction with the rest of the migration. */
  statements: readonly string[];
}
