import type { Redis } from "ioredis";
import { afterEach, describe, expect, inject, it } from "vitest";
import { shortId } from "../src/core/ids.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { NEVER, postInstant } from "../src/scheduler/next-post.ts";
import { createEmbeddedRedis } from "../src/store/embedded-redis.ts";
import { createRedisClient } from "../src/store/redis-client.ts";
import { RedisStore } from "../src/store/redis-store.ts";
import type { Message, MessageRef, Place } from "../src/core/model.ts";
import {
  type Harness,
  harness,
  ManualClock,
  makeStore,
  RecordingPlatform,
  harnessesClosedAfterEach,
} from "./support/harness.ts";
import { writeScheduledGroups } from "../testkit/scheduled-groups.ts";

/** Writes groups into Redis the way the bot laid them out before the schedule index. */
async function writeOldLayout(
  prefix: string,
  groups: string[],
  settingsOf: Parameters<typeof writeScheduledGroups>[3],
) {
  const redis = createRedisClient(inject("redisUrl")) as Redis;
  await redis.connect();
  try {
    await writeScheduledGroups(redis, prefix, groups, settingsOf);
  } finally {
    redis.disconnect();
  }
}

const at = (iso: string) => Date.parse(iso);
const posts = (h: Harness) => h.platform.delivered.filter((d) => d.kind === "post");

describe.each(["redis", "cluster", "embedded"] as const)("the schedule in the store: %s", (engine) => {
  const open: RedisStore[] = [];
  afterEach(async () => {
    for (const s of open.splice(0)) await s.close();
  });
  async function onCluster() {
    const client = createRedisClient(inject("redisClusterUrl"));
    await client.connect();
    return new RedisStore(client, { prefix: `t${shortId(8)}`, scoring: DEFAULT_SCORING });
  }
  async function store() {
    const s =
      engine === "redis"
        ? await makeStore()
        : engine === "cluster"
          ? await onCluster()
          : new RedisStore(createEmbeddedRedis(), { prefix: `t${shortId(8)}`, scoring: DEFAULT_SCORING });
    open.push(s);
    return s;
  }

  it("sets a check only over the entry it read, and hands each due group to one taker", async () => {
    const s = await store();
    expect(await s.setNextPostCheck("a:w:1", undefined, 100)).toBe(true);
    expect(await s.setNextPostCheck("a:w:1", undefined, 200)).toBe(false);
    expect(await s.setNextPostCheck("a:w:1", 150, 200)).toBe(false);
    expect(await s.nextPostCheck("a:w:1")).toBe(100);
    await s.setNextPostCheck("a:w:2", undefined, 300);
    await s.setNextPostCheck("b:w:1", undefined, 50);
    await s.setNextPostCheck("c:w:1", undefined, 10);
    expect((await s.takeDuePostChecks(["a", "b"], 250, 1000, 10)).sort()).toEqual(["a:w:1", "b:w:1"]);
    expect(await s.takeDuePostChecks(["a", "b"], 250, 1000, 10)).toEqual([]);
    expect(await s.nextPostCheck("a:w:1")).toBe(1000);
    expect(await s.nextPostCheck("c:w:1")).toBe(10);
    expect(await s.setNextPostCheck("a:w:1", 1000, undefined)).toBe(true);
    expect(await s.nextPostCheck("a:w:1")).toBeUndefined();
    expect(await s.takeDuePostChecks(["a"], 5000, 9000, 1)).toEqual(["a:w:2"]);
  });

  it("finds scheduled groups that have no check yet", async () => {
    const s = await store();
    for (const g of ["a:w:1", "a:w:2", "b:w:1"]) await s.markScheduled(g, true);
    await s.setNextPostCheck("a:w:2", undefined, 100);
    const found: string[] = [];
    let cursor = "0";
    do {
      const page = await s.scheduledWithoutCheck(cursor, 1);
      found.push(...page.groups);
      cursor = page.cursor;
    } while (cursor !== "0");
    expect(found.sort()).toEqual(["a:w:1", "b:w:1"]);
  });
});

