import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RedisSentinelSet } from "../testkit/redis-sentinel.ts";
import { ManualClock } from "./support/harness.ts";
import { discordDriver } from "./support/platforms/discord.ts";
import type { Member, PlatformDriver, Shown } from "./support/platforms/driver.ts";

const TRY_AGAIN = "temporarily unavailable. Please try again";
const LOCKED_IN = "is locked in";
const ALREADY = "You already answered this one";

const said = (shown: Shown[]) => shown.map((s) => s.text).join("\n");

/**
 * The bot on REDIS_URL=redis-sentinel://… when the master dies mid-round: the sentinel promotes the
 * replica, the bot finds it, members whose click met the outage are asked to try again, and every
 * answer acknowledged before, during or after is counted exactly once.
 */
describe("a quiz round across a Sentinel failover", () => {
  const redis = new RedisSentinelSet(1000);
  const clock = new ManualClock(Date.parse("2026-03-02T12:00:00Z"));
  let d: PlatformDriver;

  beforeAll(async () => {
    await redis.start();
    await redis.waitForReplicaKnown();
    d = await discordDriver.start({ redisUrl: redis.url, clock });
  }, 30_000);
  afterAll(async () => {
    await d?.stop();
    await redis.stop();
  });

  it("asks a member to try again when no replica took the answer in time, and counts the retry once", async () => {
    const post = (await d.command(d.members.bob, "quiz", { topic: "nodejs" })).find((s) =>
      s.actions.some((a) => a.startsWith("quiz.answer")),
    );
    const roundId = post?.actions[0]?.split(":")[1] ?? "";
    const round = await d.bot.app.services.store.getRound(d.group, roundId);
    if (!round) throw new Error("the round was not stored");
    const carol = d.members.carol;
    // The replica stalls for a second: the master runs the answer, but no replica acknowledges it.
    const stalled = redis.stallReplica(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(said(await d.click(carol, `quiz.answer:${roundId}:${round.answer}`))).toContain(TRY_AGAIN);
    await stalled;
    expect(said(await d.click(carol, `quiz.answer:${roundId}:${round.answer}`))).toContain(ALREADY);
    expect((await d.bot.app.services.store.memberStats(d.group, carol.id)).answers).toBe(1);
    expect((await d.bot.app.services.store.closeRound(d.group, roundId))?.answers).toHaveLength(1);
  });

  it("promotes the replica, asks members in flight to try again, and loses or doubles no answer", async () => {
    const started = Date.now();
    const members: Member[] = Array.from({ length: 8 }, (_, i) => ({ id: String(900 + i), name: `M${i}` }));
    const post = (await d.command(d.members.alice, "quiz", { topic: "nodejs" })).find((s) =>
      s.actions.some((a) => a.startsWith("quiz.answer")),
    );
    const roundId = post?.actions[0]?.split(":")[1] ?? "";
    const round = await d.bot.app.services.store.getRound(d.group, roundId);
    if (!round) throw new Error("the round was not stored");
    const click = (m: Member) => d.click(m, `quiz.answer:${roundId}:${round.answer}`);

    // Acknowledged before the crash.
    const before = members.slice(0, 4);
    for (const m of before) expect(said(await click(m))).toContain(LOCKED_IN);

    await redis.killMaster();
    // Clicks while no master answers: each is either refused with "try again" or, once the bot has
    // found the promoted replica, locked in; never silently dropped.
    const acknowledged = new Set(before.map((m) => m.id));
    const during = members.slice(4);
    const toldToRetry = new Set<string>();
    for (const m of during) {
      const reply = said(await click(m));
      if (reply.includes(LOCKED_IN)) acknowledged.add(m.id);
      else {
        expect(reply).toContain(TRY_AGAIN);
        toldToRetry.add(m.id);
      }
    }
    expect(toldToRetry.size, "some click should meet the outage").toBeGreaterThan(0);

    await redis.waitForPromotion(15_000);
    // The bot reconnects by itself; each member told to try again does, until the answer is taken.
    for (const m of during.filter((x) => toldToRetry.has(x.id))) {
      const deadline = Date.now() + 10_000;
      let reply = "";
      while (Date.now() < deadline) {
        reply = said(await click(m));
        if (!reply.includes(TRY_AGAIN)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      // Locked in now, or found already there: a refused click that had reached Redis is not lost.
      expect(reply).toMatch(new RegExp(`${LOCKED_IN}|${ALREADY}`));
      acknowledged.add(m.id);
    }
    // Every answer acknowledged before the crash survived the failover.
    for (const m of before) expect(said(await click(m))).toContain(ALREADY);

    clock.advance(60_000);
    await d.bot.app.closer.sweep();
    const result = (await d.sentOnItsOwn()).find((s) => s.text.includes("Quiz closed"));
    expect(result?.text).toContain(`Got it right: ${members.length} of ${members.length}`);
    for (const m of members) {
      expect((await d.bot.app.services.store.memberStats(d.group, m.id)).answers, m.name).toBe(1);
    }
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 40_000);
});
