import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { workspaceOfGroup } from "../src/core/group-key.ts";
import { shortId } from "../src/core/ids.ts";
import { creditFor, liveStreak } from "../src/app/credit.ts";
import { addDays, periodsAt } from "../src/domain/calendar.ts";
import { FREEZE_RULE } from "../src/domain/freezes.ts";
import { DEFAULT_SCORING } from "../src/domain/scoring.ts";
import { createEmbeddedRedis } from "../src/store/embedded-redis.ts";
import { createRedisClient, RedisStore } from "../src/store/redis-store.ts";
import type { Credit, RoundRecord, Store } from "../src/store/store.ts";
import { makeStore } from "./support/harness.ts";

const T0 = Date.parse("2026-05-04T10:00:00Z");

function credit(memberId: string, now: number, timezone = "UTC"): Credit {
  return { memberId, name: memberId.toUpperCase(), periods: periodsAt(now, timezone), timezone };
}

/** A study action at noon UTC of `day`, in a group that studies every day or on weekdays only. */
function dayCredit(memberId: string, day: string, weekdaysOnly: boolean): Credit {
  const actor = { id: memberId, name: memberId, isOrganizer: false };
  return creditFor(actor, Date.parse(`${day}T12:00:00Z`), { timezone: "UTC", weekdaysOnly });
}

function round(id: string, overrides: Partial<RoundRecord> = {}): RoundRecord {
  return {
    id,
    questionId: "q1",
    answer: 1,
    optionCount: 4,
    startedBy: "starter",
    startedAt: T0,
    closesAt: T0 + 60_000,
    timezone: "UTC",
    ...overrides,
  };
}

/**
 * Where the store's commands and Lua scripts run: the test redis-server, a three-master Redis
 * Cluster (every script must stay in one slot there), or the embedded in-process engine the
 * playground falls back to on a machine without Redis. This suite is the only test that uses the
 * embedded engine.
 */
type Engine = "redis" | "cluster" | "embedded";

/** Most cases pass instants by hand, so they time rounds by the caller's clock. */
async function storeOn(engine: Engine, clock: "caller" | "redis" = "caller"): Promise<Store> {
  if (engine === "redis" && clock === "caller") return makeStore();
  const options = { prefix: `t${shortId(10)}`, scoring: DEFAULT_SCORING, clock };
  if (engine === "embedded") return new RedisStore(createEmbeddedRedis(), options);
  const client = createRedisClient(inject(engine === "cluster" ? "redisClusterUrl" : "redisUrl"));
  await client.connect();
  return new RedisStore(client, options);
}

