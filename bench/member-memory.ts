/**
 * Redis memory per active member: GROUPS groups of MEMBERS members each, set up through the store,
 * then DAYS days of study through the store's own scripts (each day a quiz round on a new question
 * that every member answers, closed and settled as the bot settles it, and a Done check-in for the
 * plan's day), so every key is the one the bot writes: the member's hash (streak, counters), study
 * days, memory (a card per question seen, and its due index), the display name, the all-time, week and
 * month boards, the check-in sets. The rounds themselves (round hash, answers, the due list) expire an
 * hour after they close, so they are removed before the count, as they would be a day later.
 */
import type { Redis } from "ioredis";
import { periodsAt } from "../src/domain/calendar.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { globalKeys, groupKeys } from "../src/store/keys.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import type { Credit } from "../src/store/store.ts";
import { BenchRedis } from "./lib/redis-server.ts";
import { fmt } from "./lib/stats.ts";

export interface MemberMemoryResult {
  groups: number;
  membersPerGroup: number;
  days: number;
  /** Study actions run through the store's scripts. */
  actions: number;
  seconds: number;
  bytesPerMember: number;
  /** `MEMORY USAGE` of one group's keys by kind, per member of that group. */
  perMemberByKind: { kind: string; bytes: number }[];
  bytesPerGroupWithoutMembers: number;
}

const ZONE = "Europe/Berlin";
const PLAN = "node-30-day";
/** The plan's first run, as the app names it for check-ins (`planRun`). */
const PLAN_RUN = `${PLAN}#1`;
/** A Monday at noon in the zone: the days fall in one ISO week and one month. */
const START = Date.parse("2026-06-01T10:00:00Z");
const DAY = 86_400_000;

/** `used_memory` without the cache of Lua scripts, which fills as the first actions run. */
function usedMemory(info: string): number {
  const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, "m").exec(info)?.[1] ?? Number.NaN);
  return field("used_memory") - field("used_memory_scripts");
}

function credit(memberId: string, name: string, now: number): Credit {
  return { memberId, name, periods: periodsAt(now, ZONE), timezone: ZONE };
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inBatches<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<unknown>,
): Promise<void> {
  for (let from = 0; from < items.length; from += limit)
    await Promise.all(items.slice(from, from + limit).map(work));
}

async function unlinkMatching(admin: Redis, pattern: string): Promise<void> {
  let cursor = "0";
  do {
    const [next, keys] = await admin.scan(cursor, "MATCH", pattern, "COUNT", 1000);
    cursor = next;
    if (keys.length > 0) await admin.unlink(...keys);
  } while (cursor !== "0");
}