describe("the schedule of a group", () => {
  const make = harnessesClosedAfterEach();
  const group = "test:w1:c1";
  async function setUp(h: Harness, options: string) {
    const reply = await h.command(h.member("olga", true), "studygroup", `setup ${options}`);
    expect(reply.text, reply.text).toContain("Saved by olga");
  }

  it("moves at once on each settings change: time, zone, pause, resume, weekdays", async () => {
    const h = await make({ now: "2026-06-05T06:00:00Z" }); // Friday
    const next = () => h.store.nextPostCheck(group);
    expect(await next()).toBeUndefined();
    await setUp(h, "time=08:00 timezone=UTC start=today");
    expect(await next()).toBe(at("2026-06-05T08:00:00Z"));
    await setUp(h, "time=10:30");
    expect(await next()).toBe(at("2026-06-05T10:30:00Z"));
    await setUp(h, "timezone=Asia/Kathmandu"); // 11:45 there: today's 10:30 is past and not posted
    expect(await next()).toBe(at("2026-06-05T04:45:00Z"));
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(1);
    expect(await next()).toBe(at("2026-06-06T04:45:00Z"));
    await setUp(h, "days=weekdays");
    expect(await next()).toBe(at("2026-06-08T04:45:00Z")); // Monday
    await h.command(h.member("olga", true), "studygroup", "pause");
    expect(await next()).toBe(NEVER);
    await h.command(h.member("olga", true), "studygroup", "resume");
    expect(await next()).toBe(at("2026-06-08T04:45:00Z"));
  });

  it("posts at the right minute across Lord Howe's 30-minute clock changes, with a manual clock", async () => {
    const h = await make({ now: "2026-10-02T00:00:00Z" });
    await setUp(h, "time=02:15 timezone=Australia/Lord_Howe start=2026-10-03");
    expect(await h.store.nextPostCheck(group)).toBe(at("2026-10-02T15:45:00Z")); // 02:15 +10:30
    h.platform.clear();
    for (const [due, day] of [
      ["2026-10-02T15:45:00Z", "Day 1 of 30"],
      ["2026-10-03T15:30:00Z", "Day 2 of 30"], // 02:00-02:30 skipped: posts at 02:30 +11:00
      ["2026-10-04T15:15:00Z", "Day 3 of 30"], // 02:15 +11:00
    ] as const) {
      h.clock.set(new Date(at(due) - 60_000).toISOString());
      expect(await h.app.poster.tick()).toEqual([]);
      h.clock.set(due);
      expect(await h.app.poster.tick()).toEqual(["posted"]);
      expect(posts(h).at(-1)?.text).toContain(day);
    }
    expect(posts(h)).toHaveLength(3);
  });

  it("posts once on Lord Howe's repeated half hour", async () => {
    const h = await make({ now: "2026-04-04T00:00:00Z" });
    await setUp(h, "time=01:45 timezone=Australia/Lord_Howe start=2026-04-05");
    h.platform.clear();
    h.clock.set("2026-04-04T14:45:00Z"); // 01:45 +11:00 on 5 April, the first coming
    expect(await h.store.nextPostCheck(group)).toBe(at("2026-04-04T14:45:00Z"));
    expect(await h.app.poster.tick()).toEqual(["posted"]);
    h.clock.set("2026-04-04T15:15:00Z"); // 01:45 +10:30, the second
    expect(await h.app.poster.tick()).toEqual([]);
    expect(posts(h)).toHaveLength(1);
    expect(await h.store.nextPostCheck(group)).toBe(
      postInstant("2026-04-06", "01:45", "Australia/Lord_Howe"),
    );
  });

  it("picks up every group of a Redis laid out before the schedule, and posts the due ones once", async () => {
    const prefix = `p${shortId(8)}`;
    const clock = new ManualClock(at("2026-06-01T09:30:00Z"));
    const groups = Array.from({ length: 30 }, (_, i) => `test:w1:old${i}`);
    // Half due at 09:00 today (past), half at 10:00; one paused, one whose plan is over.
    await writeOldLayout(prefix, groups, (i) => ({
      postTime: i % 2 === 0 ? "09:00" : "10:00",
      startDate: i === 29 ? "2026-04-01" : "2026-06-01",
      pausedOn: i === 27 ? "2026-06-01" : undefined,
    }));
    const seed = await makeStore(prefix);
    for (const g of groups) expect(await seed.nextPostCheck(g)).toBeUndefined();
    await seed.close();

    const h = await make({ prefix, clock });
    h.app.startSchedules();
    const outcomes = await h.app.poster.tick();
    expect(outcomes.filter((o) => o === "posted")).toHaveLength(15);
    expect(new Set(posts(h).map((p) => p.ref?.channel)).size).toBe(15);
    const checks = await Promise.all(groups.map((g) => h.store.nextPostCheck(g)));
    groups.forEach((g, i) => {
      const expected =
        i === 27 || i === 29 ? NEVER : i % 2 === 0 ? at("2026-06-02T09:00:00Z") : at("2026-06-01T10:00:00Z");
      expect(checks[i], g).toBe(expected);
    });
    clock.set("2026-06-01T10:00:00Z");
    await h.app.poster.tick();
    expect(posts(h)).toHaveLength(28); // not the paused group, nor the one whose plan is over
  });
});

/** A platform whose posts take a while, as a real API's do. */
class SlowPlatform extends RecordingPlatform {
  override async post(place: Place, message: Message): Promise<MessageRef> {
    await new Promise((r) => setTimeout(r, 15));
    return super.post(place, message);
  }
}

describe("due posts in several processes", () => {
  it("are shared between three processes rather than raced for, and each is made once", async () => {
    const prefix = `p${shortId(8)}`;
    const clock = new ManualClock(at("2026-06-01T06:00:00Z"));
    const groups = Array.from({ length: 60 }, (_, i) => `test:w1:s${i}`);
    await writeOldLayout(prefix, groups, () => ({ postTime: "08:00", startDate: "2026-06-01" }));
    const platforms = [new SlowPlatform(), new SlowPlatform(), new SlowPlatform()];
    const processes = await Promise.all(platforms.map((platform) => harness({ prefix, clock, platform })));
    try {
      await processes[0]?.app.poster.schedule.adoptUnindexed();
      clock.set("2026-06-01T08:00:00Z");
      const outcomes = await Promise.all(processes.map((p) => p.app.poster.tick()));
      const channels = platforms.flatMap((p) => p.delivered.map((d) => d.ref?.channel));
      expect(channels).toHaveLength(60);
      expect(new Set(channels).size).toBe(60);
      for (const [i, o] of outcomes.entries()) {
        expect(
          o.every((x) => x === "posted"),
          `process ${i}: ${o.join()}`,
        ).toBe(true);
        expect(o.length, `process ${i} posted ${o.length}`).toBeGreaterThanOrEqual(10);
      }
    } finally {
      for (const p of processes) await p.close();
    }
  });
});