/** One contract, run on every engine: Cluster and the embedded one must behave exactly like Redis. */
describe.each<Engine>(["redis", "cluster", "embedded"])("store contract: %s", (engine) => {
  let store: Store;
  const g = "test:w:c";

  beforeEach(async () => {
    store = await storeOn(engine);
  });
  afterEach(async () => {
    await store.close();
  });

  it("sets defaults on first use and keeps existing settings", async () => {
    const first = await store.ensureGroup(g, { timezone: "UTC", plan: "p", startDate: "2026-05-04" });
    expect(first).toEqual({ timezone: "UTC", plan: "p", startDate: "2026-05-04" });
    await store.updateSettings(g, { timezone: "Asia/Kathmandu" });
    const again = await store.ensureGroup(g, {
      timezone: "UTC",
      plan: "p",
      startDate: "2026-06-01",
      quizSeconds: "30",
    });
    expect(again).toEqual({
      timezone: "Asia/Kathmandu",
      plan: "p",
      startDate: "2026-05-04",
      quizSeconds: "30",
    });
    expect(await store.groupsIn(workspaceOfGroup(g))).toContain(g);
  });

  it("lists the groups of one workspace and no other's", async () => {
    for (const group of ["slack:T1:C1", "slack:T1:C2", "slack:T2:C1", "discord:T1:C1", "slack:T1:C3:x"]) {
      await store.ensureGroup(group, { plan: "p" });
    }
    expect((await store.groupsIn("slack:T1")).sort()).toEqual([
      "slack:T1:C1",
      "slack:T1:C2",
      "slack:T1:C3:x",
    ]);
    expect(await store.groupsIn("slack:T2")).toEqual(["slack:T2:C1"]);
    expect(await store.groupsIn("discord:T1")).toEqual(["discord:T1:C1"]);
    expect(await store.groupsIn("slack:T9")).toEqual([]);
  });

  it("lets one claimant post a day, and releases a claim only by its own token", async () => {
    const first = await store.claimDailyPost(g, "2026-05-04", 60_000);
    expect(first).toBeDefined();
    expect(await store.claimDailyPost(g, "2026-05-04", 60_000)).toBeUndefined();
    // A stale holder (its claim lapsed and another process claimed) cannot release the new claim.
    await store.releaseDailyPost(g, "2026-05-04", "claimed:someone-else");
    expect(await store.claimDailyPost(g, "2026-05-04", 60_000)).toBeUndefined();
    await store.releaseDailyPost(g, "2026-05-04", first ?? "");
    const second = await store.claimDailyPost(g, "2026-05-04", 60_000);
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    await store.finishDailyPost(g, "2026-05-04");
    await store.releaseDailyPost(g, "2026-05-04", second ?? "");
    expect(await store.dailyPosted(g, "2026-05-04")).toBe(true);
    expect(await store.claimDailyPost(g, "2026-05-04", 60_000)).toBeUndefined();
  });

  it("gives an action's points at most perDay times a member's day, and always counts it", async () => {
    const mock = { points: 10, perDay: 3 };
    const given: number[] = [];
    for (let i = 0; i < 4; i++) given.push(await store.creditAction(g, credit("ann", T0 + i), mock, "mocks"));
    expect(given).toEqual([10, 10, 10, 0]);
    // Another member's count is their own; the next day starts again.
    expect(await store.creditAction(g, credit("bob", T0), mock, "mocks")).toBe(10);
    const tomorrow = T0 + 24 * 3600_000;
    expect(await store.creditAction(g, credit("ann", tomorrow), mock, "mocks")).toBe(10);
    expect((await store.leaderboard(g, { kind: "all" }, "ann", 10)).me?.score).toBe(40);
    expect(await store.memberStats(g, "ann")).toMatchObject({ mocks: 5, current: 2 });

    // Reviews have their own count, kept by the review step itself.
    const review = (reviewer: string) => ({
      reviewer,
      reviewerName: reviewer,
      scores: { a: 3 },
      comment: "",
    });
    const points: number[] = [];
    for (const id of ["m1", "m2", "m3"]) {
      await store.createMock(
        g,
        { id, author: "zoe", authorName: "Zoe", kind: "star", title: "t", body: "{}", createdAt: T0 },
        3600,
      );
      const added = await store.addReview(g, id, review("ann"), credit("ann", T0), { points: 5, perDay: 2 });
      points.push(added.status === "added" ? added.points : -1);
    }
    expect(points).toEqual([5, 5, 0]);
    expect(await store.memberStats(g, "ann")).toMatchObject({ reviews: 3, mocks: 5 });
    expect((await store.leaderboard(g, { kind: "all" }, "ann", 10)).me?.score).toBe(50);
  });

  it("counts study actions per member's local day for the calendar and keeps only the newest days", async () => {
    // 20:00 UTC on 4 May is already 5 May in Tokyo: the group's zone decides the day.
    const late = Date.parse("2026-05-04T20:00:00Z");
    const tokyo = (id: string, now = late) => credit(id, now, "Asia/Tokyo");
    await store.createRound(
      g,
      round("rd", { timezone: "Asia/Tokyo", startedAt: late, closesAt: late + 60_000 }),
      120,
    );
    expect(await store.answerRound(g, "rd", 1, late + 1000, tokyo("ann"))).toMatchObject({
      status: "accepted",
    });
    expect(await store.checkIn(g, "plan", 1, tokyo("ann"))).toMatchObject({ status: "recorded" });
    // A second press of Done is no study action.
    expect(await store.checkIn(g, "plan", 1, tokyo("ann"))).toMatchObject({ status: "already" });
    await store.creditAction(g, tokyo("ann"), { points: 10, perDay: 1 }, "mocks");
    await store.createMock(
      g,
      { id: "md", author: "zoe", authorName: "Zoe", kind: "star", title: "t", body: "{}", createdAt: late },
      3600,
    );
    const review = { reviewer: "ann", reviewerName: "Ann", scores: { a: 3 }, comment: "" };
    await store.addReview(g, "md", review, tokyo("ann"), { points: 5, perDay: 2 });
    await store.creditAction(g, tokyo("ann", late + 24 * 3600_000), { points: 10, perDay: 1 }, "mocks");
    expect(await store.studyDays(g, "ann")).toEqual({ "2026-05-05": 4, "2026-05-06": 1 });
    expect(await store.studyDays(g, "nobody")).toEqual({});

    // Points per ISO week, zero for weeks without any.
    const week = periodsAt(late, "Asia/Tokyo").week;
    const points = await store.weekPoints(g, "ann", [week, "2026-W01"]);
    expect(points["2026-W01"]).toBe(0);
    expect(points[week]).toBe((await store.leaderboard(g, { kind: "week", key: week }, "ann", 1)).me?.score);

    // 150 study days in a row: the oldest go, and the newest 120 at least are always there.
    const start = Date.parse("2026-01-01T12:00:00Z");
    for (let d = 0; d < 150; d++)
      await store.creditAction(
        g,
        credit("bob", start + d * 24 * 3600_000),
        { points: 1, perDay: 1 },
        "mocks",
      );
    const days = Object.keys(await store.studyDays(g, "bob")).sort();
    expect(days.length).toBeGreaterThanOrEqual(120);
    expect(days.length).toBeLessThanOrEqual(140);
    expect(days[days.length - 1]).toBe(periodsAt(start + 149 * 24 * 3600_000, "UTC").day);
    expect(days).toContain(periodsAt(start + 30 * 24 * 3600_000, "UTC").day);
  });

  it("keeps a mock answer with its message, thread and reviewers, refusing own, second and unknown reviews", async () => {
    const review = (reviewer: string, comment: string) => ({
      reviewer,
      reviewerName: reviewer.toUpperCase(),
      scores: { situation: 4 },
      comment,
    });
    const reward = { points: 5, perDay: 10 };
    const mock = {
      id: "mk",
      author: "zoe",
      authorName: "Zoe",
      kind: "star" as const,
      title: "An outage",
      body: '{"situation":"s"}',
      createdAt: T0,
    };
    await store.createMock(g, mock, 3600);
    await store.setMockRefs(g, "mk", {
      message: { platform: "test", channel: "c", id: "m1" },
      thread: { platform: "test", channel: "c", id: "t1", thread: "m1" },
    });
    await store.setMockRefs(g, "gone", { message: { platform: "test", channel: "c", id: "m9" } });
    expect(await store.getMock(g, "gone")).toBeUndefined();
    expect(await store.addReview(g, "mk", review("zoe", ""), credit("zoe", T0), reward)).toEqual({
      status: "own",
    });
    expect(await store.addReview(g, "gone", review("ann", ""), credit("ann", T0), reward)).toEqual({
      status: "missing",
    });
    const first = await store.addReview(g, "mk", review("ann", "Clear."), credit("ann", T0), reward);
    expect(first).toEqual({ status: "added", reviews: [review("ann", "Clear.")], points: 5 });
    expect(await store.addReview(g, "mk", review("ann", "Again"), credit("ann", T0), reward)).toEqual({
      status: "already",
    });
    const second = await store.addReview(g, "mk", review("bob", "Short."), credit("bob", T0), reward);
    expect(second.status === "added" && second.reviews).toHaveLength(2);
    const kept = await store.getMock(g, "mk");
    expect({ ...kept, reviewers: kept?.reviewers?.sort() }).toEqual({
      ...mock,
      message: { platform: "test", channel: "c", id: "m1" },
      thread: { platform: "test", channel: "c", id: "t1", thread: "m1" },
      reviewers: ["ann", "bob"],
    });
  });

  it("lists every member who has studied, with names and stats", async () => {
    await store.checkIn(g, "plan", 1, credit("ann", T0));
    await store.creditAction(g, credit("bob", T0), { points: 10, perDay: 3 }, "mocks");
    const members = (await store.members(g)).sort((a, b) => a.memberId.localeCompare(b.memberId));
    expect(members).toEqual([
      {
        memberId: "ann",
        name: "ANN",
        stats: expect.objectContaining({ checkIns: 1, current: 1, progress: { plan: 1 } }),
      },
      { memberId: "bob", name: "BOB", stats: expect.objectContaining({ mocks: 1, current: 1 }) },
    ]);
    expect(await store.members("test:w:nobody")).toEqual([]);
  });

  it("keeps the list of groups with daily posts on", async () => {
    await store.markScheduled("test:w:a", true);
    await store.markScheduled("test:w:b", true);
    await store.markScheduled("test:w:a", false);
    expect(await store.scheduledGroups()).toEqual(["test:w:b"]);
  });

  it("accepts one answer per member, scores with the speed rule, and reports repeats", async () => {
    await store.createRound(g, round("r1"), 120);
    const at = T0 + 15_000;
    const right = await store.answerRound(g, "r1", 1, at, credit("alice", at));
    // 10 for the answer, plus the speed bonus: ceil(5 × the 45 of 60 seconds still left) = 4.
    expect(right).toEqual({ status: "accepted", correct: true, points: 14 });
    expect(right.status === "accepted" && right.points).toBe(14);
    expect(await store.answerRound(g, "r1", 2, at, credit("alice", at))).toEqual({
      status: "already",
      choice: 1,
    });
    expect(await store.answerRound(g, "r1", 0, at, credit("bob", at))).toEqual({
      status: "accepted",
      correct: false,
      points: 0,
    });
    // While the round is open, the boards and the counts of right answers tell nobody who was right.
    expect(await store.leaderboard(g, { kind: "all" }, "bob", 10)).toMatchObject({ top: [], members: 0 });
    expect(await store.memberStats(g, "alice")).toMatchObject({ answers: 1, correct: 0, current: 1 });
    await store.closeRound(g, "r1");
    const board = await store.leaderboard(g, { kind: "all" }, "bob", 10);
    expect(board.top).toEqual([{ memberId: "alice", name: "ALICE", score: 14, rank: 1 }]);
    expect(board.me).toBeUndefined();
    const week = await store.leaderboard(g, { kind: "week", key: periodsAt(T0, "UTC").week }, "alice", 10);
    expect(week.me?.score).toBe(14);
    expect(await store.memberStats(g, "alice")).toMatchObject({
      answers: 1,
      correct: 1,
      current: 1,
      best: 1,
    });
    expect(await store.memberStats(g, "bob")).toMatchObject({ answers: 1, correct: 0, current: 1 });
  });

  it("credits a round's points once, whoever closes it, however often, and reopened", async () => {
    await store.createRound(g, round("rp"), 3600);
    await store.answerRound(g, "rp", 1, T0, credit("ann", T0));
    await store.answerRound(g, "rp", 0, T0, credit("bob", T0));
    const closers = await Promise.all([1, 2, 3, 4].map(() => store.closeRound(g, "rp")));
    expect(closers.filter(Boolean)).toHaveLength(1);
    await store.reopenRound(g, "rp", T0 + 90_000);
    expect(await store.closeRound(g, "rp")).toBeDefined();
    expect((await store.leaderboard(g, { kind: "all" }, "ann", 10)).top).toEqual([
      { memberId: "ann", name: "ANN", score: 15, rank: 1 },
    ]);
    expect(await store.memberStats(g, "ann")).toMatchObject({ answers: 1, correct: 1 });
  });

  it("closes a round nobody answered without crediting anyone", async () => {
    await store.createRound(g, round("rn"), 120);
    expect(await store.closeRound(g, "rn")).toMatchObject({ answers: [] });
    expect(await store.leaderboard(g, { kind: "all" }, "x", 10)).toMatchObject({ top: [], members: 0 });
  });

  it("keeps the order a round shows its options in, and scores the shown index against it", async () => {
    await store.createRound(g, round("ro", { order: [2, 0, 3, 1], answer: 3 }), 120);
    expect(await store.getRound(g, "ro")).toMatchObject({ order: [2, 0, 3, 1], answer: 3 });
    expect(await store.answerRound(g, "ro", 3, T0, credit("ann", T0))).toMatchObject({ correct: true });
    expect(await store.answerRound(g, "ro", 1, T0, credit("bob", T0))).toMatchObject({ correct: false });
    expect((await store.closeRound(g, "ro"))?.round.order).toEqual([2, 0, 3, 1]);
    await store.createRound(g, round("rw"), 120);
    expect((await store.getRound(g, "rw"))?.order).toBeUndefined();
  });

  it("gives the full speed bonus at the start and at least 1 just before the close", async () => {
    await store.createRound(g, round("rs"), 120);
    expect(await store.answerRound(g, "rs", 1, T0, credit("first", T0))).toMatchObject({ points: 15 });
    const last = T0 + 59_999;
    expect(await store.answerRound(g, "rs", 1, last, credit("last", last))).toMatchObject({ points: 11 });
  });

  it("refuses answers after the closing time, after closing, for unknown rounds and bad choices", async () => {
    await store.createRound(g, round("r2"), 120);
    const late = T0 + 60_000;
    expect(await store.answerRound(g, "r2", 1, late, credit("a", late))).toEqual({ status: "closed" });
    expect(await store.answerRound(g, "nope", 1, T0, credit("a", T0))).toEqual({ status: "missing" });
    expect(await store.answerRound(g, "r2", 4, T0, credit("a", T0))).toEqual({ status: "missing" });
    expect(await store.answerRound(g, "r2", 1, T0, credit("a", T0, "Europe/Paris"))).toEqual({
      status: "wrong-zone",
      timezone: "UTC",
    });
    await store.closeRound(g, "r2");
    expect(await store.answerRound(g, "r2", 1, T0 + 1, credit("a", T0))).toEqual({ status: "closed" });
    expect(await store.leaderboard(g, { kind: "all" }, "a", 10)).toMatchObject({ top: [], members: 0 });
  });

  it("closes a round once, handing its answers with names to the first closer only", async () => {
    await store.createRound(g, round("r3"), 120);
    await store.setRoundMessage(g, "r3", { platform: "test", channel: "c", id: "m1" });
    await store.answerRound(g, "r3", 1, T0 + 1000, credit("alice", T0));
    await store.answerRound(g, "r3", 3, T0 + 2000, credit("bob", T0));
    expect(await store.dueRounds(T0 + 59_999, 10)).toEqual([]);
    expect(await store.dueRounds(T0 + 60_000, 10)).toEqual([{ group: g, roundId: "r3" }]);
    const [a, b] = await Promise.all([store.closeRound(g, "r3"), store.closeRound(g, "r3")]);
    const closed = a ?? b;
    expect([a, b].filter(Boolean)).toHaveLength(1);
    expect(closed?.round).toMatchObject({ id: "r3", questionId: "q1", answer: 1, message: { id: "m1" } });
    expect(closed?.answers.sort((x, y) => x.at - y.at)).toEqual([
      { memberId: "alice", name: "ALICE", choice: 1, at: T0 + 1000, points: 15 },
      { memberId: "bob", name: "BOB", choice: 3, at: T0 + 2000, points: 0 },
    ]);
    // Closed rounds stay due until finished: what follows the close is done by whoever finds them.
    expect(await store.dueRounds(T0 + 60_000, 10)).toEqual([{ group: g, roundId: "r3" }]);
    await store.finishRound(g, "r3");
    expect(await store.dueRounds(T0 + 60_000, 10)).toEqual([]);
    expect(await store.getRound(g, "r3")).toMatchObject({ id: "r3" });
  });

  it("applies a closed round's reviews to every answerer once, however many closers try", async () => {
    await store.createRound(g, round("rm", { questionId: "qm" }), 3600);
    await store.answerRound(g, "rm", 1, T0 + 1000, credit("ann", T0));
    await store.answerRound(g, "rm", 0, T0 + 2000, credit("bob", T0));
    // Nothing to apply before the close.
    expect(await store.applyRoundMemory(g, "rm")).toBe("done");
    expect(await store.memoryCards(g, "ann")).toEqual(new Map());
    await store.closeRound(g, "rm");
    const tries = await Promise.all([1, 2, 3].map(() => store.applyRoundMemory(g, "rm")));
    expect(tries.filter((t) => t === "applied")).toHaveLength(1);
    const ann = (await store.memoryCards(g, "ann")).get("qm");
    const bob = (await store.memoryCards(g, "bob")).get("qm");
    expect(ann).toMatchObject({ answers: 1, correct: 1, reps: 1, lastDay: "2026-05-04" });
    expect(bob).toMatchObject({ answers: 1, correct: 0, dueDay: "2026-05-05" });
    // A reopened and re-closed round is not reviewed twice.
    await store.reopenRound(g, "rm", T0 + 90_000);
    await store.closeRound(g, "rm");
    expect(await store.applyRoundMemory(g, "rm")).toBe("done");
    expect((await store.memoryCards(g, "ann")).get("qm")?.answers).toBe(1);
    // What is due: a range query on the member's due index, by local day.
    const nextDay = Date.parse("2026-05-05T00:00:00Z");
    expect(await store.dueQuestions(g, "bob", nextDay - 1, 10)).toEqual([]);
    expect(await store.dueQuestions(g, "bob", nextDay, 10)).toEqual(["qm"]);
    expect(await store.dueCount(g, "bob", nextDay)).toBe(1);
    expect(await store.dueCount(g, "ann", nextDay)).toBe(0);
  });

  it("adds to a card the member already has, from round to round", async () => {
    await store.createRound(g, round("m1", { questionId: "qq" }), 3600);
    await store.answerRound(g, "m1", 0, T0, credit("cy", T0));
    await store.closeRound(g, "m1");
    await store.applyRoundMemory(g, "m1");
    const later = T0 + 2 * 24 * 3600_000;
    await store.createRound(
      g,
      round("m2", { questionId: "qq", startedAt: later, closesAt: later + 60_000 }),
      3600,
    );
    await store.answerRound(g, "m2", 1, later, credit("cy", later));
    await store.closeRound(g, "m2");
    expect(await store.applyRoundMemory(g, "m2")).toBe("applied");
    expect((await store.memoryCards(g, "cy")).get("qq")).toMatchObject({
      answers: 2,
      correct: 1,
      lastDay: "2026-05-06",
    });
  });

  it("answers a practice step once, moves on only from an answered step, and caps its points a day", async () => {
    const session = { id: "ps1", questions: ["qa", "qb"], step: 0, order: [1, 0], answered: false, right: 0 };
    await store.startPractice(g, "pat", session, 600);
    expect(await store.practiceSession(g, "pat")).toEqual(session);
    const reward = { points: 2, perDay: 1 };
    const answer = (step: number, questionId: string, correct = true, sessionId = "ps1") =>
      store.answerPractice(
        g,
        "pat",
        { sessionId, step, questionId, correct, at: T0 },
        credit("pat", T0),
        reward,
      );
    expect(await store.advancePractice(g, "pat", "ps1", 0, [0, 1])).toBe("stale");
    expect(await answer(0, "qa")).toEqual({ status: "answered", points: 2 });
    expect(await answer(0, "qa")).toEqual({ status: "already" });
    expect(await answer(1, "qb")).toEqual({ status: "stale" });
    expect(await answer(0, "qa", true, "other")).toEqual({ status: "missing" });
    expect(await store.advancePractice(g, "pat", "ps1", 0, [0, 1])).toBe("moved");
    expect(await store.advancePractice(g, "pat", "ps1", 0, [0, 1])).toBe("stale");
    // Past the day's limit a right answer still counts, for no points.
    expect(await answer(1, "qb")).toEqual({ status: "answered", points: 0 });
    expect(await store.advancePractice(g, "pat", "ps1", 1, [])).toBe("finished");
    expect((await store.memoryCards(g, "pat")).get("qa")).toMatchObject({ answers: 1, correct: 1 });
    expect(await store.memberStats(g, "pat")).toMatchObject({ current: 1 });
    expect((await store.leaderboard(g, { kind: "all" }, "pat", 10)).me?.score).toBe(2);
    expect(await store.endPractice(g, "pat", "other")).toBeUndefined();
    expect(await store.endPractice(g, "pat", "ps1")).toMatchObject({ right: 2, step: 1, answered: true });
    expect(await store.practiceSession(g, "pat")).toBeUndefined();
  });

  it("remembers recently asked questions, newest first", async () => {
    await store.createRound(g, round("ra", { questionId: "qa" }), 120);
    await store.createRound(g, round("rb", { questionId: "qb" }), 120);
    expect(await store.recentQuestions(g)).toEqual(["qb", "qa"]);
  });

  it("records a check-in once per plan day but counts every day for the streak", async () => {
    const day1 = Date.parse("2026-05-04T08:00:00Z");
    const day2 = Date.parse("2026-05-05T08:00:00Z");
    expect(await store.checkIn(g, "plan", 1, credit("m", day1))).toEqual({
      status: "recorded",
      points: 5,
      streak: 1,
    });
    expect(await store.checkIn(g, "plan", 1, credit("m", day1))).toEqual({ status: "already", streak: 1 });
    expect(await store.checkIn(g, "plan", 1, credit("m", day2))).toEqual({ status: "already", streak: 2 });
    expect(await store.memberStats(g, "m")).toMatchObject({
      current: 2,
      best: 2,
      checkIns: 1,
      lastActive: "2026-05-05",
    });
    expect((await store.leaderboard(g, { kind: "all" }, "m", 10)).me?.score).toBe(5);
  });

  it("extends a streak on consecutive days, restarts it after a gap and keeps the best", async () => {
    const days = ["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-05", "2026-05-05", "2026-05-06"];
    for (const [i, day] of days.entries()) {
      await store.checkIn(g, "plan", i + 1, credit("s", Date.parse(`${day}T12:00:00Z`)));
    }
    expect(await store.memberStats(g, "s")).toMatchObject({ current: 2, best: 3, lastActive: "2026-05-06" });
    // An action stamped with an earlier day (a zone change) never rewinds the streak.
    await store.checkIn(g, "plan", 9, credit("s", Date.parse("2026-05-04T12:00:00Z")));
    expect(await store.memberStats(g, "s")).toMatchObject({ current: 2, best: 3, lastActive: "2026-05-06" });
  });

  it("spends a freeze per missed day while one is held, caps them at two and ends a run they cannot cover", async () => {
    const study = (member: string, day: string, weekdaysOnly = false) =>
      store.creditAction(g, dayCredit(member, day, weekdaysOnly), { points: 0, perDay: 0 }, "mocks");
    const run = async (member: string, from: string, n: number) => {
      for (let i = 0; i < n; i++) await study(member, addDays(from, i));
    };
    // 7 days earn one; a missed day spends it and the run goes on (the covered day adds nothing).
    await run("one", "2026-03-01", 7);
    expect(await store.memberStats(g, "one")).toMatchObject({ current: 7, freezes: 1, freezeDays: [] });
    await study("one", "2026-03-09");
    expect(await store.memberStats(g, "one")).toMatchObject({
      current: 8,
      freezes: 0,
      freezeDays: ["2026-03-08"],
    });
    // 14 days earn two, which cover two missed days in a row.
    await run("two", "2026-03-01", 14);
    expect(await store.memberStats(g, "two")).toMatchObject({ current: 14, freezes: 2 });
    await study("two", "2026-03-17");
    expect(await store.memberStats(g, "two")).toMatchObject({
      current: 15,
      best: 15,
      freezes: 0,
      freezeDays: ["2026-03-15", "2026-03-16"],
    });
    // Three missed days with two held: both go on the first two, the third ends the run.
    await run("three", "2026-03-01", 14);
    await study("three", "2026-03-18");
    expect(await store.memberStats(g, "three")).toMatchObject({
      current: 1,
      best: 14,
      freezes: 0,
      freezeDays: ["2026-03-15", "2026-03-16"],
    });
    // 21 and 28 days would earn a third and a fourth: two is the most held.
    await run("cap", "2026-03-01", 28);
    expect(await store.memberStats(g, "cap")).toMatchObject({ current: 28, freezes: 2 });
    // Weekday-only: the weekend is no missed day, Friday is; weekend days never spend one.
    await run("wk", "2026-06-01", 5); // Mon-Fri
    await study("wk", "2026-06-08", true);
    await study("wk", "2026-06-09", true);
    expect(await store.memberStats(g, "wk")).toMatchObject({ current: 7, freezes: 1 });
    await study("wk", "2026-06-15", true); // Wed to Fri missed: one freeze is not enough
    expect(await store.memberStats(g, "wk")).toMatchObject({
      current: 1,
      freezes: 0,
      freezeDays: ["2026-06-10"],
    });
  });

  it("records after missed days exactly the freezes and streak /streak showed before", async () => {
    // A fixed pseudo-random walk of study days, missing 0 to 4 days between, on both calendars.
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (const weekdaysOnly of [false, true]) {
      const member = weekdaysOnly ? "walker-wk" : "walker";
      const calendar = { timezone: "UTC", weekdaysOnly };
      let day = "2026-01-05";
      for (let i = 0; i < 200; i++) {
        const now = Date.parse(`${day}T12:00:00Z`);
        const shown = liveStreak(await store.memberStats(g, member), now, calendar);
        await store.creditAction(g, dayCredit(member, day, weekdaysOnly), { points: 0, perDay: 0 }, "mocks");
        const after = await store.memberStats(g, member);
        const current = shown.current + 1;
        const earned = current % FREEZE_RULE.studyDaysPerFreeze === 0 && shown.freezes < FREEZE_RULE.maxHeld;
        expect({ day, ...after }).toMatchObject({
          day,
          lastActive: day,
          current,
          freezes: shown.freezes + (earned ? 1 : 0),
          freezeDays: shown.freezeDays,
        });
        const r = next();
        day = addDays(day, r < 0.8 ? 1 : r < 0.9 ? 2 : r < 0.95 ? 3 : r < 0.98 ? 4 : 5);
      }
      // The walk spent more freezes than are remembered: the oldest were dropped, as the display drops them.
      expect((await store.memberStats(g, member)).freezeDays).toHaveLength(FREEZE_RULE.spentDaysKept);
    }
  });

  it("ranks ties together and finds the caller's rank beyond the top", async () => {
    const scores = [30, 20, 20, 10, 5];
    for (const [i, pts] of scores.entries()) {
      for (let n = 0; n < pts / 5; n++) await store.checkIn(g, "plan", n + 1, credit(`m${i}`, T0));
    }
    const board = await store.leaderboard(g, { kind: "all" }, "m4", 3);
    expect(board.top.map((e) => [e.score, e.rank])).toEqual([
      [30, 1],
      [20, 2],
      [20, 2],
    ]);
    expect(board.me).toEqual({ memberId: "m4", name: "M4", score: 5, rank: 5 });
    expect(board.members).toBe(5);
  });

  it("keeps week and month boards apart and groups apart", async () => {
    const sunday = Date.parse("2026-05-31T12:00:00Z");
    const monday = Date.parse("2026-06-01T12:00:00Z");
    await store.checkIn(g, "plan", 1, credit("x", sunday));
    await store.checkIn(g, "plan", 2, credit("x", monday));
    await store.checkIn("test:w:other", "plan", 1, credit("x", monday));
    const week = (key: string) => store.leaderboard(g, { kind: "week", key }, "x", 10);
    const month = (key: string) => store.leaderboard(g, { kind: "month", key }, "x", 10);
    expect((await week("2026-W22")).me?.score).toBe(5);
    expect((await week("2026-W23")).me?.score).toBe(5);
    expect((await month("2026-05")).me?.score).toBe(5);
    expect((await month("2026-06")).me?.score).toBe(5);
    expect((await store.leaderboard(g, { kind: "all" }, "x", 10)).me?.score).toBe(10);
    expect((await store.leaderboard("test:w:other", { kind: "all" }, "x", 10)).me?.score).toBe(5);
  });
});

