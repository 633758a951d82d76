import type { Redis } from "ioredis";
import { workspaceOfGroup } from "../src/core/group-key.ts";
import { globalKeys, groupKeys } from "../src/store/keys.ts";

export interface ScheduledGroup {
  postTime: string;
  startDate: string;
  timezone?: string;
  plan?: string;
  pausedOn?: string;
  weekdaysOnly?: boolean;
}

/**
 * Writes set-up groups straight into Redis, in the key layout of docs/architecture.md, pipelined
 * in chunks: each group's settings hash and its entries in the sets of all groups, of its workspace
 * and of scheduled groups. With `nextCheck`, each also gets its entry in the schedule index; without
 * it, Redis is laid out as before the index existed.
 */
export async function writeScheduledGroups(
  redis: Redis,
  prefix: string,
  groups: readonly string[],
  settingsOf: (index: number) => ScheduledGroup,
  nextCheck?: (index: number) => number,
): Promise<void> {
  const global = globalKeys(prefix);
  const CHUNK = 1000;
  for (let from = 0; from < groups.length; from += CHUNK) {
    const pipeline = redis.pipeline();
    groups.slice(from, from + CHUNK).forEach((group, j) => {
      const i = from + j;
      const s = settingsOf(i);
      pipeline.hset(groupKeys(prefix, group).settings, {
        timezone: s.timezone ?? "UTC",
        plan: s.plan ?? "node-30-day",
        startDate: s.startDate,
        quizSeconds: "60",
        postTime: s.postTime,
        days: s.weekdaysOnly ? "weekdays" : "every",
        scheduled: "yes",
        pausedOn: s.pausedOn ?? "",
        organizer: "u-olga",
        run: "1",
      });
      pipeline.sadd(global.groups, group);
      pipeline.sadd(global.workspaceGroups(workspaceOfGroup(group)), group);
      pipeline.sadd(global.scheduled, group);
      const platform = group.split(":")[0] ?? "";
      if (nextCheck) pipeline.zadd(global.postChecks(platform), nextCheck(i), group);
    });
    await pipeline.exec();
  }
}
