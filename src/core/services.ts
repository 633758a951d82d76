import type { Logger } from "pino";
import type { Content } from "../content/loader.ts";
import type { Groups } from "../domain/groups.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { ScoringRule, Store } from "../store/store.ts";
import type { Clock } from "./clock.ts";
import type { Command } from "./command.ts";
import type { Outbox, PlatformName } from "./model.ts";

/** What command handlers may use. Built once at start by createBot. */
export interface Services {
  store: Store;
  content: Content;
  groups: Groups;
  clock: Clock;
  log: Logger;
  metrics: Metrics;
  scoring: ScoringRule;
  commands: readonly Command[];
  /** One outbox per connected platform, for posts and edits outside of an event. */
  outboxes: Map<PlatformName, Outbox>;
  /** Schedules a quiz round to close at its time. */
  scheduleRoundClose(group: string, roundId: string, closesAt: number): void;
}
