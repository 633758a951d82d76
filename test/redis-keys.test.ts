import { Redis } from "ioredis";
import { afterAll, beforeAll, expect, it } from "vitest";
import { inject } from "vitest";
import { shortId } from "../src/core/ids.ts";
import { periodsAt } from "../src/domain/calendar.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createRedisClient, RedisStore } from "../src/store/redis-store.ts";

let raw: Redis;
let store: RedisStore;
const prefix = `k${shortId(8)}`;

beforeAll(async () => {
  raw = new Redis(inject("redisUrl"));
  const client = createRedisClient(inject("redisUrl"));
  await client.connect();
  store = new RedisStore(client, { prefix, scoring: DEFAULT_SCORING });
});
async function storeWithPrefix(own: string): Promise<RedisStore> {
  const client = createRedisClient(inject("redisUrl"));
  await client.connect();
  return new RedisStore(client, { prefix: own, scoring: DEFAULT_SCORING });
}

afterAll(async () => {
  await store.close();
  raw.disconnect();
});

it("lays keys out under the group's hash tag, with TTLs on rounds, answers and period boards", async () => {
  const now = Date.parse("2026-11-21T10:00:00Z");
  const group = "discord:g1:c1";
  await store.createRound(
    group,
    {
      id: "r1",
      questionId: "q",
      answer: 0,
      optionCount: 2,
      startedBy: "a",
      startedAt: now,
      closesAt: now + 60_000,
      timezone: "UTC",
    },
    3660,
  );
  await store.answerRound(group, "r1", 0, now, {
    memberId: "m1",
    name: "M",
    periods: periodsAt(now, "UTC"),
    timezone: "UTC",
  });
  const tag = `${prefix}:{${group}}`;
  const roundKeys = [
    `${prefix}:rounds:due`,
    `${tag}:days:m1`,
    `${tag}:member:m1`,
    `${tag}:names`,
    `${tag}:recent`,
    `${tag}:round:r1`,
    `${tag}:round:r1:answers`,
  ];
  // While the round is open, no board holds its points.
  expect((await raw.keys(`${prefix}:*`)).sort()).toEqual(roundKeys.sort());
  for (const key of [`${tag}:round:r1`, `${tag}:round:r1:answers`]) {
    const ttl = await raw.ttl(key);
    expect(ttl, key).toBeGreaterThan(3600);
    expect(ttl, key).toBeLessThanOrEqual(3660);
  }
  // The close pays into the boards of the round's closing time (Redis time here), then the
  // member's memory of the question is written and the round leaves the due list.
  const closesAt = (await store.getRound(group, "r1"))?.closesAt ?? 0;
  const { week, month } = periodsAt(closesAt, "UTC");
  await store.closeRound(group, "r1");
  await store.applyRoundMemory(group, "r1");
  await store.finishRound(group, "r1");
  expect((await raw.keys(`${prefix}:*`)).sort()).toEqual(
    [
      ...roundKeys.filter((k) => k !== `${prefix}:rounds:due`),
      `${tag}:lb:all`,
      `${tag}:lb:month:${month}`,
      `${tag}:lb:week:${week}`,
      `${tag}:memory:m1`,
      `${tag}:memory:m1:due`,
    ].sort(),
  );
  for (const key of [`${tag}:lb:week:${week}`, `${tag}:lb:month:${month}`]) {
    expect(await raw.ttl(key), key).toBeGreaterThan(300 * 24 * 3600);
  }
  expect(await raw.ttl(`${tag}:lb:all`)).toBe(-1);
});

it("answers with a single round trip to Redis", async () => {
  const client = new Redis(inject("redisUrl"));
  const counted = new RedisStore(client, { prefix, scoring: DEFAULT_SCORING });
  const sent: string[] = [];
  const send = client.sendCommand.bind(client);
  client.sendCommand = (command, ...rest) => {
    sent.push(command.name);
    return send(command, ...rest);
  };
  const now = Date.now();
  const group = "slack:t1:c9";
  const credit = (memberId: string) => ({
    memberId,
    name: memberId,
    periods: periodsAt(now, "UTC"),
    timezone: "UTC",
  });
  await counted.createRound(
    group,
    {
      id: "r2",
      questionId: "q",
      answer: 1,
      optionCount: 3,
      startedBy: "a",
      startedAt: now,
      closesAt: now + 60_000,
      timezone: "UTC",
    },
    120,
  );
  await counted.answerRound(group, "r2", 1, now, credit("w")); // loads the script on first use
  sent.length = 0;
  await counted.answerRound(group, "r2", 1, now, credit("x"));
  await counted.answerRound(group, "r2", 2, now, credit("x"));
  expect(sent).toEqual(["evalsha", "evalsha"]);
  await counted.close();
});

