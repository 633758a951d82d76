import { placeOfGroup } from "../core/group-key.ts";
import { shortId } from "../core/ids.ts";
import { globalKeys, groupKeys, NUDGE_SEPARATOR } from "./keys.ts";
import { CLOSE_DIRECT_SCRIPT, ROUND_STATS_SCRIPT } from "./nudge-scripts.ts";
import { SET_CHECK_SCRIPT } from "./schedule-scripts.ts";
import type { DayStats, NudgeEntry, NudgeStore, Tally } from "./nudges.ts";
import type { RedisClient } from "./redis-client.ts";

type ScriptFn = (...args: (string | number)[]) => Promise<unknown>;

/** Day statistics are kept long enough for a digest and the week before it, for the improvers. */
const DAY_STATS_TTL_SECONDS = 35 * 24 * 3600;

/** The schedule entry's member in the platform's due index. */
export function nudgeEntryId(entry: NudgeEntry): string {
  return entry.kind === "remind"
    ? [entry.group, "remind", entry.memberId].join(NUDGE_SEPARATOR)
    : [entry.group, "digest"].join(NUDGE_SEPARATOR);
}

/** The entry a due-index member names, or undefined for a group's daily post (or anything else). */
export function parseNudgeEntry(id: string): NudgeEntry | undefined {
  const [group = "", kind, memberId, ...rest] = id.split(NUDGE_SEPARATOR);
  if (rest.length > 0 || !group) return undefined;
  if (kind === "remind" && memberId) return { kind, group, memberId };
  if (kind === "digest" && memberId === undefined) return { kind, group };
  return undefined;
}

function tally(map: Map<string, Tally>, key: string): Tally {
  let t = map.get(key);
  if (!t) map.set(key, (t = { answers: 0, correct: 0 }));
  return t;
}

/** Reminders, digests and their statistics on Redis: a group's keys carry its hash tag. */
export class RedisNudges implements NudgeStore {
  constructor(
    private readonly redis: RedisClient,
    private readonly prefix: string,
  ) {
    redis.defineCommand("sgRoundStats", { lua: ROUND_STATS_SCRIPT, numberOfKeys: 4 });
    redis.defineCommand("sgCloseDirect", { lua: CLOSE_DIRECT_SCRIPT, numberOfKeys: 3 });
    if (!("sgSetCheck" in redis))
      redis.defineCommand("sgSetCheck", { lua: SET_CHECK_SCRIPT, numberOfKeys: 1 });
  }

  private script(name: string): ScriptFn {
    const fn = (this.redis as unknown as Record<string, ScriptFn>)[name];
    if (!fn) throw new Error(`script ${name} not defined`);
    return fn.bind(this.redis);
  }

  private keys(group: string) {
    return groupKeys(this.prefix, group);
  }

  private dueKey(entry: NudgeEntry): string {
    return globalKeys(this.prefix).postChecks(placeOfGroup(entry.group).platform);
  }

  async reminderOf(group: string, memberId: string): Promise<string | undefined> {
    return (await this.redis.hget(this.keys(group).reminders, memberId)) ?? undefined;
  }

  async reminders(group: string): Promise<Map<string, string>> {
    return new Map(Object.entries(await this.redis.hgetall(this.keys(group).reminders)));
  }

  async setReminder(group: string, memberId: string, time: string | undefined): Promise<void> {
    const key = this.keys(group).reminders;
    await (time ? this.redis.hset(key, memberId, time) : this.redis.hdel(key, memberId));
  }

  async wantsDigest(group: string, memberId: string): Promise<boolean> {
    return (await this.redis.sismember(this.keys(group).digestMembers, memberId)) === 1;
  }

  digestMembers(group: string): Promise<string[]> {
    return this.redis.smembers(this.keys(group).digestMembers);
  }

  async setDigest(group: string, memberId: string, on: boolean): Promise<void> {
    const key = this.keys(group).digestMembers;
    await (on ? this.redis.sadd(key, memberId) : this.redis.srem(key, memberId));
  }

  async nudgeCheck(entry: NudgeEntry): Promise<number | undefined> {
    const score = await this.redis.zscore(this.dueKey(entry), nudgeEntryId(entry));
    return score === null ? undefined : Number(score);
  }

  async setNudgeCheck(
    entry: NudgeEntry,
    expected: number | undefined,
    next: number | undefined,
  ): Promise<boolean> {
    const reply = await this.script("sgSetCheck")(
      this.dueKey(entry),
      nudgeEntryId(entry),
      expected ?? "",
      next ?? "",
    );
    return Number(reply) === 1;
  }

  async claimSend(group: string, what: string, ttlMs: number): Promise<string | undefined> {
    const claim = `claimed:${shortId(12)}`;
    const ok = await this.redis.set(this.keys(group).sent(what), claim, "PX", ttlMs, "NX");
    return ok === "OK" ? claim : undefined;
  }

  async finishSend(group: string, what: string, ttlSeconds: number): Promise<void> {
    await this.redis.set(this.keys(group).sent(what), "done", "EX", ttlSeconds);
  }

  async releaseSend(group: string, what: string, claim: string): Promise<void> {
    await this.redis.eval(
      "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0",
      1,
      this.keys(group).sent(what),
      claim,
    );
  }

  async wasSent(group: string, what: string): Promise<boolean> {
    return (await this.redis.get(this.keys(group).sent(what))) === "done";
  }

  async closeDirectMessages(group: string, memberId: string, owed: boolean): Promise<void> {
    const k = this.keys(group);
    await this.script("sgCloseDirect")(
      k.reminders,
      k.digestMembers,
      k.directNotices,
      memberId,
      owed ? "1" : "0",
    );
  }

  async takeDirectNotice(group: string, memberId: string): Promise<boolean> {
    return (await this.redis.srem(this.keys(group).directNotices, memberId)) === 1;
  }

  async recordRoundStats(group: string, day: string, roundId: string, topic: string): Promise<void> {
    const k = this.keys(group);
    await this.script("sgRoundStats")(
      k.round(roundId),
      k.answers(roundId),
      k.dayStats(day),
      k.dayStatRounds(day),
      roundId,
      DAY_STATS_TTL_SECONDS,
      topic,
    );
  }

  async dayStats(group: string, days: readonly string[]): Promise<DayStats[]> {
    if (days.length === 0) return [];
    const pipeline = this.redis.pipeline();
    for (const day of days) pipeline.hgetall(this.keys(group).dayStats(day));
    const results = (await pipeline.exec()) ?? [];
    return days.map((day, i) => {
      const hash = (results[i]?.[1] as Record<string, string> | undefined) ?? {};
      const stats: DayStats = { day, questions: new Map(), members: new Map() };
      for (const [field, value] of Object.entries(hash)) {
        const parts = field.split("|");
        const count = Number(value);
        const which = parts[parts.length - 1];
        let t: Tally | undefined;
        if (parts[0] === "q" && parts.length === 3) t = tally(stats.questions, parts[1] ?? "");
        else if (parts[0] === "m" && parts.length === 4) {
          const memberId = parts[1] ?? "";
          let topics = stats.members.get(memberId);
          if (!topics) stats.members.set(memberId, (topics = new Map()));
          t = tally(topics, parts[2] ?? "");
        }
        if (!t) continue;
        if (which === "n") t.answers += count;
        else if (which === "c") t.correct += count;
      }
      return stats;
    });
  }
}