describe.each<Engine>(["redis", "cluster", "embedded"])("store contract, reopening: %s", (engine) => {
  it("puts a closed round back in the due list at the retry time, once, and never reopens an open one", async () => {
    const store = await storeOn(engine);
    const g = "test:w:r";
    await store.createRound(g, round("rr"), 3600);
    await store.answerRound(g, "rr", 1, T0 + 1000, credit("alice", T0));
    expect(await store.closeRound(g, "rr")).toBeDefined();
    await store.reopenRound(g, "rr", T0 + 90_000);
    expect(await store.dueRounds(T0 + 89_999, 10)).toEqual([]);
    expect(await store.dueRounds(T0 + 90_000, 10)).toEqual([{ group: g, roundId: "rr" }]);
    // Still refusing answers: the round is past its closing time.
    expect(await store.answerRound(g, "rr", 1, T0 + 90_000, credit("bob", T0))).toEqual({ status: "closed" });
    const again = await store.closeRound(g, "rr");
    expect(again?.answers.map((a) => a.memberId)).toEqual(["alice"]);
    expect(await store.closeRound(g, "rr")).toBeUndefined();
    await store.close();
  });
});

it("refuses a key prefix with a brace, which would split a group's keys across Cluster slots", () => {
  expect(() => new RedisStore(createEmbeddedRedis(), { prefix: "sg{x}", scoring: DEFAULT_SCORING })).toThrow(
    /may not contain \{ or \}/,
  );
});