it("registers a group in the set of all groups and in its workspace's set", async () => {
  const own = `g${shortId(6)}`;
  const fresh = await storeWithPrefix(own);
  await fresh.ensureGroup("slack:T1:C1", { plan: "p" });
  expect((await raw.keys(`${own}:*`)).sort()).toEqual(
    [`${own}:groups`, `${own}:workspace:{slack:T1}:groups`, `${own}:{slack:T1:C1}:settings`].sort(),
  );
  expect(await raw.smembers(`${own}:workspace:{slack:T1}:groups`)).toEqual(["slack:T1:C1"]);
  await fresh.close();
});

it("fills the workspace sets from groups that are only in the set of all groups", async () => {
  const own = `m${shortId(6)}`;
  // As an earlier version left it: groups with settings, listed only in the set of all groups.
  const old = ["slack:T1:C1", "slack:T1:C2", "discord:G1:C1"];
  await raw.sadd(`${own}:groups`, ...old);
  for (const group of old) await raw.hset(`${own}:{${group}}:settings`, "plan", "p");
  const first = await storeWithPrefix(own);
  expect((await first.groupsIn("slack:T1")).sort()).toEqual(["slack:T1:C1", "slack:T1:C2"]);
  expect(await first.groupsIn("discord:G1")).toEqual(["discord:G1:C1"]);
  // One made meanwhile by an older process (or half-made by one that died) is only in sg:groups:
  // the next process to start lists it too.
  await raw.sadd(`${own}:groups`, "slack:T1:C3");
  const second = await storeWithPrefix(own);
  expect((await second.groupsIn("slack:T1")).sort()).toEqual(["slack:T1:C1", "slack:T1:C2", "slack:T1:C3"]);
  await first.close();
  await second.close();
});

/** A two-option quiz round whose right option is the first, open for a minute from `now`. */
async function openRound(group: string, id: string, now: number): Promise<void> {
  await store.createRound(
    group,
    {
      id,
      questionId: "q",
      answer: 0,
      optionCount: 2,
      startedBy: "a",
      startedAt: now,
      closesAt: now + 60_000,
      timezone: "UTC",
    },
    120,
  );
}

const creditAt = (now: number, memberId: string) => ({
  memberId,
  name: memberId,
  periods: periodsAt(now, "UTC"),
  timezone: "UTC",
});

it("pays a round opened before points moved to the close at each click, and its close pays nothing more", async () => {
  const now = Date.now();
  const group = "discord:g1:old-round";
  const tag = `${prefix}:{${group}}`;
  await openRound(group, "old", now);
  // Laid out as the previous version wrote rounds: no "pay" field.
  await raw.hdel(`${tag}:round:old`, "pay");
  const answer = await store.answerRound(group, "old", 0, now, creditAt(now, "m1"));
  expect(answer).toMatchObject({ status: "accepted", correct: true });
  const points = answer.status === "accepted" ? answer.points : 0;
  expect(points).toBeGreaterThan(0);
  const scoreNow = async () => (await store.leaderboard(group, { kind: "all" }, "m1", 10)).me?.score;
  expect(await scoreNow()).toBe(points);
  expect(await store.closeRound(group, "old")).toBeDefined();
  expect(await scoreNow()).toBe(points);
  expect(await store.memberStats(group, "m1")).toMatchObject({ answers: 1, correct: 1 });
});

it("pays at the close only answers left for it: a click an older process paid at once is not paid again", async () => {
  const now = Date.now();
  const group = "discord:g1:mixed-round";
  const tag = `${prefix}:{${group}}`;
  await openRound(group, "mixed", now);
  const mine = await store.answerRound(group, "mixed", 0, now, creditAt(now, "new"));
  const points = mine.status === "accepted" ? mine.points : 0;
  expect(await raw.hget(`${tag}:round:mixed:answers`, "new")).toMatch(/\|c$/);
  // As an older process records a click it has already paid: no marker.
  await raw.hset(`${tag}:round:mixed:answers`, "old", `0|${now}|${points}`);
  await raw.zincrby(`${tag}:lb:all`, points, "old");
  await store.closeRound(group, "mixed");
  const board = await store.leaderboard(group, { kind: "all" }, "new", 10);
  expect(board.top.map((e) => [e.memberId, e.score])).toEqual(
    expect.arrayContaining([
      ["new", points],
      ["old", points],
    ]),
  );
  // Reopened (its result could not be shown), a paid-out round takes no more clicks.
  await store.reopenRound(group, "mixed", now + 5_000);
  expect(await store.answerRound(group, "mixed", 0, now, creditAt(now, "late"))).toEqual({
    status: "closed",
  });
});