export async function measureMemberMemory(
  groupCount: number,
  membersPerGroup: number,
  days = 7,
): Promise<MemberMemoryResult> {
  const redis = new BenchRedis();
  await redis.start();
  const admin = redis.client();
  const client = redis.client();
  const prefix = "sg";
  const store = new RedisStore(client, { prefix, scoring: DEFAULT_SCORING, clock: "caller" });
  try {
    const groups = Array.from(
      { length: groupCount },
      (_, g) =>
        `discord:${900_000_000_000_000_000n + BigInt(g % 50)}:${1_200_000_000_000_000_000n + BigInt(g)}`,
    );
    const members = Array.from({ length: membersPerGroup }, (_, m) => ({
      id: String(300_000_000_000_000_000n + BigInt(m)),
      name: `Member ${m}`,
    }));
    const emptyBefore = usedMemory(await admin.info("memory"));
    await inBatches(groups, 200, (group) =>
      store.ensureGroup(group, {
        timezone: ZONE,
        plan: PLAN,
        startDate: "2026-06-01",
        organizer: members[0]?.id ?? "",
      }),
    );
    const before = usedMemory(await admin.info("memory"));

    const started = performance.now();
    let actions = 0;
    for (let d = 0; d < days; d++) {
      const now = START + d * DAY;
      await inBatches(groups, 20, async (group) => {
        const roundId = `r${d}`;
        await store.createRound(
          group,
          {
            id: roundId,
            questionId: `bench-question-${d}`,
            answer: 0,
            optionCount: 4,
            startedBy: members[0]?.id ?? "",
            startedAt: now,
            closesAt: now + 60_000,
            timezone: ZONE,
          },
          3600,
        );
        await Promise.all(
          members.map(async (m, i) => {
            const c = credit(m.id, m.name, now + 1000);
            await store.answerRound(group, roundId, i % 4, now + 1000 + i, c);
            await store.checkIn(group, PLAN_RUN, d + 1, c);
          }),
        );
        actions += members.length * 2;
        await store.closeRound(group, roundId);
        await store.applyRoundMemory(group, roundId);
        await store.finishRound(group, roundId);
      });
    }
    const seconds = (performance.now() - started) / 1000;
    // Closed rounds expire an hour later (round hash, answers); the due list drops them as they close.
    await unlinkMatching(admin, `${prefix}:{*}:round:*`);
    await admin.unlink(globalKeys(prefix).dueRounds);
    const after = usedMemory(await admin.info("memory"));

    const sample = groups[0] ?? "";
    const k = groupKeys(prefix, sample);
    const periods = periodsAt(START, ZONE);
    const usage = async (keys: string[]) => {
      let total = 0;
      for (const key of keys) total += Number((await admin.memory("USAGE", key, "SAMPLES", "0")) ?? 0);
      return total / membersPerGroup;
    };
    const perMemberByKind = [
      {
        kind: "member hash (streak, counters, plan check-ins)",
        bytes: await usage(members.map((m) => k.member(m.id))),
      },
      { kind: "study days", bytes: await usage(members.map((m) => k.studyDays(m.id))) },
      {
        kind: `memory: ${days} cards and their due index`,
        bytes: await usage(members.flatMap((m) => [k.memory(m.id), k.memoryDue(m.id)])),
      },
      { kind: "display name", bytes: await usage([k.names]) },
      {
        kind: "boards: all-time, week, month",
        bytes: await usage([
          k.leaderboard({ kind: "all" }),
          k.leaderboard({ kind: "week", key: periods.week }),
          k.leaderboard({ kind: "month", key: periods.month }),
        ]),
      },
      {
        kind: `check-in sets (${days} days)`,
        bytes: await usage(Array.from({ length: days }, (_, d) => k.checkIns(PLAN_RUN, d + 1))),
      },
    ];
    return {
      groups: groupCount,
      membersPerGroup,
      days,
      actions,
      seconds,
      bytesPerMember: (after - before) / (groupCount * membersPerGroup),
      perMemberByKind,
      bytesPerGroupWithoutMembers: (before - emptyBefore) / groupCount,
    };
  } finally {
    client.disconnect();
    admin.disconnect();
    await redis.stop();
  }
}

export function memberMemoryReport(r: MemberMemoryResult): { stdout: string; markdown: string } {
  const members = (r.groups * r.membersPerGroup).toLocaleString("en-US");
  const lines = [
    `Redis memory per active member: ${members} members (${r.groups} groups of ${r.membersPerGroup}), ${r.days} days of answers and check-ins`,
    `  ${fmt(r.bytesPerMember, 0)} bytes per member (${r.actions.toLocaleString("en-US")} study actions in ${fmt(r.seconds, 1)} s); a group without members ${fmt(r.bytesPerGroupWithoutMembers, 0)} bytes`,
    ...r.perMemberByKind.map((p) => `    ${p.kind}: ${fmt(p.bytes, 0)} bytes`),
  ];
  const rows = r.perMemberByKind.map((p) => `| ${p.kind} | ${fmt(p.bytes, 0)} bytes |`).join("\n");
  const markdown = `### Redis memory per active member

${members} members (${r.groups} groups of ${r.membersPerGroup}), each answering a quiz round and
checking in every day for ${r.days} days, all through the store's scripts (${r.actions.toLocaleString("en-US")}
study actions in ${fmt(r.seconds, 1)} s); closed rounds, which expire an hour after they close, are
removed before the count. \`used_memory\` before and after, per member: **${fmt(r.bytesPerMember, 0)} bytes**
(a group set up without members: ${fmt(r.bytesPerGroupWithoutMembers, 0)} bytes). Of one group's keys
(\`MEMORY USAGE\`), per member:

| keys                        | per member |
| --------------------------- | ---------- |
${rows}
`;
  return { stdout: lines.join("\n"), markdown };
}