/**
 * Production's clock: Redis server time, read by the scripts, whatever instant a caller passes. Not
 * on the embedded engine, whose TIME is off by up to a second and which serves one process alone
 * (the playground times rounds by its own clock there).
 */
describe.each<Engine>(["redis", "cluster"])("store contract, one clock: %s", (engine) => {
  let store: Store;
  const g = "test:w:clock";
  beforeEach(async () => {
    store = await storeOn(engine, "redis");
  });
  afterEach(async () => {
    await store.close();
  });

  it("opens a round at Redis time and judges clicks and the bonus by it, not by the callers' clocks", async () => {
    // The starter's clock is an hour slow; the answering process's clock is a day fast.
    const slow = Date.now() - 3_600_000;
    const fast = Date.now() + 86_400_000;
    const before = Date.now();
    await store.createRound(g, round("rc", { startedAt: slow, closesAt: slow + 60_000 }), 120);
    const stored = await store.getRound(g, "rc");
    expect(stored?.startedAt).toBeGreaterThanOrEqual(before - 1000);
    expect(stored?.startedAt).toBeLessThanOrEqual(Date.now() + 1000);
    expect((stored?.closesAt ?? 0) - (stored?.startedAt ?? 0)).toBe(60_000);
    expect(await store.answerRound(g, "rc", 1, fast, credit("ann", fast))).toEqual({
      status: "accepted",
      correct: true,
      points: 15,
    });
    expect(await store.dueRounds(fast, 10)).toEqual([]);
    const [answer] = (await store.closeRound(g, "rc"))?.answers ?? [];
    expect(answer?.at).toBeGreaterThanOrEqual(stored?.startedAt ?? 0);
    expect(answer?.at).toBeLessThan(stored?.closesAt ?? 0);
  });

  it("closes a round when Redis time passes its end, even for a caller whose clock says it is early", async () => {
    const early = Date.now() - 3_600_000;
    await store.createRound(g, round("rt", { startedAt: early, closesAt: early + 300 }), 120);
    await new Promise((r) => setTimeout(r, 400));
    expect(await store.answerRound(g, "rt", 1, early, credit("ann", early))).toEqual({ status: "closed" });
    expect(await store.dueRounds(early, 10)).toEqual([{ group: g, roundId: "rt" }]);
  });
});

