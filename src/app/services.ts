import type { Content } from "../content/model.ts";
import type { CoreServices } from "../core/services.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { ScoringRule } from "../domain/scoring.ts";
import type { Store } from "../store/store.ts";
import type { Groups } from "./groups.ts";

/** What features may use: the core's services plus the application's. Built once by createApp. */
export interface AppServices extends CoreServices {
  store: Store;
  content: Content;
  groups: Groups;
  metrics: Metrics;
  scoring: ScoringRule;
  /** Schedules a quiz round to close at its time. */
  scheduleRoundClose(group: string, roundId: string, closesAt: number): void;
}
