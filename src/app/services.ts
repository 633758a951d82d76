import type { Content } from "../content/model.ts";
import type { CoreServices } from "../core/services.ts";
import type { Metrics } from "../ops/metrics.ts";
import type { ScoringRule } from "../domain/scoring.ts";
import type { Store } from "../store/store.ts";
import type { Groups } from "./groups.ts";
import type { MemberInsight } from "./insight.ts";

/** Keeps the schedule of reminders and digests in step with what members and organizers choose. */
export interface NudgeSchedule {
  /** After a member's reminder changed (set, moved or stopped). */
  reminderChanged(group: string, memberId: string): Promise<void>;
  /** After the group's digest changed (a member in or out, its day, time or channel summary). */
  digestChanged(group: string): Promise<void>;
}

/** What features may use: the core's services plus the application's. Built once by createApp. */
export interface AppServices extends CoreServices {
  store: Store;
  content: Content;
  groups: Groups;
  metrics: Metrics;
  scoring: ScoringRule;
  /** Reminders and weekly digests: their schedule entries follow every change at once. */
  nudges: NudgeSchedule;
  /** What is known of a member's own study, for reminders and digests. */
  insight: MemberInsight;
  /** Schedules a quiz round to close at its time. */
  scheduleRoundClose(group: string, roundId: string, closesAt: number): void;
}