/** The question banks: all-or-nothing saves that re-check the limit, and banks that never meet. */
describe.each<Engine>(["redis", "cluster", "embedded"])("store contract, question banks: %s", (engine) => {
  let store: Store;
  const entry = (id: string, topic = "loop") => ({ id, topic, json: JSON.stringify({ id, topic }) });

  beforeEach(async () => {
    store = await storeOn(engine);
  });
  afterEach(async () => {
    await store.close();
  });

  it("saves all or nothing, refusing taken ids and a save past the limit", async () => {
    const bank = { group: "test:w:c" };
    expect(await store.saveBankQuestions(bank, [entry("a"), entry("b")], 3)).toEqual({
      status: "saved",
      total: 2,
    });
    expect(await store.saveBankQuestions(bank, [entry("c"), entry("a")], 3)).toEqual({
      status: "taken",
      ids: ["a"],
    });
    expect(await store.saveBankQuestions(bank, [entry("c"), entry("d")], 3)).toEqual({
      status: "over-limit",
      total: 2,
    });
    expect([...(await store.bankTopics(bank)).keys()].sort()).toEqual(["a", "b"]);
    expect(await store.saveBankQuestions(bank, [entry("c", "other")], 3)).toEqual({
      status: "saved",
      total: 3,
    });
    expect(await store.bankQuestion(bank, "c")).toEqual(entry("c", "other"));
    expect((await store.bankQuestions(bank)).map((e) => e.id)).toEqual(["a", "b", "c"]);
  });

  it("removes a question or a whole topic", async () => {
    const bank = { group: "test:w:c" };
    await store.saveBankQuestions(bank, [entry("a"), entry("b"), entry("c", "other")], 10);
    expect(await store.removeBankQuestion(bank, "a")).toBe(true);
    expect(await store.removeBankQuestion(bank, "a")).toBe(false);
    expect(await store.removeBankTopic(bank, "other")).toBe(1);
    expect(await store.bankQuestions(bank)).toEqual([entry("b")]);
    expect(await store.bankQuestion(bank, "c")).toBeUndefined();
  });

  it("keeps groups' and workspaces' banks apart", async () => {
    await store.saveBankQuestions({ group: "test:w:c" }, [entry("a")], 10);
    await store.saveBankQuestions({ workspace: "test:w" }, [entry("w")], 10);
    expect(await store.bankQuestions({ group: "test:w:d" })).toEqual([]);
    expect(await store.bankQuestions({ workspace: "test:v" })).toEqual([]);
    expect([...(await store.bankTopics({ workspace: "test:w" })).keys()]).toEqual(["w"]);
    expect(await store.saveBankQuestions({ group: "test:w:d" }, [entry("a")], 10)).toEqual({
      status: "saved",
      total: 1,
    });
  });

  it("keeps a round's question with the round", async () => {
    await store.keepRoundQuestion("test:w:c", "r1", '{"id":"a"}', 60);
    expect(await store.roundQuestion("test:w:c", "r1")).toBe('{"id":"a"}');
    expect(await store.roundQuestion("test:w:d", "r1")).toBeUndefined();
  });
});

