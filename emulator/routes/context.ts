/** What every CI route handler receives. */
import type { BucketStore, EmulatorStore } from "../store/emulator-store";

export interface RouteContext {
  store: BucketStore;
  emulator: EmulatorStore;
  query: ReadonlyMap<string, string>;
  body: string;
  /** From `/inventorytriggerjob/<jobId>`. */
  jobId?: string;
  requestId: string;
  now: number;
  stepMs: number;
  header: (lowerCaseName: string) => string | undefined;
  /** Key that authenticates the nextTokens this emulator issues. */
  tokenSecret: string;
}