describe.each<Engine>(["redis", "cluster", "embedded"])(
  "store contract, reminders and digests: %s",
  (engine) => {
    let store: Store;
    const g = "test:w:c";

    beforeEach(async () => {
      store = await storeOn(engine);
    });
    afterEach(async () => {
      await store.close();
    });

    it("keeps members' reminders and digest choices, and their schedule entries by compare-and-set", async () => {
      await store.setReminder(g, "u1", "19:30");
      await store.setReminder(g, "u2", "07:00");
      await store.setReminder(g, "u2", undefined);
      expect(await store.reminderOf(g, "u1")).toBe("19:30");
      expect([...(await store.reminders(g))]).toEqual([["u1", "19:30"]]);
      await store.setDigest(g, "u1", true);
      expect(await store.wantsDigest(g, "u1")).toBe(true);
      expect(await store.digestMembers(g)).toEqual(["u1"]);
      const entry = { kind: "remind" as const, group: g, memberId: "u1" };
      expect(await store.setNudgeCheck(entry, undefined, T0)).toBe(true);
      expect(await store.setNudgeCheck(entry, undefined, T0 + 1)).toBe(false);
      expect(await store.nudgeCheck(entry)).toBe(T0);
      // The entry rides the daily posts' due index: a tick takes it with the groups.
      expect(await store.takeDuePostChecks(["test"], T0, T0 + 120_000, 8)).toEqual([`${g}|remind|u1`]);
      expect(await store.setNudgeCheck(entry, T0 + 120_000, undefined)).toBe(true);
      expect(await store.nudgeCheck(entry)).toBeUndefined();
    });

    it("lets one claimant send each reminder or digest, and owes a closed-DM notice once", async () => {
      const claim = await store.claimSend(g, "remind:u1:2026-05-04", 60_000);
      expect(claim).toBeDefined();
      expect(await store.claimSend(g, "remind:u1:2026-05-04", 60_000)).toBeUndefined();
      await store.releaseSend(g, "remind:u1:2026-05-04", "claimed:other");
      expect(await store.wasSent(g, "remind:u1:2026-05-04")).toBe(false);
      await store.finishSend(g, "remind:u1:2026-05-04", 60);
      expect(await store.wasSent(g, "remind:u1:2026-05-04")).toBe(true);

      await store.setReminder(g, "u1", "19:30");
      await store.setDigest(g, "u1", true);
      await store.closeDirectMessages(g, "u1", true);
      expect(await store.reminderOf(g, "u1")).toBeUndefined();
      expect(await store.wantsDigest(g, "u1")).toBe(false);
      expect(await store.takeDirectNotice(g, "u1")).toBe(true);
      expect(await store.takeDirectNotice(g, "u1")).toBe(false);
    });

    it("counts a closed round in its day's statistics once, per question and per member and topic", async () => {
      // Round r1 asks q1 (answer 1): u1 right, u2 wrong; r2 asks q2: u2 wrong.
      for (const [id, questionId, answers] of [
        [
          "r1",
          "q1",
          [
            ["u1", 1],
            ["u2", 2],
          ],
        ],
        ["r2", "q2", [["u2", 0]]],
      ] as const) {
        await store.createRound(g, round(id, { questionId }), 3600);
        for (const [member, choice] of answers)
          await store.answerRound(g, id, choice, T0 + 1000, credit(member, T0 + 1000));
      }
      await store.recordRoundStats(g, "2026-05-04", "r1", "nodejs");
      expect((await store.dayStats(g, ["2026-05-04"]))[0]?.questions.size).toBe(0); // still open
      await store.closeRound(g, "r1");
      await store.closeRound(g, "r2");
      await store.recordRoundStats(g, "2026-05-04", "r1", "nodejs");
      await store.recordRoundStats(g, "2026-05-04", "r1", "nodejs");
      await store.recordRoundStats(g, "2026-05-04", "r2", "sql");
      const [day, empty] = await store.dayStats(g, ["2026-05-04", "2026-05-05"]);
      expect(day?.questions).toEqual(
        new Map([
          ["q1", { answers: 2, correct: 1 }],
          ["q2", { answers: 1, correct: 0 }],
        ]),
      );
      expect(day?.members.get("u1")).toEqual(new Map([["nodejs", { answers: 1, correct: 1 }]]));
      expect(day?.members.get("u2")).toEqual(
        new Map([
          ["nodejs", { answers: 1, correct: 0 }],
          ["sql", { answers: 1, correct: 0 }],
        ]),
      );
      expect(empty?.questions.size).toBe(0);
    });
  },
);
